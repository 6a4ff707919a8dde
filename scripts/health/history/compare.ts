import type { HealthCheckResult } from '../result';
import type { BaselineRun, HistoryComparison, TrendPoint } from './types';

/** How many runs the trend keeps: a month of daily runs. */
export const TREND_RUNS = 30;

export function trendPointOf(
  result: Pick<HealthCheckResult, 'startedAt' | 'score' | 'grade' | 'counts' | 'partial' | 'complete'>
): TrendPoint {
  return {
    startedAt: result.startedAt,
    score: result.score,
    grade: result.grade,
    counts: { ...result.counts },
    ...(result.partial || result.complete === false ? { partial: true } : {})
  };
}

/**
 * Marks each finding of `result` new or unchanged against the baseline run, with the date it was
 * first seen, and lists what the baseline had and this run no longer sees, of the rules that ran.
 */
export function compareWithBaseline(result: HealthCheckResult, baseline: BaselineRun | undefined): HistoryComparison {
  const before = new Map((baseline?.findings ?? []).map((finding) => [finding.key, finding]));
  let newCount = 0;
  let unchangedCount = 0;
  for (const finding of result.findings) {
    const previous = before.get(finding.key);
    if (previous) {
      finding.change = 'unchanged';
      finding.firstSeen = previous.firstSeen ?? baseline!.startedAt;
      unchangedCount += 1;
    } else {
      finding.change = 'new';
      finding.firstSeen = result.startedAt;
      newCount += 1;
    }
  }
  // As push does: only a rule that ran can clear a finding, and a partial snapshot clears nothing.
  const seen = new Set(result.findings.map((finding) => finding.key));
  const ran = new Set(result.rules.filter((rule) => rule.status !== 'skipped').map((rule) => rule.id));
  const resolved = result.partial ? [] : (baseline?.findings ?? []).filter((finding) => !seen.has(finding.key) && ran.has(finding.ruleId));
  const trend = baseline
    ? [...baseline.trend, { startedAt: baseline.startedAt, score: baseline.score, grade: baseline.grade, counts: baseline.counts }]
    : [];
  return {
    baseline: baseline && { origin: baseline.origin, startedAt: baseline.startedAt, score: baseline.score, grade: baseline.grade },
    newCount,
    unchangedCount,
    resolved,
    trend: [...trend, trendPointOf(result)].slice(-TREND_RUNS)
  };
}
