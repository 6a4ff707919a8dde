import type { Connection } from '@salesforce/core';
import { UsageError } from '../../lib/errors';
import type { FailOn, HealthCheckResult } from '../result';
import { severityAtLeast } from '../scoring';
import { loadBaselineResult } from './baselineResult';
import { compareWithBaseline } from './compare';
import { keepRun, lastKeptRun } from './historyDir';
import { lastPushedRun } from './orgHistory';
import type { BaselineRun } from './types';

export type HistoryFlags = {
  baselineResult?: string;
  since?: 'last';
  history?: string;
  failOnNew: FailOn;
};

export function wantsHistory(flags: HistoryFlags): boolean {
  return Boolean(flags.baselineResult || flags.since || flags.history);
}

async function baselineFor(flags: HistoryFlags, result: HealthCheckResult, connection: unknown): Promise<BaselineRun | undefined> {
  if (flags.baselineResult) return loadBaselineResult(flags.baselineResult);
  if (flags.history) return lastKeptRun(flags.history, result);
  if (result.source !== 'org' || !connection)
    throw new UsageError('InvalidFlag', '--since last needs --history DIR offline: only a live run can read the last run from the org.', [
      'Add --history DIR (a folder kept between CI runs, e.g. a cache), or compare with --baseline-result FILE.'
    ]);
  return lastPushedRun(connection as Connection, { source: result.source, org: result.username ?? 'the org' });
}

/**
 * Compares the run with the previous one (a result file, the last run kept in --history, or the
 * last run pushed to the org) and records it in result.history; each finding gets `change` and
 * `firstSeen`. Call before --push: the org's last run must not be this one.
 */
export async function applyHistory(flags: HistoryFlags, result: HealthCheckResult, connection?: unknown): Promise<void> {
  if (!wantsHistory(flags)) return;
  result.history = compareWithBaseline(result, await baselineFor(flags, result, connection));
}

/** Keeps the run in --history DIR (after the push, so the file holds the push summary too). */
export function keepHistory(
  flags: HistoryFlags,
  result: HealthCheckResult,
  redact: (text: string) => string = (text) => text
): string | undefined {
  return flags.history ? keepRun(flags.history, result, (kept) => redact(JSON.stringify(kept, null, 2))) : undefined;
}

/** --fail-on-new: an open finding new since the baseline at or above the severity. */
export function failOnNewBreached(flags: Pick<HistoryFlags, 'failOnNew'>, result: HealthCheckResult): boolean {
  if (flags.failOnNew === 'never' || !result.history) return false;
  const threshold = flags.failOnNew;
  return result.findings.some(
    (finding) => finding.change === 'new' && finding.status === 'open' && severityAtLeast(finding.severity, threshold)
  );
}
