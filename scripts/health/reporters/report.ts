import type { Finding, HealthCheckResult, Lead } from '../result';
import { coverageText, scoreText, sourceText } from './common';
import { formatValue, metricLabel, scorecardMarkdown, scorecardSummary, statusText, targetText } from './scorecard';

/**
 * The quarterly report for the executive team (`--format report`, Markdown): the operating model's
 * targets and how the org measures against them, the trend, and the open items by owner.
 */

const LEADS: Lead[] = ['SalesOps', 'IT', 'Joint'];
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function quarterOf(iso: string): string {
  const date = new Date(iso);
  return `${date.getUTCFullYear()} Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function renderReport(result: HealthCheckResult): string {
  const out: string[] = [];
  const open = result.findings.filter((finding) => finding.status === 'open');
  out.push(`# CRM operating model: quarterly report, ${quarterOf(result.startedAt)}`, '');
  out.push(`Org: ${cell(sourceText(result))}. Health score ${scoreText(result)}. ${cell(coverageText(result))}.`, '');

  out.push('## Targets', '');
  const metrics = result.metrics ?? [];
  if (metrics.length === 0) out.push('No metrics in this result.');
  else {
    out.push(`${scorecardSummary(result)}.`, '');
    const missed = metrics.filter((metric) => metric.status === 'missed');
    for (const metric of missed)
      out.push(`- **${metricLabel(metric)}** is ${formatValue(metric.value, metric.unit)} against a target of ${targetText(metric)}.`);
    if (missed.length > 0) out.push('');
    out.push(...scorecardMarkdown(result));
  }

  out.push('', '## Open items by owner', '');
  if (open.length === 0) out.push('No open findings.');
  for (const lead of LEADS) {
    const mine = open.filter((finding) => finding.lead === lead);
    if (mine.length === 0) continue;
    out.push(`### ${lead} (${mine.length})`, '');
    const byAccountable = new Map<string, Finding[]>();
    for (const finding of mine) {
      const owner = finding.accountable?.name ?? 'no active Accountable';
      byAccountable.set(owner, [...(byAccountable.get(owner) ?? []), finding]);
    }
    out.push('| accountable | critical | high | medium | low | info | top item |', '|---|---|---|---|---|---|---|');
    for (const [owner, findings] of [...byAccountable].sort((a, b) => b[1].length - a[1].length)) {
      const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
      const top = findings[0];
      out.push(
        `| ${cell(owner)} | ${count('critical')} | ${count('high')} | ${count('medium')} | ${count('low')} | ${count('info')} | ${cell(`${top.ruleId}: ${top.component.name}`)} |`
      );
    }
    out.push('');
  }

  const noData = metrics.filter((metric) => metric.status === 'no-data');
  if (noData.length > 0) {
    out.push('## Not measured', '');
    for (const metric of noData) out.push(`- ${metricLabel(metric)} (${statusText(metric)}): ${cell(metric.basis)}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
