import { parseArgv, textFlag, type FlagSpec } from '../lib/argv';
import { UsageError } from '../lib/errors';
import { CHANNELS, type Channel } from './notify/types';
import type { FailOn, ReportFormat } from './result';

export const FORMATS: readonly ReportFormat[] = ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'report'];
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
  /** --targets: a JSON file or id=value pairs for the operating model's targets. */
  targets?: string;
  apiBudgetMinShare: number;
  /** Seconds one API call may go unanswered before it is retried (--api-timeout). */
  apiTimeoutSeconds: number;
  /** Minutes the whole live run may take; what is not read by then is marked unavailable (--wait). */
  waitMinutes: number;
  help: boolean;
  /** History (scripts/health/history): compare with a previous run, keep runs, gate on new findings. */
  baselineResult?: string;
  since?: 'last';
  history?: string;
  failOnNew: FailOn;
  /** Channels to tell the Accountables on (scripts/health/notify); their secrets come from the environment. */
  notify: Channel[];
};

/** Exported for the sf plugin, which declares the same flags to oclif. */
export const SPECS: FlagSpec[] = [
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
  { name: 'targets', kind: 'string' },
  { name: 'api-budget-min-share', kind: 'string' },
  { name: 'api-timeout', kind: 'string' },
  { name: 'wait', short: 'w', kind: 'string' },
  { name: 'help', short: 'h', kind: 'boolean' },
  { name: 'baseline-result', kind: 'string' },
  { name: 'since', kind: 'string' },
  { name: 'history', kind: 'string' },
  { name: 'fail-on-new', kind: 'string' },
  { name: 'notify', kind: 'string' }
];

export const USAGE = `Security Health Check-style analysis of a Salesforce org or of retrieved metadata.

USAGE
  npm run health -- (--target-org ALIAS | --metadata-dir DIR) [flags]

FLAGS
  -o, --target-org=ALIAS|USERNAME   Analyse a live org through its API (logged in with the sf CLI).
  -d, --metadata-dir=DIR            Analyse retrieved metadata (source or Metadata API format), offline.
      --baseline=FILE               Health Check custom baseline XML (default: Salesforce baseline standard).
      --format=FORMAT               table|json|sarif|junit|markdown|html|report (default: table;
                                    report: the quarterly operating-model report).
  -f, --output=FILE                 Write the report to FILE; print a one-line summary on stderr.
      --json                        Print the sf-style JSON envelope {"status":0,"result":{...}} on stdout.
      --fail-on=SEVERITY            critical|high|medium|low|never (default: never): exit 1 when an open
                                    finding at or above SEVERITY exists.
      --push                        Upsert the run and its findings into the org (needs --target-org).
      --allow-partial               Exit 0 rather than 3 when the run is incomplete (rules skipped for
                                    data that could not be read); the report still says incomplete.
      --suppressions=FILE           JSON file of accepted findings: [{ruleId, component, reason, expires}].
      --targets=FILE|ID=N,...       Operating-model targets (JSON file or pairs), e.g. mttd-hours=12,lead-time-days=3.
      --api-budget-min-share=N      Stop collecting when less than this share of the daily API limit
                                    is left (0-1, default 0.1).
      --baseline-result=FILE        Compare with a previous result (--json output or --format json): each
                                    finding new or unchanged with its first-seen date, resolved ones listed.
      --since=last                  Compare with the last run: kept in --history DIR, or (live) pushed to the org.
      --history=DIR                 Keep each run in DIR and compare with the last one kept (trend in reports).
      --fail-on-new=SEVERITY        Like --fail-on, for findings new since the compared run only.
      --notify=CHANNELS             slack,teams,webhook,email: tell each Accountable of their new and breached
                                    findings. URLs and the SMTP password come from CONSOLE_* environment
                                    variables only (README).
      --api-timeout=SECONDS         Give up on an API call unanswered for SECONDS and retry it (default 30).
  -w, --wait=MINUTES                End the live run after MINUTES, answered or not: what was not read is
                                    reported unavailable and the run is incomplete (default 10).
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

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw usageError(`--${flag}: "${value}" must be a positive number.`);
  return parsed;
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
    targets: text('targets'),
    apiBudgetMinShare: 0.1,
    apiTimeoutSeconds: positive('api-timeout', text('api-timeout'), 30),
    waitMinutes: positive('wait', text('wait'), 10),
    help: values.has('help'),
    baselineResult: text('baseline-result'),
    since: text('since') === undefined ? undefined : oneOf('since', text('since')!, ['last'] as const),
    history: text('history'),
    failOnNew: oneOf('fail-on-new', text('fail-on-new') ?? 'never', FAIL_ON),
    notify: [
      ...new Set(
        (text('notify') ?? '')
          .split(',')
          .map((channel) => channel.trim())
          .filter(Boolean)
          .map((channel) => oneOf('notify', channel, CHANNELS))
      )
    ]
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
  if (flags.baselineResult && flags.since) throw usageError('Give one of --baseline-result FILE and --since last, not both.');
  if (flags.failOnNew !== 'never' && !flags.baselineResult && !flags.since && !flags.history)
    throw usageError('--fail-on-new needs a run to compare with: add --baseline-result FILE, --since last or --history DIR.');
  if (flags.since && !flags.history && !flags.targetOrg)
    throw usageError('--since last needs --history DIR offline: only a live run can read the last run from the org.');
  return flags;
}
