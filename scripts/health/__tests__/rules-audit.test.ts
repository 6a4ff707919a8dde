import { runHealthCheck } from '../engine';
import { privilegeChange, unreviewedChanges } from '../rules/audit';
import type { AuditTrailEntry } from '../snapshot';
import { liveSnapshot } from './core-fixtures';
import { hitNames } from './rules-harness';

// The Setup Audit Trail rules as an admin reads them: every privilege-granting action is flagged on its
// own (whatever its display text says), the findings go to the audit area, and an unreadable audit trail
// skips both rules with the collector's reason.

function entry(id: string, action: string, extra: Partial<AuditTrailEntry> = {}): AuditTrailEntry {
  return {
    id,
    action,
    section: 'Manage Users',
    // A display text that names no privilege: only the action can make the entry a privilege change.
    display: 'Changed a setting',
    createdDate: '2025-06-29T10:00:00.000Z',
    createdById: '005000000000002AAA',
    createdByUsername: 'someone@acme.test',
    ...extra
  };
}

describe('audit.privilege-change: the actions that grant or change privileges', () => {
  it.each([
    'PermSetAssign',
    'PermSetGroupAssign',
    'PermSetEnableUserPerm',
    'PermSetGroupAddPermSet',
    'profileUserPermChangedCustom',
    'profileUserPermChangedStandard',
    'changedprofileforuser',
    'changedprofileforusercusttostd',
    'changedprofileforuserstdtocust',
    'changedUserAdminVerifiedStatusVerified'
  ])('flags %s by its action alone', (action) => {
    const snapshot = liveSnapshot({ auditTrail: [entry('0Ym000000000001', action), entry('0Ym000000000002', 'changedRecordTypeName')] });
    expect(hitNames('audit.privilege-change', snapshot)).toEqual(['0Ym000000000001']);
  });
});

describe('the audit rules through the engine', () => {
  it.each([privilegeChange, unreviewedChanges].map((rule) => [rule.id, rule] as const))(
    '%s skips with the collector reason when the audit trail could not be read',
    (_id, rule) => {
      const snapshot = liveSnapshot({
        auditTrail: [entry('0Ym000000000001', 'PermSetAssign')],
        unavailable: { auditTrail: 'SetupAuditTrail: insufficient access' }
      });
      const [result] = runHealthCheck(snapshot, { rules: [rule] }).rules;
      expect({ status: result.status, reason: result.reason }).toEqual({
        status: 'skipped',
        reason: 'SetupAuditTrail: insufficient access'
      });
    }
  );

  it('files both findings under AUDIT.LOG_RETENTION', () => {
    const snapshot = liveSnapshot({ auditTrail: [entry('0Ym000000000001', 'PermSetAssign')] });
    const result = runHealthCheck(snapshot, { rules: [privilegeChange, unreviewedChanges], now: new Date('2025-06-30T12:00:00.000Z') });
    expect(result.findings.map((finding) => [finding.ruleId, finding.areaKey]).sort()).toEqual([
      ['audit.privilege-change', 'AUDIT.LOG_RETENTION'],
      ['audit.unreviewed-changes', 'AUDIT.LOG_RETENTION']
    ]);
  });
});
