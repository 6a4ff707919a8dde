import { parseArgv, textFlag, type FlagSpec } from '../lib/argv';
import { UsageError } from '../lib/errors';
import type { FailOn, ReportFormat } from './result';

export const FORMATS: readonly ReportFormat[] = ['table', 'json', 'sarif', 'junit', 'markdown', 'html'];
export const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'never'];

export type HealthFlags = {
  targetOrg?: string;
  metadataDir?: string;
  baseline?: string;
  format: ReportFormat;
  output?: string;
  json: boolean;
  failOn: FailOn;
  push: boolean;
  /** Exit 0 instead of 3 when some rules could not read their data. */
  allowPartial: boolean;
  suppressions?: string;
  apiBudgetMinShare: number;
  help: boolean;
};

const SPECS: FlagSpec[] = [
  { name: 'target-org', short: 'o', kind: 'string' },
  { name: 'metadata-dir', short: 'd', kind: 'string' },
  { name: 'baseline', kind: 'string' },
  { name: 'format', kind: 'string' },
  { name: 'output', short: 'f', kind: 'string' },
  { name: 'json', kind: 'boolean' },
  { name: 'fail-on', kind: 'string' },
  { name: 'push', kind: 'boolean' },
  { name: 'allow-partial', kind: 'boolean' },
  { name: 'suppressions', kind: 'string' },
  { name: 'api-budget-min-share', kind: 'string' },
  { name: 'help', short: 'h', kind: 'boolean' }
];

export const USAGE = `Security Health Check-style analysis of a Salesforce org or of retrieved metadata.

USAGE
  npm run health -- (--target-org ALIAS | --metadata-dir DIR) [flags]

FLAGS
  -o, --target-org=ALIAS|USERNAME   Analyse a live org through its API (logged in with the sf CLI).
  -d, --metadata-dir=DIR            Analyse retrieved metadata (source or Metadata API format), offline.
      --baseline=FILE               Health Check custom baseline XML (default: Salesforce baseline standard).
      --format=FORMAT               table|json|sarif|junit|markdown|html (default: table).
  -f, --output=FILE                 Write the report to FILE; print a one-line summary on stderr.
      --json                        Print the sf-style JSON envelope {"status":0,"result":{...}} on stdout.
      --fail-on=SEVERITY            critical|high|medium|low|never (default: never): exit 1 when an open
                                    finding at or above SEVERITY exists.
      --push                        Upsert the run and its findings into the org (needs --target-org).
      --allow-partial               Exit 0 rather than 3 when the run is incomplete (rules skipped for
                                    data that could not be read); the report still says incomplete.
      --suppressions=FILE           JSON file of accepted findings: [{ruleId, component, reason, expires}].
      --api-budget-min-share=N      Stop collecting when less than this share of the daily API limit
                                    is left (0-1, default 0.1).
  -h, --help                        Show this help.

EXIT CODES
  0 ok, 1 an open finding at or above --fail-on (or a runtime error), 2 usage or input error,
  3 incomplete run (unless --allow-partial; 1 wins over 3).`;

function usageError(message: string): UsageError {
  return new UsageError('InvalidFlag', message, ['Run `npm run health -- --help` for the flags.']);
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw usageError(`--${flag}: "${value}" is not one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

export function parseFlags(argv: string[]): HealthFlags {
  const values = parseArgv(argv, SPECS, 'npm run health -- --help');
  const text = (name: string) => textFlag(values, name);
  const flags: HealthFlags = {
    targetOrg: text('target-org'),
    metadataDir: text('metadata-dir'),
    baseline: text('baseline'),
    format: oneOf('format', text('format') ?? 'table', FORMATS),
    output: text('output'),
    json: values.has('json'),
    failOn: oneOf('fail-on', text('fail-on') ?? 'never', FAIL_ON),
    push: values.has('push'),
    allowPartial: values.has('allow-partial'),
    suppressions: text('suppressions'),
    apiBudgetMinShare: 0.1,
    help: values.has('help')
  };
  const share = text('api-budget-min-share');
  if (share !== undefined) {
    const parsed = Number(share);
    if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1)
      throw usageError(`--api-budget-min-share: "${share}" must be a number from 0 to 1.`);
    flags.apiBudgetMinShare = parsed;
  }
  if (flags.help) return flags;
  if (flags.targetOrg && flags.metadataDir) throw usageError('Give exactly one of --target-org (-o) and --metadata-dir (-d), not both.');
  if (!flags.targetOrg && !flags.metadataDir) throw usageError('Give exactly one of --target-org (-o) and --metadata-dir (-d).');
  if (flags.push && !flags.targetOrg) throw usageError('--push needs --target-org: findings are pushed into the org they came from.');
  return flags;
}
