import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../../lib/errors';

/**
 * The operating model's targets (../shared/DESIGN.md's metric ids). The defaults are the bull case's:
 * MTTD under a day, MTTR under five days, sandbox to production in five days, a field request
 * security-reviewed within the week, forecast accuracy above 85 %.
 */
export type MetricId =
  | 'mttd-hours'
  | 'mttr-days'
  | 'deploy-frequency-per-week'
  | 'change-failure-rate'
  | 'lead-time-days'
  | 'security-review-days'
  | 'forecast-accuracy';

export type Targets = Record<MetricId, number>;

export const DEFAULT_TARGETS: Targets = {
  'mttd-hours': 24,
  'mttr-days': 5,
  'deploy-frequency-per-week': 1,
  'change-failure-rate': 0.15,
  'lead-time-days': 5,
  'security-review-days': 7,
  'forecast-accuracy': 0.85
};

export const METRIC_IDS = Object.keys(DEFAULT_TARGETS) as MetricId[];

/** Whether a higher value is better (deploy frequency, forecast accuracy) or worse (times, failure rate). */
export const HIGHER_IS_BETTER: Record<MetricId, boolean> = {
  'mttd-hours': false,
  'mttr-days': false,
  'deploy-frequency-per-week': true,
  'change-failure-rate': false,
  'lead-time-days': false,
  'security-review-days': false,
  'forecast-accuracy': true
};

function invalid(where: string, message: string): UsageError {
  return new UsageError('InvalidTargets', `${where}: ${message}`, [
    `Give targets as a JSON file {"mttd-hours": 12, ...} or inline as --targets mttd-hours=12,lead-time-days=3; ids: ${METRIC_IDS.join(', ')}.`
  ]);
}

function checked(where: string, id: string, raw: unknown): [MetricId, number] {
  if (!(METRIC_IDS as string[]).includes(id)) throw invalid(where, `"${id}" is not a metric id`);
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw invalid(where, `${id} must be a number of at least 0, not ${JSON.stringify(raw)}`);
  if ((id === 'change-failure-rate' || id === 'forecast-accuracy') && value > 1)
    throw invalid(where, `${id} is a share from 0 to 1, not ${value}`);
  return [id as MetricId, value];
}

/**
 * `--targets` takes a JSON file of targets by id, or inline `id=value` pairs separated by commas.
 * Unnamed targets keep their defaults.
 */
export function parseTargets(value: string | undefined): Targets {
  if (value === undefined) return { ...DEFAULT_TARGETS };
  const overrides: Partial<Targets> = {};
  if (existsSync(value)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(value, 'utf8'));
    } catch (error) {
      throw invalid(value, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw invalid(value, 'must be a JSON object of targets by metric id');
    for (const [id, raw] of Object.entries(parsed)) {
      const [key, number] = checked(value, id, raw);
      overrides[key] = number;
    }
  } else if (value.includes('=')) {
    for (const pair of value.split(',')) {
      const [id, raw, extra] = pair.split('=');
      if (extra !== undefined || raw === undefined) throw invalid('--targets', `"${pair}" is not id=value`);
      const [key, number] = checked('--targets', id.trim(), raw.trim());
      overrides[key] = number;
    }
  } else {
    throw invalid('--targets', `${value} is neither a file nor id=value pairs`);
  }
  return { ...DEFAULT_TARGETS, ...overrides };
}
