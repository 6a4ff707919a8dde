import type { Grade, Severity } from './result';

/**
 * The Health Check model, extended to every rule:
 *
 *   weight(rule)   = critical 5, high 4, medium 2, low 1, info 0   (informational weighs nothing)
 *   earned(rule)   = weight            when the rule passed
 *                  = weight / 2        when it failed only with hits below its own severity
 *                                      (a baseline value in the `warning` bucket, a non-privileged user, ...)
 *                  = 0                 when it failed with any hit at its severity (the `critical` bucket)
 *   score          = round(100 × Σ earned / Σ weight) over the rules that ran (skipped rules are out);
 *                    100 when nothing weighted ran.
 *
 * The score measures the org as it is: accepted (suppressed) findings still count, since accepting
 * a risk does not remove it; suppressions change statuses and --fail-on, not the score.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 5, high: 4, medium: 2, low: 1, info: 0 };
const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export type ScoredRule = {
  severity: Severity;
  status: 'passed' | 'failed' | 'skipped';
  /** Severities of the rule's hits (failed rules). */
  hitSeverities: Severity[];
};

export function earnedShare(rule: ScoredRule): number {
  if (rule.status === 'passed') return 1;
  const worst = Math.max(...rule.hitSeverities.map((severity) => RANK[severity]));
  return worst < RANK[rule.severity] ? 0.5 : 0;
}

export function score(rules: ScoredRule[]): number {
  let possible = 0;
  let earned = 0;
  for (const rule of rules) {
    if (rule.status === 'skipped') continue;
    const weight = SEVERITY_WEIGHT[rule.severity];
    possible += weight;
    earned += weight * earnedShare(rule);
  }
  return possible === 0 ? 100 : Math.round((100 * earned) / possible);
}

/** Health Check bands: ≥90 Excellent, 80–89 Very Good, 70–79 Good, 55–69 Poor, ≤54 Very Poor. */
export function grade(value: number): Grade {
  if (value >= 90) return 'Excellent';
  if (value >= 80) return 'Very Good';
  if (value >= 70) return 'Good';
  if (value >= 55) return 'Poor';
  return 'Very Poor';
}

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}
