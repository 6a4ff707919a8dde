import type { Finding, HealthCheckResult, RuleResult, Severity } from '../result';
import { SEVERITIES } from '../result';
import {
  acceptedFindings,
  componentText,
  coverageText,
  expiredNote,
  LEAD_HEADINGS,
  LEAD_ORDER,
  locationText,
  openByLead,
  salesforceScoreText,
  scoreText,
  skippedByReason,
  sourceText
} from './common';
import { escapeXml as esc } from './escape';

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#8e030f',
  high: '#ba0517',
  medium: '#a96404',
  low: '#0b5cab',
  info: '#5c5c5c'
};

function gradeColor(score: number): string {
  if (score >= 90) return '#2e844a';
  if (score >= 70) return '#a96404';
  return '#ba0517';
}

/** A half-circle gauge drawn inline, so the report loads nothing. */
function gauge(result: HealthCheckResult): string {
  const angle = Math.PI * (1 - result.score / 100);
  const x = (100 + 80 * Math.cos(angle)).toFixed(1);
  const y = (100 - 80 * Math.sin(angle)).toFixed(1);
  const label = `Score ${result.score} out of 100, ${result.grade}`;
  return `<svg class="gauge" viewBox="0 0 200 120" role="img" aria-label="${esc(label)}">
  <path d="M20 100 A80 80 0 0 1 180 100" fill="none" stroke="#e5e5e5" stroke-width="16"/>
  <path d="M20 100 A80 80 0 0 1 ${x} ${y}" fill="none" stroke="${gradeColor(result.score)}" stroke-width="16"/>
  <text x="100" y="92" text-anchor="middle" font-size="34" font-weight="700">${result.score}</text>
  <text x="100" y="114" text-anchor="middle" font-size="13">${esc(result.grade)}</text>
</svg>`;
}

function controlsText(rule: RuleResult | undefined): string {
  if (!rule) return '';
  const parts = [
    ...(rule.controls.nist ?? []).map((id) => `NIST ${id}`),
    ...(rule.controls.iso27001 ?? []).map((id) => `ISO 27001 ${id}`),
    ...(rule.controls.cis ?? []).map((id) => `CIS ${id}`)
  ];
  return parts.join(', ');
}

function referenceLinks(rule: RuleResult | undefined): string {
  return (rule?.references ?? []).map((reference) => `<a href="${esc(reference)}" rel="noreferrer">${esc(reference)}</a>`).join('<br>');
}

function findingRows(findings: Finding[], rulesById: Map<string, RuleResult>): string {
  return findings
    .map((finding) => {
      const rule = rulesById.get(finding.ruleId);
      const note = expiredNote(finding);
      return `<tr>
  <td><span class="sev" style="background:${SEVERITY_COLOR[finding.severity]}">${esc(finding.severity)}</span></td>
  <td><code>${esc(finding.ruleId)}</code><br>${esc(finding.title)}</td>
  <td>${esc(componentText(finding))}${locationText(finding) ? `<br><code>${esc(locationText(finding))}</code>` : ''}</td>
  <td>${esc(finding.accountable?.name ?? '')}</td>
  <td>${esc(finding.detail)}${note ? `<br><strong>${esc(note)}</strong>` : ''}</td>
  <td>${esc(finding.remediation)}<div class="refs">${referenceLinks(rule)}</div><div class="controls">${esc(controlsText(rule))}</div></td>
</tr>`;
    })
    .join('\n');
}

const HEAD_ROW =
  '<tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Component</th><th scope="col">Accountable</th><th scope="col">Detail</th><th scope="col">Remediation</th></tr>';

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#181818;max-width:1200px}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.summary{display:flex;gap:2rem;align-items:center;flex-wrap:wrap}.gauge{width:220px}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}.sev{color:#fff;border-radius:.7rem;padding:.1rem .5rem;font-size:.8rem}
.refs,.controls{font-size:.8rem;color:#555;margin-top:.3rem}.partial{background:#fef1ee;border:1px solid #ba0517;padding:.6rem}
code{font-size:.85em}`;

/** One self-contained HTML file: inline CSS and SVG, nothing fetched from the network. */
export function renderHtml(result: HealthCheckResult): string {
  const rulesById = new Map(result.rules.map((rule) => [rule.id, rule]));
  const openCount = result.findings.filter((finding) => finding.status === 'open').length;
  const byLead = LEAD_ORDER.map((lead) => ({
    lead,
    count: result.findings.filter((finding) => finding.status === 'open' && finding.lead === lead).length
  }));
  const sections = openByLead(result)
    .map(
      (group) => `<h2>${esc(LEAD_HEADINGS[group.lead])} (${group.findings.length})</h2>
<table><thead>${HEAD_ROW}</thead><tbody>
${findingRows(group.findings, rulesById)}
</tbody></table>`
    )
    .join('\n');
  const accepted = acceptedFindings(result);
  const skipped = skippedByReason(result);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRM health check: ${esc(scoreText(result))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>CRM health check</h1>
<p>${esc(sourceText(result))}; run ${esc(result.startedAt)}; tool ${esc(result.toolVersion)}${result.apiCalls ? `; ${result.apiCalls.total} API calls` : ''}</p>
<p>${esc(coverageText(result))}${result.salesforceScore === undefined ? '' : `; ${esc(salesforceScoreText(result) ?? '')}`}</p>
${result.complete ? '' : '<p class="partial" role="alert"><strong>Incomplete run:</strong> some rules could not read their data, so this score is not a pass.</p>'}
${result.partial ? `<p class="partial" role="alert"><strong>Partial run:</strong> ${esc(result.partial.reason)}. Rules without data were skipped and nothing was resolved.</p>` : ''}
<div class="summary">
${gauge(result)}
<table aria-label="Open findings by severity"><thead><tr>${SEVERITIES.map((severity) => `<th scope="col">${severity}</th>`).join('')}</tr></thead>
<tbody><tr>${SEVERITIES.map((severity) => `<td>${result.counts[severity]}</td>`).join('')}</tr></tbody></table>
<table aria-label="Open findings by lead"><thead><tr>${byLead.map(({ lead }) => `<th scope="col">${esc(lead)}</th>`).join('')}</tr></thead>
<tbody><tr>${byLead.map(({ count }) => `<td>${count}</td>`).join('')}</tr></tbody></table>
</div>
${openCount === 0 ? '<p>No open findings.</p>' : sections}
${
  accepted.length > 0
    ? `<h2>Accepted risks (${accepted.length})</h2><table><thead><tr><th scope="col">Rule</th><th scope="col">Component</th><th scope="col">Accepted by</th><th scope="col">Reason</th><th scope="col">Expires</th></tr></thead><tbody>
${accepted
  .map(
    (finding) =>
      `<tr><td><code>${esc(finding.ruleId)}</code></td><td>${esc(componentText(finding))}</td><td>${esc(finding.suppression?.ref ?? '')}</td><td>${esc(finding.suppression?.reason ?? '')}</td><td>${esc(finding.suppression?.expires ?? 'never')}</td></tr>`
  )
  .join('\n')}
</tbody></table>`
    : ''
}
${
  skipped.length > 0
    ? `<h2>Skipped rules</h2><ul>
${skipped.map((group) => `<li>${esc(group.reason)}: ${group.ruleIds.map((id) => `<code>${esc(id)}</code>`).join(', ')}</li>`).join('\n')}
</ul>`
    : ''
}
</body>
</html>`;
}
