import type { Metric } from '../metrics/compute';
import type { HealthCheckResult } from '../result';

/** The operating model's scorecard, shared by the table, Markdown, HTML and the quarterly report. */

const LABELS: Record<Metric['id'], string> = {
  'mttd-hours': 'MTTD (security regressions)',
  'mttr-days': 'MTTR (findings)',
  'deploy-frequency-per-week': 'Deploy frequency',
  'change-failure-rate': 'Change-failure rate',
  'lead-time-days': 'Lead time to production',
  'security-review-days': 'Security review time',
  'forecast-accuracy': 'Forecast accuracy'
};

export function metricLabel(metric: Metric): string {
  return LABELS[metric.id];
}

/** A value in its unit: ratios as percentages. */
export function formatValue(value: number | null, unit: Metric['unit']): string {
  if (value === null) return '–';
  switch (unit) {
    case 'ratio':
      return `${Math.round(value * 100)} %`;
    case 'hours':
      return `${Math.round(value)} h`;
    case 'days':
      return `${value} d`;
    case 'per-week':
      return `${value}/week`;
  }
}

export function targetText(metric: Metric): string {
  const better = metric.id === 'deploy-frequency-per-week' || metric.id === 'forecast-accuracy' ? '≥' : '≤';
  return `${better} ${formatValue(metric.target, metric.unit)}`;
}

export function statusText(metric: Metric): string {
  return metric.status === 'met' ? 'met' : metric.status === 'missed' ? 'MISSED' : 'no data';
}

export function trendText(metric: Metric): string {
  return (metric.trend ?? []).map((point) => `${point.period}: ${formatValue(point.value, metric.unit)}`).join(', ');
}

/** Rows of [metric, value, target, status, basis] for a table. */
export function scorecardRows(result: HealthCheckResult): string[][] {
  return (result.metrics ?? []).map((metric) => [
    metricLabel(metric),
    formatValue(metric.value, metric.unit),
    targetText(metric),
    statusText(metric),
    metric.basis
  ]);
}

export function scorecardSummary(result: HealthCheckResult): string {
  const metrics = result.metrics ?? [];
  const met = metrics.filter((metric) => metric.status === 'met').length;
  const missed = metrics.filter((metric) => metric.status === 'missed').length;
  return `${met} of ${metrics.length} targets met, ${missed} missed, ${metrics.length - met - missed} without data`;
}

/** The scorecard as a Markdown table (Markdown reporter and the quarterly report). */
export function scorecardMarkdown(result: HealthCheckResult): string[] {
  if (!result.metrics?.length) return [];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| metric | value | target | status | trend | computed from |',
    '|---|---|---|---|---|---|',
    ...result.metrics.map(
      (metric) =>
        `| ${metricLabel(metric)} | ${formatValue(metric.value, metric.unit)} | ${targetText(metric)} | ${statusText(metric)} | ${cell(trendText(metric))} | ${cell(metric.basis)} |`
    )
  ];
}

/** The scorecard as an HTML section (escaped by the caller's `esc`). */
export function scorecardHtml(result: HealthCheckResult, esc: (text: string) => string): string {
  if (!result.metrics?.some((metric) => metric.status !== 'no-data')) return '';
  const rows = result.metrics
    .map(
      (metric) =>
        `<tr><th scope="row">${esc(metricLabel(metric))}</th><td>${esc(formatValue(metric.value, metric.unit))}</td><td>${esc(targetText(metric))}</td><td>${esc(statusText(metric))}</td><td>${esc(metric.basis)}</td></tr>`
    )
    .join('\n');
  return `<h2>Scorecard: ${esc(scorecardSummary(result))}</h2>
<table aria-label="Operating model targets"><thead><tr><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Target</th><th scope="col">Status</th><th scope="col">Computed from</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}
