import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import type { HealthCheckResult } from '../result';
import { parseBaselineResult } from './baselineResult';
import { TREND_RUNS } from './compare';
import type { BaselineRun } from './types';

/** One file per run: `<startedAt>_<source>_<org or "metadata">.json`, names sort by time. */
function runFileName(result: Pick<HealthCheckResult, 'startedAt' | 'source' | 'orgId'>): string {
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  return `${stamp}_${result.source}_${scopeOf(result)}.json`;
}

function scopeOf(result: Pick<HealthCheckResult, 'source' | 'orgId'>): string {
  return (result.orgId ?? result.source).replace(/[^\w-]/g, '');
}

function checkDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UsageError('InvalidHistoryDir', `--history: ${dir} is a file, not a folder.`, ['Give a folder the runs are kept in.']);
}

/** The runs of the same source and org kept in dir, oldest first (at most the trend's length). */
function runFiles(dir: string, current: Pick<HealthCheckResult, 'source' | 'orgId'>): string[] {
  checkDir(dir);
  if (!existsSync(dir)) return [];
  const suffix = `_${current.source}_${scopeOf(current)}.json`;
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .slice(-TREND_RUNS)
    .map((name) => join(dir, name));
}

/**
 * The last run kept in dir for this source and org, with the earlier ones as its trend; undefined
 * when none is kept yet. A file that is not a result stops the run (exit 2) rather than being
 * skipped: a silently ignored baseline would mark every finding new.
 */
export function lastKeptRun(dir: string, current: Pick<HealthCheckResult, 'source' | 'orgId'>): BaselineRun | undefined {
  const files = runFiles(dir, current);
  if (files.length === 0) return undefined;
  const runs = files.map((file) => parseBaselineResult(readFileSync(file, 'utf8'), file, '--history'));
  const last = runs[runs.length - 1];
  last.trend = runs.slice(0, -1).map((run) => ({ startedAt: run.startedAt, score: run.score, grade: run.grade, counts: run.counts }));
  return last;
}

/** Keeps this run in dir for the next `--since last`. Returns the file written. */
export function keepRun(dir: string, result: HealthCheckResult, serialize: (result: HealthCheckResult) => string): string {
  checkDir(dir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, runFileName(result));
  writeFileSync(file, `${serialize(result)}\n`);
  return file;
}
