import type { Finding, HealthCheckResult, Severity } from '../result';
import { severityAtLeast } from '../scoring';
import type { AccountableGroup, Digest, NotifiedFinding, NotifyReason } from './types';

/** Rules whose findings are themselves a breached target (MTTR, MTTD): always worth telling. */
const SLA_RULES = new Set(['gov.finding-mttr-breached', 'gov.mttd-breached']);
export const NOBODY = 'No Accountable named';

export type SelectOptions = {
  /** --fail-on / --fail-on-new thresholds: a finding at or above them breaches the gate. */
  thresholds: Severity[];
  /** Finding key → link to its Health_Finding__c record (after --push). */
  links?: Map<string, string>;
  /** User id → e-mail (live). */
  emails?: Map<string, string>;
};

function reasonsOf(finding: Finding, result: HealthCheckResult, options: SelectOptions): NotifyReason[] {
  const reasons: NotifyReason[] = [];
  // Without a compared run every open finding is news: there is nothing to say it is not.
  if (!result.history || finding.change === 'new') reasons.push('new');
  if (SLA_RULES.has(finding.ruleId) || options.thresholds.some((threshold) => severityAtLeast(finding.severity, threshold)))
    reasons.push('breached');
  return reasons;
}

/** The open findings that are new or breached, grouped by their Accountable, most severe first. */
export function digestOf(result: HealthCheckResult, options: SelectOptions, source: string): Digest {
  const groups = new Map<string, AccountableGroup>();
  for (const finding of result.findings) {
    if (finding.status !== 'open') continue;
    const reasons = reasonsOf(finding, result, options);
    if (reasons.length === 0) continue;
    const name = finding.accountable?.name ?? NOBODY;
    const group = groups.get(name) ?? {
      accountable: name,
      email: finding.accountable ? options.emails?.get(finding.accountable.id) : undefined,
      findings: []
    };
    const notified: NotifiedFinding = {
      key: finding.key,
      ruleId: finding.ruleId,
      severity: finding.severity,
      title: finding.title,
      component: `${finding.component.type} ${finding.component.name}`,
      detail: finding.detail,
      remediation: finding.remediation,
      reasons,
      firstSeen: finding.firstSeen,
      link: options.links?.get(finding.key)
    };
    group.findings.push(notified);
    groups.set(name, group);
  }
  const order: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  const sorted = [...groups.values()]
    .map((group) => ({ ...group, findings: group.findings.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity)) }))
    .sort((a, b) => (a.accountable === NOBODY ? 1 : b.accountable === NOBODY ? -1 : a.accountable.localeCompare(b.accountable)));
  const total = sorted.reduce((sum, group) => sum + group.findings.length, 0);
  return {
    title: `CRM health check: ${total} finding(s) need their owner`,
    summary: `Score ${result.score}/100 (${result.grade}) for ${source}; ${total} new or breached finding(s) for ${sorted.length} Accountable(s).`,
    source,
    score: result.score,
    grade: result.grade,
    groups: sorted
  };
}

export function reasonText(finding: NotifiedFinding): string {
  return finding.reasons.join(', ');
}
