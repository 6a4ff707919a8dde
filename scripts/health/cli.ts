import { writeFileSync } from 'node:fs';
import type { Connection } from '@salesforce/core';
import { ConsoleError, exitCodeOf, formatError } from '../lib/errors';
import { loadBaseline } from './baseline/parse';
import { collectMetadataSnapshot } from './collectors/metadata';
import { collectOrgSnapshot } from './collectors/org';
import { runHealthCheck } from './engine';
import { parseTargets } from './metrics/targets';
import { parseFlags, USAGE, type HealthFlags } from './flags';
import { applyHistory, failOnNewBreached, keepHistory } from './history';
import { notificationLine, planNotifications, sendNotifications } from './notify';
import { pushResult } from './push';
import { render } from './reporters';
import type { HealthCheckResult } from './result';
import { safePush } from './watch/pushSafety';
import { createRedactor, redactingStream } from './watch/redact';
import { severityAtLeast } from './scoring';
import type { OrgSnapshot } from './snapshot';
import { loadSuppressions } from './suppressions';

/** 1 when an open finding breaches --fail-on, else 3 when the run is incomplete (unless --allow-partial), else 0. */
export function exitCodeFor(flags: Pick<HealthFlags, 'failOn' | 'allowPartial'>, result: HealthCheckResult): number {
  if (failOnBreached(flags, result)) return 1;
  return result.complete || flags.allowPartial ? 0 : 3;
}

export function failOnBreached(flags: Pick<HealthFlags, 'failOn'>, result: HealthCheckResult): boolean {
  if (flags.failOn === 'never') return false;
  const threshold = flags.failOn;
  return result.findings.some((finding) => finding.status === 'open' && severityAtLeast(finding.severity, threshold));
}

function summaryLine(result: HealthCheckResult, output: string): string {
  const counts = Object.entries(result.counts)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
  const grade = `${result.grade}${result.complete ? '' : ', incomplete'}`;
  return `Health check: score ${result.score} (${grade}), open findings: ${counts || 'none'}; report written to ${output}`;
}

/** Runs the health check for argv; returns the exit code. Output goes through the given streams. */
export async function main(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream & { isTTY?: boolean } } = process
): Promise<number> {
  const wantsJson = argv.includes('--json');
  // Secrets out of everything written: the streams here, the files below, the notifications.
  const redact = createRedactor();
  io = { stdout: redactingStream(io.stdout, redact), stderr: redactingStream(io.stderr, redact) };
  try {
    const flags = parseFlags(argv);
    if (flags.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const notifyPlan = flags.notify.length > 0 ? planNotifications(flags.notify) : undefined;
    const progress = io.stderr.isTTY ? (message: string) => io.stderr.write(`${message}\n`) : undefined;
    const baseline = loadBaseline(flags.baseline);
    const suppressions = flags.suppressions ? loadSuppressions(flags.suppressions) : [];
    const targets = parseTargets(flags.targets);

    let snapshot: OrgSnapshot;
    let connection: Connection | undefined;
    if (flags.metadataDir) {
      snapshot = await collectMetadataSnapshot(flags.metadataDir, { progress });
    } else {
      ({ snapshot, connection } = await collectOrgSnapshot({
        targetOrg: flags.targetOrg ?? '',
        minApiBudgetShare: flags.apiBudgetMinShare,
        progress,
        callTimeoutMs: flags.apiTimeoutSeconds * 1000,
        deadlineAt: Date.now() + flags.waitMinutes * 60_000
      }));
    }
    const result = runHealthCheck(snapshot, { baseline, suppressions, metadataDir: flags.metadataDir, options: { targets } });
    await applyHistory(flags, result, connection);
    if (flags.push && connection) {
      const org = connection;
      // Unattended-safe: production only with the runner permission set, one push per org at a time.
      result.push = await safePush(org, snapshot, () =>
        pushResult(org, result, snapshot, {
          callTimeoutMs: flags.apiTimeoutSeconds * 1000,
          deadlineAt: Date.now() + flags.waitMinutes * 60_000
        })
      );
    }

    if (notifyPlan) {
      result.notifications = await sendNotifications(notifyPlan, result, { ...flags, connection, snapshot, redact });
      for (const outcome of result.notifications) io.stderr.write(`${notificationLine(outcome)}\n`);
    }
    keepHistory(flags, result, redact);
    // --fail-on-new is a gate like --fail-on: exit 1, which wins over 3 (incomplete).
    const exitCode = failOnNewBreached(flags, result) ? 1 : exitCodeFor(flags, result);
    if (flags.output) {
      writeFileSync(flags.output, `${redact(render(flags.format, result))}\n`);
      io.stderr.write(`${summaryLine(result, flags.output)}\n`);
    }
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ status: exitCode, result }, null, 2)}\n`);
    } else if (!flags.output) {
      io.stdout.write(`${render(flags.format, result)}\n`);
    }
    return exitCode;
  } catch (error) {
    const status = exitCodeOf(error);
    if (wantsJson) {
      const envelope = {
        status,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
        exitCode: status,
        actions: error instanceof ConsoleError ? error.actions : []
      };
      io.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`);
    } else {
      io.stderr.write(`${formatError(error)}\n`);
    }
    return status;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
