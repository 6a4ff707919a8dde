import { historyMarkdownLines } from '../history/render';
import type { Finding, HealthCheckResult } from '../result';
import { SEVERITIES } from '../result';
import {
  LEAD_HEADINGS,
  acceptedFindings,
  componentText,
  expiredNote,
  locationText,
  openByLead,
  skippedByReason,
  sourceText
} from './common';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function findingLine(finding: Finding): string {
  const note = expiredNote(finding);
  const where = locationText(finding);
  return `| ${finding.severity} | \`${cell(finding.ruleId)}\` | ${cell(componentText(finding))} | ${cell(finding.accountable?.name ?? '')} | ${cell(where ? `\`${where}\`` : '')} | ${cell(`${finding.detail}${note ? ` (${note})` : ''}`)} |`;
}

/** Markdown for a pull-request comment or a CI job summary. */
export function renderMarkdown(result: HealthCheckResult): string {
  const out: string[] = [];
  out.push(`## CRM health check: ${result.score}/100 (${result.grade})`, '', `Source: ${cell(sourceText(result))}`, '');
  if (result.partial) out.push(`> [!WARNING]`, `> Partial run: ${cell(result.partial.reason)}. Nothing was resolved.`, '');
  out.push(
    `| ${SEVERITIES.join(' | ')} |`,
    `|${SEVERITIES.map(() => '---').join('|')}|`,
    `| ${SEVERITIES.map((severity) => result.counts[severity]).join(' | ')} |`
  );
  for (const group of openByLead(result)) {
    out.push('', `### ${LEAD_HEADINGS[group.lead]} (${group.findings.length})`, '');
    out.push('| severity | rule | component | accountable | location | detail |', '|---|---|---|---|---|---|');
    out.push(...group.findings.map(findingLine));
  }
  out.push(...historyMarkdownLines(result));
  const accepted = acceptedFindings(result);
  if (accepted.length > 0) {
    out.push('', `<details><summary>Accepted risks (${accepted.length})</summary>`, '');
    out.push(
      ...accepted.map(
        (finding) =>
          `- \`${finding.ruleId}\` ${cell(componentText(finding))}: ${cell(finding.suppression?.reason ?? '')} (${cell(finding.suppression?.ref ?? '')}, expires ${finding.suppression?.expires ?? 'never'})`
      ),
      '',
      '</details>'
    );
  }
  const skipped = skippedByReason(result);
  if (skipped.length > 0) {
    out.push('', `<details><summary>Skipped rules (${skipped.reduce((sum, group) => sum + group.ruleIds.length, 0)})</summary>`, '');
    out.push(...skipped.map((group) => `- ${cell(group.reason)}: ${group.ruleIds.map((id) => `\`${id}\``).join(', ')}`), '', '</details>');
  }
  return out.join('\n');
}
