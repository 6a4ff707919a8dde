import { runHealthCheck } from '../engine';
import type { Rule } from '../rules/types';
import { holder, liveSnapshot } from './core-fixtures';
import { daysBefore, hitNames, ruleHits, snapshotUser } from './rules-harness';

// Boundaries and filters each rule states in its title or options: exactly at the limit is still fine,
// one past it is a finding.
const TAKEN_AT = liveSnapshot().takenAt;

describe('perm.admin-sprawl: a finding only above the threshold', () => {
  const grantsOffline = (count: number) =>
    Array.from({ length: count }, (_, index) => holder('PermissionSet', `Admin_${index}`, [index % 2 ? 'ViewAllData' : 'ModifyAllData']));

  it('offline: as many granting holders as the threshold pass, one more fails', () => {
    expect(ruleHits('perm.admin-sprawl', liveSnapshot({ holders: grantsOffline(5) }))).toEqual([]);
    const over = ruleHits('perm.admin-sprawl', liveSnapshot({ holders: grantsOffline(6) }));
    expect(over.map((hit) => hit.detail)).toEqual([
      '6 profiles, permission sets and groups grant Modify All Data or View All Data (threshold 5): Admin_0, Admin_1, Admin_2, Admin_3, Admin_4, Admin_5.'
    ]);
    expect(over[0].component).toEqual({ type: 'Organization', name: '00D000000000001' });
  });

  it('live: as many people as the threshold pass, one more fails; a person holding both counts once', () => {
    const people = (ids: string[]) =>
      liveSnapshot({
        holders: [
          holder('Profile', 'Admin', ['ModifyAllData'], { activeAssigneeIds: ids.slice(0, 2) }),
          holder('PermissionSet', 'Auditor', ['ViewAllData', 'ModifyAllData'], { activeAssigneeIds: ids }),
          holder('PermissionSet', 'Reader', ['ApiEnabled'], { activeAssigneeIds: ['x1', 'x2', 'x3'] })
        ]
      });
    expect(ruleHits('perm.admin-sprawl', people(['u1', 'u2', 'u3']), { adminSprawlThreshold: 3 })).toEqual([]);
    const over = ruleHits('perm.admin-sprawl', people(['u1', 'u2', 'u3', 'u4']), { adminSprawlThreshold: 3 });
    expect(over.map((hit) => hit.detail)).toEqual(['4 active users hold Modify All Data or View All Data (threshold 3): Admin, Auditor.']);
  });
});

describe('perm.admin-sprawl: live counts people, even where some holders have no assignees read', () => {
  it('counts the people of the holders that have them, a holder without assignees adding nobody', () => {
    const snapshot = liveSnapshot({
      holders: [
        holder('Profile', 'Admin', ['ModifyAllData'], { activeAssigneeIds: ['u1'] }),
        holder('PermissionSet', 'Unassigned', ['ViewAllData'])
      ]
    });
    expect(ruleHits('perm.admin-sprawl', snapshot, { adminSprawlThreshold: 1 })).toEqual([]);
    expect(ruleHits('perm.admin-sprawl', snapshot, { adminSprawlThreshold: 0 }).map((hit) => hit.detail)).toEqual([
      '1 active users hold Modify All Data or View All Data (threshold 0): Admin, Unassigned.'
    ]);
  });

  it('names the finding after the org, or "Organization" when the org id is not known', () => {
    const snapshot = liveSnapshot({ orgId: undefined, holders: [holder('Profile', 'Admin', ['ModifyAllData'])] });
    expect(ruleHits('perm.admin-sprawl', snapshot, { adminSprawlThreshold: 0 })[0].component).toEqual({
      type: 'Organization',
      name: 'Organization'
    });
  });
});

describe('gov.review-overdue: closed decisions are not reviewed', () => {
  it.each(['Superseded', 'Deprecated', 'Rejected'])('a %s decision past its review date is not a finding', (status) => {
    const snapshot = liveSnapshot({
      decisions: [
        { id: 'd1', name: 'DEC-0001', status, nextReviewDate: '2025-01-01' },
        { id: 'd2', name: 'DEC-0002', status: 'Accepted', nextReviewDate: '2025-01-01' }
      ]
    });
    expect(hitNames('gov.review-overdue', snapshot)).toEqual(['DEC-0002']);
  });

  it('a review due today is not overdue; yesterday is', () => {
    const snapshot = liveSnapshot({
      decisions: [
        { id: 'd1', name: 'DEC-TODAY', status: 'Accepted', nextReviewDate: TAKEN_AT.slice(0, 10) },
        { id: 'd2', name: 'DEC-YESTERDAY', status: 'Proposed', nextReviewDate: '2025-06-29' }
      ]
    });
    expect(hitNames('gov.review-overdue', snapshot)).toEqual(['DEC-YESTERDAY']);
  });
});

