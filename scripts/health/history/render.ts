import type { Finding, HealthCheckResult } from '../result';
import { escapeXml as esc } from '../reporters/escape';
import type { BaselineFinding, TrendPoint } from './types';

function day(iso: string): string {
  return iso.slice(0, 10);
}

function trendText(point: TrendPoint): string {
  const open = point.counts.critical + point.counts.high + point.counts.medium + point.counts.low + point.counts.info;
  return `${day(point.startedAt)} ${point.score}${point.partial ? ' (incomplete)' : ''}: ${point.counts.critical} critical, ${point.counts.high} high, ${open} open`;
}

function label(finding: Finding | BaselineFinding): string {
  const component = finding.component ? ` ${finding.component.type} ${finding.component.name}` : '';
  return `${finding.severity ? `${finding.severity.toUpperCase()} ` : ''}${finding.ruleId}${component}`;
}

function newFindings(result: HealthCheckResult): Finding[] {
  return result.findings.filter((finding) => finding.change === 'new' && finding.status === 'open');
}

function sinceText(result: HealthCheckResult): string {
  const history = result.history!;
  const base = history.baseline
    ? `since ${history.baseline.startedAt} (${history.baseline.origin})`
    : 'first run kept: every finding is new';
  return `${history.newCount} new, ${history.unchangedCount} unchanged, ${history.resolved.length} resolved ${base}`;
}

/** Lines for the table report: what changed since the baseline, then the trend, one run a line. */
export function historyTableLines(result: HealthCheckResult): string[] {
  if (!result.history) return [];
  const out = ['', `Since the last run: ${sinceText(result)}`];
  for (const finding of newFindings(result)) out.push(`  NEW       ${label(finding)}`);
  for (const finding of result.history.resolved) out.push(`  RESOLVED  ${label(finding)} (first seen ${day(finding.firstSeen ?? '')})`);
  out.push('', `Trend (${result.history.trend.length} runs)`, ...result.history.trend.map((point) => `  ${trendText(point)}`));
  return out;
}

function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function historyMarkdownLines(result: HealthCheckResult): string[] {
  if (!result.history) return [];
  const out = ['', '### Since the last run', '', md(sinceText(result)), ''];
  const fresh = newFindings(result);
  out.push(
    ...fresh.map(
      (finding) => `- **new** ${finding.severity} \`${md(finding.ruleId)}\` ${md(`${finding.component.type} ${finding.component.name}`)}`
    )
  );
  out.push(
    ...result.history.resolved.map((finding) => `- resolved \`${md(finding.ruleId)}\` (first seen ${day(finding.firstSeen ?? '')})`)
  );
  out.push('', '| run | score | critical | high | medium | low | info |', '|---|---|---|---|---|---|---|');
  out.push(
    ...result.history.trend.map(
      (point) =>
        `| ${day(point.startedAt)}${point.partial ? ' (incomplete)' : ''} | ${point.score} | ${point.counts.critical} | ${point.counts.high} | ${point.counts.medium} | ${point.counts.low} | ${point.counts.info} |`
    )
  );
  return out;
}

/** The trend as a table and an inline SVG line of the score, so the report still loads nothing. */
export function historyHtml(result: HealthCheckResult): string {
  const history = result.history;
  if (!history) return '';
  const width = 300;
  const step = history.trend.length > 1 ? width / (history.trend.length - 1) : 0;
  const points = history.trend.map((point, index) => `${(index * step).toFixed(1)},${(100 - point.score).toFixed(1)}`).join(' ');
  const fresh = newFindings(result);
  return `<h2>Since the last run</h2>
<p>${esc(sinceText(result))}</p>
${fresh.length > 0 ? `<ul>${fresh.map((finding) => `<li><strong>new</strong> ${esc(label(finding))}</li>`).join('')}</ul>` : ''}
${history.resolved.length > 0 ? `<ul>${history.resolved.map((finding) => `<li>resolved ${esc(label(finding))} (first seen ${esc(day(finding.firstSeen ?? ''))})</li>`).join('')}</ul>` : ''}
<svg class="trend" viewBox="-5 -5 ${width + 10} 110" width="${width + 10}" height="110" role="img" aria-label="${esc(`Score trend over ${history.trend.length} runs: ${history.trend.map((point) => point.score).join(', ')}`)}"><polyline fill="none" stroke="#0b5cab" stroke-width="2" points="${points}"/></svg>
<table aria-label="Trend: score and open findings per run"><thead><tr><th scope="col">Run</th><th scope="col">Score</th><th scope="col">critical</th><th scope="col">high</th><th scope="col">medium</th><th scope="col">low</th><th scope="col">info</th></tr></thead><tbody>
${history.trend.map((point) => `<tr><td>${esc(day(point.startedAt))}${point.partial ? ' (incomplete)' : ''}</td><td>${point.score}</td><td>${point.counts.critical}</td><td>${point.counts.high}</td><td>${point.counts.medium}</td><td>${point.counts.low}</td><td>${point.counts.info}</td></tr>`).join('\n')}
</tbody></table>`;
}
