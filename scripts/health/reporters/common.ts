import type { Finding, HealthCheckResult, Lead, Severity } from '../result';
import { SEVERITIES } from '../result';
import { displayPath } from '../../lib/paths';

export const LEAD_ORDER: readonly Lead[] = ['IT', 'SalesOps', 'Joint'];

export const LEAD_HEADINGS: Record<Lead, string> = {
  IT: 'What IT must fix',
  SalesOps: 'What SalesOps must fix',
  Joint: 'Joint: one named owner decides'
};

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function bySeverityThenRule(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.component.name.localeCompare(b.component.name)
  );
}

export function openFindings(result: HealthCheckResult): Finding[] {
  return result.findings.filter((finding) => finding.status === 'open').sort(bySeverityThenRule);
}

export function acceptedFindings(result: HealthCheckResult): Finding[] {
  return result.findings.filter((finding) => finding.status === 'accepted').sort(bySeverityThenRule);
}

/** Open findings by lead, in the order the reports present them; empty leads are left out. */
export function openByLead(result: HealthCheckResult): Array<{ lead: Lead; findings: Finding[] }> {
  const open = openFindings(result);
  return LEAD_ORDER.map((lead) => ({ lead, findings: open.filter((finding) => finding.lead === lead) })).filter(
    (group) => group.findings.length > 0
  );
}

export function locationText(finding: Finding): string {
  if (!finding.location) return '';
  const file = displayPath(finding.location.file);
  return finding.location.line ? `${file}:${finding.location.line}` : file;
}

export function componentText(finding: Finding): string {
  return `${finding.component.type} ${finding.component.name}`;
}

export function expiredNote(finding: Finding): string | undefined {
  const expired = finding.expiredSuppression;
  return expired ? `acceptance expired ${expired.expires ?? ''} (${expired.ref})`.replace('  ', ' ') : undefined;
}

export function sourceText(result: HealthCheckResult): string {
  if (result.source === 'org') return `org ${result.orgId ?? ''}${result.username ? ` (${result.username})` : ''}`.trim();
  return `metadata ${result.metadataDir ?? ''}`.trim();
}

/** The score as every report shows it: an incomplete run says so beside the grade, so it never reads as a pass. */
export function scoreText(result: HealthCheckResult): string {
  return `${result.score}/100 (${result.grade}${result.complete ? '' : ', incomplete'})`;
}

/** Rules run and skipped: how much of the org the score stands for. */
export function coverageText(result: HealthCheckResult): string {
  const { rules, run, skipped, notApplicable } = result.coverage;
  const incomplete = skipped - notApplicable;
  const parts = [`${run} of ${rules} rules run`];
  if (notApplicable > 0) parts.push(`${notApplicable} not applicable in this mode`);
  if (incomplete > 0) parts.push(`${incomplete} skipped for data that could not be read: incomplete`);
  return `Coverage: ${parts.join('; ')}`;
}

export function salesforceScoreText(result: HealthCheckResult): string | undefined {
  return result.salesforceScore === undefined ? undefined : `Salesforce Health Check score: ${result.salesforceScore}/100`;
}

/** Skipped rules grouped by reason, so fifty "needs a live org" lines read as one. */
export function skippedByReason(result: HealthCheckResult): Array<{ reason: string; ruleIds: string[] }> {
  const groups = new Map<string, string[]>();
  for (const rule of result.rules) {
    if (rule.status !== 'skipped') continue;
    const reason = rule.reason ?? 'no reason given';
    groups.set(reason, [...(groups.get(reason) ?? []), rule.id]);
  }
  return [...groups].map(([reason, ruleIds]) => ({ reason, ruleIds }));
}
