import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleError, exitCodeOf, formatError } from '../lib/errors';
import { loadBaseline } from './baseline/parse';
import { collectMetadataSnapshot } from './collectors/metadata';
import { runHealthCheck } from './engine';
import { parseFlags, USAGE, type HealthFlags } from './flags';
import type { HealthCheckResult, PushSummary, ReportFormat } from './result';
import { severityAtLeast } from './scoring';
import type { OrgSnapshot } from './snapshot';
import { loadSuppressions } from './suppressions';

/** Contracts of the modules other engineers own; loaded at run time so this file compiles without them. */
type OrgCollector = {
  collectOrgSnapshot(options: {
    targetOrg: string;
    minApiBudgetShare: number;
    progress?: (message: string) => void;
  }): Promise<{ snapshot: OrgSnapshot; connection: unknown }>;
};
type Pusher = { pushResult(connection: unknown, result: HealthCheckResult, snapshot: OrgSnapshot): Promise<PushSummary> };
type Reporters = { render(format: ReportFormat, result: HealthCheckResult): string };

async function loadModule<T>(relativePath: string, purpose: string): Promise<T> {
  try {
    return (await import(join(__dirname, relativePath))) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT') {
      throw new ConsoleError('ModuleMissing', `${purpose} is not available in this checkout (scripts/health/${relativePath}).`, [
        'Use --metadata-dir and --format json, or update the checkout.'
      ]);
    }
    throw error;
  }
}

async function render(format: ReportFormat, result: HealthCheckResult): Promise<string> {
  try {
    return (await loadModule<Reporters>('reporters/index', `The ${format} reporter`)).render(format, result);
  } catch (error) {
    // JSON needs no reporter: it is the result itself.
    if (format === 'json' && error instanceof ConsoleError && error.name === 'ModuleMissing') return JSON.stringify(result, null, 2);
    throw error;
  }
}

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
  try {
    const flags = parseFlags(argv);
    if (flags.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const progress = io.stderr.isTTY ? (message: string) => io.stderr.write(`${message}\n`) : undefined;
    const baseline = loadBaseline(flags.baseline);
    const suppressions = flags.suppressions ? loadSuppressions(flags.suppressions) : [];

    let snapshot: OrgSnapshot;
    let connection: unknown;
    if (flags.metadataDir) {
      snapshot = await collectMetadataSnapshot(flags.metadataDir, { progress });
    } else {
      const collector = await loadModule<OrgCollector>('collectors/org', 'The live org collector');
      ({ snapshot, connection } = await collector.collectOrgSnapshot({
        targetOrg: flags.targetOrg ?? '',
        minApiBudgetShare: flags.apiBudgetMinShare,
        progress
      }));
    }
    const result = runHealthCheck(snapshot, { baseline, suppressions, metadataDir: flags.metadataDir });
    if (flags.push) {
      const pusher = await loadModule<Pusher>('push', 'Pushing findings');
      result.push = await pusher.pushResult(connection, result, snapshot);
    }

    const exitCode = exitCodeFor(flags, result);
    if (flags.output) {
      writeFileSync(flags.output, `${await render(flags.format, result)}\n`);
      io.stderr.write(`${summaryLine(result, flags.output)}\n`);
    }
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ status: exitCode, result }, null, 2)}\n`);
    } else if (!flags.output) {
      io.stdout.write(`${await render(flags.format, result)}\n`);
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
