import type { Finding, HealthCheckResult } from '../result';
import { SEVERITIES } from '../result';
import {
  acceptedFindings,
  componentText,
  coverageText,
  expiredNote,
  LEAD_HEADINGS,
  locationText,
  openByLead,
  salesforceScoreText,
  scoreText,
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
  out.push(`## CRM health check: ${scoreText(result)}`, '', `Source: ${cell(sourceText(result))}`, '');
  const salesforce = salesforceScoreText(result);
  if (salesforce) out.push(salesforce, '');
  out.push(cell(coverageText(result)), '');
  if (!result.complete)
    out.push('> [!CAUTION]', '> Incomplete run: some rules could not read their data, so this score is not a pass.', '');
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
