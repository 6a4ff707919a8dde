import { holder, liveSnapshot } from './core-fixtures';
import { ruleHits, snapshotUser } from './rules-harness';

// What each rule tells the user, in full: component, detail text, source location, severity and routing,
// on one live snapshot where every rule finds something (thresholds at 0 so the counting rules fire).

const OPTIONS = { adminSprawlThreshold: 0, maxSystemAdministrators: 0 };

describe('each rule reports what it found, in words a reader can act on', () => {
  const snapshot = liveSnapshot({
    mfaRequiredOrgWide: false,
    settings: { 'Identity.mfaEnabled': { value: false, location: { file: 'settings/Security.settings-meta.xml', line: 7 } } },
    holders: [
      holder('Profile', 'Admin', ['ModifyAllData', 'ViewAllData', 'ManageUsers', 'AuthorApex'], {
        custom: true,
        activeAssigneeIds: ['u1'],
        location: { file: 'profiles/Admin.profile-meta.xml' },
        permissionLocations: { ModifyAllData: { file: 'profiles/Admin.profile-meta.xml', line: 9 } },
        loginIpRanges: []
      }),
      holder('PermissionSet', 'Bypass', ['BypassMFAForUiLogins'], {
        activeAssigneeIds: ['u1', 'u2'],
        permissionLocations: { BypassMFAForUiLogins: { file: 'ps/Bypass.xml', line: 4 } }
      }),
      holder('PermissionSet', 'Wide', [], {
        objectPermissions: [
          {
            object: 'Account',
            allowRead: true,
            allowCreate: false,
            allowEdit: false,
            allowDelete: false,
            viewAllRecords: true,
            modifyAllRecords: false,
            location: { file: 'ps/Wide.xml', line: 12 }
          },
          {
            object: 'Case',
            allowRead: true,
            allowCreate: true,
            allowEdit: true,
            allowDelete: true,
            viewAllRecords: true,
            modifyAllRecords: true
          }
        ]
      })
    ],
    users: [
      snapshotUser('u1', { name: 'Ann Admin', profileName: 'System Administrator' }),
      snapshotUser('u2', { passwordNeverExpires: true, lastLoginDate: '2025-01-01T00:00:00Z' }),
      snapshotUser('u3', { lastLoginDate: undefined, createdDate: '2025-02-01T00:00:00Z', isApiOnly: true })
    ],
    logins: [
      { userId: 'u1', loginTime: '2025-06-29T08:00:00Z', loginType: 'Application', status: 'Success' },
      { userId: 'u2', loginTime: '2025-06-29T08:00:00Z', loginType: 'Remote Access 2.0', status: 'Success', apiType: 'REST' },
      {
        userId: 'u2',
        loginTime: '2025-06-29T08:00:00Z',
        loginType: 'SAML Idp Initiated SSO',
        status: 'Success',
        authMethodReference: 'pwd'
      }
    ],
    // No Login verification recorded: u1's direct UI login was without MFA.
    loginVerifications: {},
    auditTrail: [
      {
        id: '0Ym1',
        action: 'PermSetAssign',
        section: 'Manage Users',
        display: 'Assigned permission set Bypass to u2',
        createdDate: '2025-06-29T10:00:00Z',
        createdById: '005X',
        createdByUsername: 'boss@acme.test'
      },
      { id: '0Ym2', action: 'x', section: 's', display: 'changed label', createdDate: '2025-06-28T10:00:00Z', createdById: '005Y' }
    ],
    connectedApps: [
      { name: 'Open_App', label: 'Open App', adminApprovedUsersOnly: false, location: { file: 'ca/Open.xml' } },
      { name: 'NoLabel', adminApprovedUsersOnly: false }
    ],
    governanceAreas: [
      { id: 'g1', areaKey: 'REVENUE.STAGES', name: 'Stages', lead: 'SalesOps', nextReviewDue: '2025-06-01', accountableId: 'gone' }
    ],
    risks: [{ id: 'r1', name: 'R-1', governanceAreaId: 'g1', nextReviewDate: '2025-06-01' }],
    decisions: [{ id: 'd1', name: 'DEC-1', title: 'Keep it', status: 'Accepted', nextReviewDate: '2025-06-01', governanceAreaId: 'g1' }],
    findings: [{ id: 'f1', findingKey: 'k1', ruleId: 'x', status: 'Open', firstDetected: '2025-06-20T12:00:00Z' }],
    assignments: [1, 2, 3].map((n) => ({ assigneeId: `u${n}`, permissionSetName: 'Bypass' }))
  });

  it('perm.modify-all-data', () => {
    expect(ruleHits('perm.modify-all-data', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Profile', name: 'Admin' },
        detail: 'Profile Admin grants Modify All Data (1 active user).',
        location: { file: 'profiles/Admin.profile-meta.xml', line: 9 }
      }
    ]);
  });
  it('perm.view-all-data', () => {
    expect(ruleHits('perm.view-all-data', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Profile', name: 'Admin' },
        detail: 'Profile Admin grants View All Data (1 active user).',
        location: { file: 'profiles/Admin.profile-meta.xml' }
      }
    ]);
  });
  it('perm.admin-sprawl', () => {
    expect(ruleHits('perm.admin-sprawl', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Organization', name: '00D000000000001' },
        detail: '1 active users hold Modify All Data or View All Data (threshold 0): Admin.'
      }
    ]);
  });
  it('perm.dangerous', () => {
    expect(ruleHits('perm.dangerous', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Profile', name: 'Admin' },
        detail: 'Profile Admin grants 2 high-risk permissions (1 active user): ManageUsers, AuthorApex.',
        location: { file: 'profiles/Admin.profile-meta.xml' }
      }
    ]);
  });
  it('perm.object-wide-access', () => {
    expect(ruleHits('perm.object-wide-access', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'PermissionSet', name: 'Wide' },
        detail: 'PermissionSet Wide grants View All / Modify All on 2 objects: Account (View All), Case (Modify All).',
        location: { file: 'ps/Wide.xml', line: 12 }
      }
    ]);
  });
  it('profile.sprawl', () => {
    expect(ruleHits('profile.sprawl', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Profile', name: 'Admin' },
        detail:
          'Custom profile Admin: 1 active user (fewer than 2); holds ModifyAllData, ViewAllData, ManageUsers, AuthorApex, which belong in permission sets.',
        location: { file: 'profiles/Admin.profile-meta.xml', line: 9 }
      }
    ]);
  });
  it('profile.no-login-ip-ranges', () => {
    expect(ruleHits('profile.no-login-ip-ranges', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Profile', name: 'Admin' },
        detail: 'Profile Admin grants administrative permissions and has no login IP ranges or login hours.',
        location: { file: 'profiles/Admin.profile-meta.xml' }
      }
    ]);
  });
  it('psg.not-adopted', () => {
    expect(ruleHits('psg.not-adopted', snapshot, OPTIONS)).toEqual([
      { component: { type: 'PermissionSet', name: 'Bypass' }, detail: 'Permission set Bypass is assigned directly to 3 users.' }
    ]);
  });
  it('mfa.not-enforced', () => {
    expect(ruleHits('mfa.not-enforced', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'SecuritySettings', name: 'Security' },
        detail:
          'Multi-factor authentication is not required org-wide for direct UI logins (sessionSettings.enableMFADirectUILoginOptIn is false).',
        location: { file: 'settings/Security.settings-meta.xml', line: 7 }
      }
    ]);
  });
  it('mfa.bypass-granted', () => {
    expect(ruleHits('mfa.bypass-granted', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'PermissionSet', name: 'Bypass' },
        detail: 'PermissionSet Bypass waives MFA for UI logins (BypassMFAForUiLogins) for 2 active users.',
        location: { file: 'ps/Bypass.xml', line: 4 }
      }
    ]);
  });
  it('mfa.logins-without-mfa', () => {
    // Privileged users first (the rule's order), then by how often each logged in without MFA.
    expect(ruleHits('mfa.logins-without-mfa', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'User', name: 'u1@acme.test' },
        detail: 'Ann Admin (privileged) logged in to the UI 1 time without MFA.',
        severity: 'high'
      },
      { component: { type: 'User', name: 'u2@acme.test' }, detail: 'User u2 logged in to the UI 1 time without MFA.', severity: 'medium' }
    ]);
  });
  it('user.shared-integration-user', () => {
    expect(ruleHits('user.shared-integration-user', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'User', name: 'u2@acme.test' },
        detail: 'User u2 has a full Salesforce license, 2 API logins, a password that never expires and no API Only.'
      }
    ]);
  });
  it('user.dormant', () => {
    expect(ruleHits('user.dormant', snapshot, OPTIONS)).toEqual([
      { component: { type: 'User', name: 'u2@acme.test' }, detail: 'User u2 last logged in 180 days ago (limit 90).' },
      { component: { type: 'User', name: 'u3@acme.test' }, detail: 'User u3 has never logged in; created 149 days ago (limit 90).' }
    ]);
  });
  it('user.too-many-admins', () => {
    expect(ruleHits('user.too-many-admins', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Organization', name: '00D000000000001' },
        detail: '1 active System Administrator (baseline maximum 0): u1@acme.test.'
      }
    ]);
  });
  it('audit.privilege-change', () => {
    expect(ruleHits('audit.privilege-change', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'SetupAuditTrail', name: '0Ym1' },
        detail: '2025-06-29T10:00:00Z boss@acme.test: Assigned permission set Bypass to u2'
      }
    ]);
  });
  it('audit.unreviewed-changes', () => {
    expect(ruleHits('audit.unreviewed-changes', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'User', name: 'boss@acme.test' },
        detail: 'boss@acme.test made 1 setup change in the last 7 days and is not on the allow-list.'
      },
      { component: { type: 'User', name: '005Y' }, detail: '005Y made 1 setup change in the last 7 days and is not on the allow-list.' }
    ]);
  });
  it('capp.open-self-authorize', () => {
    expect(ruleHits('capp.open-self-authorize', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'ConnectedApp', name: 'Open_App' },
        detail: 'Connected app Open App: all users may self-authorize (admin pre-approval is off).',
        location: { file: 'ca/Open.xml' }
      },
      {
        component: { type: 'ConnectedApp', name: 'NoLabel' },
        detail: 'Connected app NoLabel: all users may self-authorize (admin pre-approval is off).'
      }
    ]);
  });
  it('capp.unowned-integration', () => {
    expect(ruleHits('capp.unowned-integration', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'ConnectedApp', name: 'Open_App' },
        detail: 'Connected app Open App has no Integration__c record with an owner.',
        location: { file: 'ca/Open.xml' }
      },
      { component: { type: 'ConnectedApp', name: 'NoLabel' }, detail: 'Connected app NoLabel has no Integration__c record with an owner.' },
      {
        component: { type: 'User', name: 'u3@acme.test' },
        detail: 'Integration user u3@acme.test is not the Integration_User__c of any owned Integration__c record.'
      }
    ]);
  });
  it('gov.area-no-accountable', () => {
    expect(ruleHits('gov.area-no-accountable', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Governance_Area__c', name: 'REVENUE.STAGES' },
        detail: 'Stages (REVENUE.STAGES) has an Accountable (gone) who is not an active user.',
        route: { areaKey: 'GOVERNANCE.OWNERSHIP', lead: 'SalesOps' }
      }
    ]);
  });
  it('gov.review-overdue', () => {
    expect(ruleHits('gov.review-overdue', snapshot, OPTIONS)).toEqual([
      {
        component: { type: 'Governance_Area__c', name: 'REVENUE.STAGES' },
        detail: 'Stages was due for review on 2025-06-01.',
        route: { areaKey: 'REVENUE.STAGES', lead: 'SalesOps' }
      },
      {
        component: { type: 'Risk__c', name: 'R-1' },
        detail: 'Risk R-1 was due for review on 2025-06-01.',
        route: { areaKey: 'REVENUE.STAGES', lead: 'SalesOps' }
      },
      {
        component: { type: 'Decision__c', name: 'DEC-1' },
        detail: 'Decision DEC-1 (Keep it) was due for review on 2025-06-01.',
        route: { areaKey: 'REVENUE.STAGES', lead: 'SalesOps' }
      }
    ]);
  });
  it('gov.finding-mttr-breached', () => {
    expect(ruleHits('gov.finding-mttr-breached', snapshot, OPTIONS)).toEqual([
      { component: { type: 'Health_Finding__c', name: 'k1' }, detail: 'Finding k1 has been open for 10 days (target 5).' }
    ]);
  });
});