describe('mfa.logins-without-mfa: only successful logins count', () => {
  it('a user whose only UI login without MFA failed is not a finding', () => {
    const snapshot = liveSnapshot({
      users: [snapshotUser('careful'), snapshotUser('careless')],
      // careful's one successful direct login has its verification; the failed one has none.
      loginVerifications: { careful: 1 },
      logins: [
        { userId: 'careful', loginTime: '2025-06-29T08:00:00Z', loginType: 'Application', status: 'Success' },
        { userId: 'careful', loginTime: '2025-06-29T09:00:00Z', loginType: 'Application', status: 'Invalid Password' },
        { userId: 'careless', loginTime: '2025-06-29T08:00:00Z', loginType: 'Application', status: 'Success' }
      ]
    });
    expect(hitNames('mfa.logins-without-mfa', snapshot)).toEqual(['careless@acme.test']);
  });
});

describe('user.dormant: dormant only past the limit', () => {
  it('exactly the limit since the last login is not dormant; a minute more is', () => {
    const snapshot = liveSnapshot({
      users: [
        snapshotUser('edge', { lastLoginDate: daysBefore(TAKEN_AT, 90) }),
        snapshotUser('past', { lastLoginDate: daysBefore(TAKEN_AT, 90 + 1 / 1440) })
      ]
    });
    expect(hitNames('user.dormant', snapshot)).toEqual(['past@acme.test']);
    expect(hitNames('user.dormant', snapshot, { dormantDays: 89 })).toEqual(['edge@acme.test', 'past@acme.test']);
  });
});

describe('capp.unowned-integration: an Integration__c may name the app by its label', () => {
  it('an app owned under its label is not a finding, in any case and spacing', () => {
    // The label is not the API name respelled: only the label match can find its owner.
    const snapshot = liveSnapshot({
      connectedApps: [
        { name: 'Erp_Conn_2', label: 'ERP Connector' },
        { name: 'Billing_Sync', label: 'Billing Sync' }
      ],
      users: [snapshotUser('owner')],
      integrations: [{ id: 'i1', name: 'ERP', connectedAppName: 'erp connector', ownerUserId: 'owner' }]
    });
    expect(hitNames('capp.unowned-integration', snapshot)).toEqual(['Billing_Sync']);
  });

  it('an app owned under its API name spelled as words is not a finding', () => {
    const snapshot = liveSnapshot({
      connectedApps: [{ name: 'ERPConnector', label: 'Enterprise resource planning' }],
      users: [snapshotUser('owner')],
      integrations: [{ id: 'i1', name: 'ERP', connectedAppName: 'ERP Connector', ownerUserId: 'owner' }]
    });
    expect(hitNames('capp.unowned-integration', snapshot)).toEqual([]);
  });
});

describe('connected apps installed by Salesforce are not the org’s own', () => {
  it('capp.open-self-authorize judges the org’s apps only, whatever the Salesforce-installed ones allow', () => {
    const snapshot = liveSnapshot({
      connectedApps: [
        { name: 'Salesforce_CLI', adminApprovedUsersOnly: false, salesforceProvided: true },
        { name: 'Own_App', adminApprovedUsersOnly: false, salesforceProvided: false },
        { name: 'Other_App', adminApprovedUsersOnly: false }
      ]
    });
    expect(hitNames('capp.open-self-authorize', snapshot)).toEqual(['Own_App', 'Other_App']);
  });

  it('capp.unowned-integration: an app without a label is not owned by an Integration__c that names no app', () => {
    const snapshot = liveSnapshot({
      connectedApps: [{ name: 'Unlabelled_App' }],
      users: [snapshotUser('owner'), snapshotUser('svc', { isApiOnly: true })],
      integrations: [{ id: 'i1', name: 'Service user only', integrationUserId: 'svc', ownerUserId: 'owner' }]
    });
    expect(hitNames('capp.unowned-integration', snapshot)).toEqual(['Unlabelled_App']);
  });
});

describe('engine: a finding names its area Accountable only when that user is active', () => {
  const rule: Rule = {
    id: 'r.stub',
    title: 'Stub',
    severity: 'high',
    lead: 'IT',
    areaKey: 'ACCESS.PERMISSIONS',
    remediation: 'Fix it.',
    references: [],
    controls: {},
    reads: [],
    modes: ['org', 'metadata'],
    evaluate: () => ({ hits: [{ component: { type: 'Profile', name: 'Admin' }, detail: 'Admin is wrong.' }] })
  };
  const accountableOf = (isActive: boolean) =>
    runHealthCheck(
      liveSnapshot({
        users: [snapshotUser('005A', { isActive, name: 'Ida Lead' })],
        governanceAreas: [{ id: 'a1', areaKey: 'ACCESS.PERMISSIONS', name: 'Permissions', accountableId: '005A' }]
      }),
      { rules: [rule], now: new Date(TAKEN_AT) }
    ).findings[0].accountable;

  it('active: named', () => {
    expect(accountableOf(true)).toEqual({ id: '005A', name: 'Ida Lead' });
  });

  it('inactive: nobody, so the finding shows as unowned', () => {
    expect(accountableOf(false)).toBeUndefined();
  });
});
