import type { Finding, HealthCheckResult, Severity } from '../result';
import { SEVERITIES } from '../result';
import {
  LEAD_HEADINGS,
  acceptedFindings,
  componentText,
  coverageText,
  expiredNote,
  locationText,
  openByLead,
  salesforceScoreText,
  scoreText,
  skippedByReason,
  sourceText
} from './common';

const MAX_CELL = 60;
const COLORS: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';

function truncate(text: string, width = MAX_CELL): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Long paths keep their end: the file name and line are what the reader needs. */
function truncateStart(text: string, width = MAX_CELL): string {
  return text.length > width ? `…${text.slice(text.length - width + 1)}` : text;
}

/** Renders rows as aligned columns; colour is applied after padding so widths stay right. */
function columns(header: string[], rows: string[][], paint: (row: number, text: string) => string = (_, text) => text): string[] {
  const cells = [header, ...rows].map((row) => row.map((cell) => truncate(cell.replace(/\s+/g, ' '))));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...cells.slice(1).map((row, index) => paint(index, line(row)))
  ];
}

function findingRow(finding: Finding): string[] {
  const note = expiredNote(finding);
  return [
    finding.severity.toUpperCase(),
    finding.ruleId,
    componentText(finding),
    finding.accountable?.name ?? '',
    truncateStart(note ? `${locationText(finding)} [${note}]`.trim() : locationText(finding))
  ];
}

export function renderTable(result: HealthCheckResult, options: { color?: boolean } = {}): string {
  const out: string[] = [];
  const counts = SEVERITIES.map((severity) => `${result.counts[severity]} ${severity}`).join(', ');
  out.push(`Health check of ${sourceText(result)}`);
  out.push(`Score ${scoreText(result)}; open findings: ${counts}`);
  const salesforce = salesforceScoreText(result);
  if (salesforce) out.push(salesforce);
  out.push(coverageText(result));
  if (result.partial) {
    out.push('', `!! PARTIAL RUN: ${result.partial.reason}. Rules without data were skipped and nothing was resolved.`);
  }
  if (result.apiCalls) out.push(`API calls used: ${result.apiCalls.total}`);

  const groups = openByLead(result);
  if (groups.length === 0) out.push('', 'No open findings.');
  for (const group of groups) {
    out.push('', `${LEAD_HEADINGS[group.lead]} (${group.findings.length})`);
    const paint = options.color
      ? (row: number, text: string): string => `${COLORS[group.findings[row].severity]}${text}${RESET}`
      : undefined;
    out.push(...columns(['SEVERITY', 'RULE', 'COMPONENT', 'ACCOUNTABLE', 'LOCATION'], group.findings.map(findingRow), paint));
  }

  const accepted = acceptedFindings(result);
  if (accepted.length > 0) {
    out.push('', `Accepted risks (${accepted.length})`);
    out.push(
      ...columns(
        ['SEVERITY', 'RULE', 'COMPONENT', 'ACCEPTED BY', 'EXPIRES'],
        accepted.map((finding) => [
          finding.severity.toUpperCase(),
          finding.ruleId,
          componentText(finding),
          finding.suppression?.ref ?? '',
          finding.suppression?.expires ?? 'never'
        ])
      )
    );
  }

  const skipped = skippedByReason(result);
  if (skipped.length > 0) {
    out.push('', `Skipped rules (${skipped.reduce((sum, group) => sum + group.ruleIds.length, 0)})`);
    for (const group of skipped) out.push(`  ${group.reason}: ${group.ruleIds.join(', ')}`);
  }
  if (result.push) {
    const push = result.push;
    out.push(
      '',
      `Pushed to the org: run ${push.runId}; ${push.created} new, ${push.updated} updated, ${push.resolved} resolved, ${push.unassigned} without an active Accountable`
    );
  }
  return out.join('\n');
}
