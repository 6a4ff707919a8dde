import { coverageOf } from '../engine';
import type { Finding, HealthCheckResult, RuleResult } from '../result';

function rule(
  id: string,
  lead: RuleResult['lead'],
  severity: RuleResult['severity'],
  status: RuleResult['status'],
  reason?: string
): RuleResult {
  return {
    id,
    title: `Title of ${id}`,
    severity,
    lead,
    status,
    ...(status === 'skipped' ? { skipKind: 'incomplete' as const } : {}),
    reason,
    findings: 0,
    references: ['https://help.salesforce.com/s/articleView?id=sf.security_health_check.htm'],
    controls: { nist: ['PR.AA-05'], iso27001: ['A.8.2'], cis: ['5.4'] }
  };
}

function finding(overrides: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'lead' | 'component'>): Finding {
  return {
    key: `${overrides.ruleId}:${overrides.component.type}:${overrides.component.name}`,
    title: `Title of ${overrides.ruleId}`,
    detail: 'detail',
    remediation: 'Remove the grant and use a permission set group.',
    status: 'open',
    areaKey: 'ACCESS.PERMISSIONS',
    ...overrides
  };
}

/** A result with every case the reporters must handle: leads, severities, locations, accepted, expired, skipped, partial. */
export function sampleResult(): HealthCheckResult {
  const findings: Finding[] = [
    finding({
      ruleId: 'perm.modify-all-data',
      severity: 'critical',
      lead: 'IT',
      component: { type: 'Profile', name: 'Admin' },
      detail: 'Modify All Data is granted.',
      location: { file: 'force-app/main/default/profiles/Admin.profile-meta.xml', line: 591 },
      accountable: { id: '005000000000001AAA', name: 'Ivy Platform' }
    }),
    finding({
      ruleId: 'mfa.logins-without-mfa',
      severity: 'high',
      lead: 'IT',
      component: { type: 'User', name: 'sandbox.admin@acme.example' },
      detail: 'Logged in 4 times without MFA <script>alert(1)</script> | piped',
      expiredSuppression: { kind: 'config', reason: 'migration', expires: '2026-01-31', ref: 'suppressions.json:3' }
    }),
    finding({
      ruleId: 'gov.review-overdue',
      severity: 'medium',
      lead: 'SalesOps',
      component: { type: 'Governance_Area__c', name: 'REVENUE.STAGES' },
      detail: 'Review was due 2026-10-01.'
    }),
    finding({
      ruleId: 'perm.view-all-data',
      severity: 'high',
      lead: 'IT',
      component: { type: 'PermissionSet', name: 'Data_Steward' },
      status: 'accepted',
      suppression: { kind: 'decision', reason: 'Quarterly data audit', expires: '2027-03-31', ref: 'DEC-0004' }
    })
  ];
  const rules = [
    rule('perm.modify-all-data', 'IT', 'critical', 'failed'),
    rule('mfa.logins-without-mfa', 'IT', 'high', 'failed'),
    rule('perm.view-all-data', 'IT', 'high', 'failed'),
    rule('gov.review-overdue', 'SalesOps', 'medium', 'failed'),
    rule('user.dormant', 'IT', 'medium', 'passed'),
    rule('audit.privilege-change', 'IT', 'high', 'skipped', 'API budget: stopped early'),
    rule('gov.area-no-accountable', 'Joint', 'high', 'skipped', 'API budget: stopped early')
  ];
  return {
    source: 'org',
    orgId: '00D000000000001EAA',
    username: 'admin@acme.example',
    baseline: 'SFDC recommended',
    score: 62,
    grade: 'Poor',
    counts: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
    findings,
    rules,
    complete: false,
    coverage: coverageOf(rules),
    salesforceScore: 71,
    partial: { reason: 'API budget below 10%' },
    apiCalls: { total: 37, byKind: { query: 30, describe: 7 } },
    startedAt: '2026-11-23T06:00:00.000Z',
    durationMs: 1234,
    toolVersion: '0.1.0'
  };
}
