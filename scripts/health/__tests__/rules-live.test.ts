import { CORE_RULES, defaultRuleOptions } from '../rules';
import type { RuleEvaluation, RuleHit } from '../rules/types';
import type { OrgSnapshot, SnapshotUser } from '../snapshot';
import { holder, liveSnapshot } from './core-fixtures';

const options = defaultRuleOptions();

function hits(id: string, snapshot: OrgSnapshot, overrides = {}): RuleHit[] {
  const rule = CORE_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const evaluation: RuleEvaluation = rule.evaluate(snapshot, { options: { ...options, ...overrides } });
  if ('skipped' in evaluation) throw new Error(`skipped: ${evaluation.skipped}`);
  return evaluation.hits;
}

function user(id: string, extra: Partial<SnapshotUser> = {}): SnapshotUser {
  return {
    id,
    username: `${id}@acme.test`,
    name: `User ${id}`,
    isActive: true,
    profileName: 'Standard User',
    userType: 'Standard',
    licenseName: 'Salesforce',
    lastLoginDate: '2025-06-29T00:00:00Z',
    ...extra
  };
}

describe('live-only rules', () => {
  it('mfa.logins-without-mfa: direct UI logins without a recorded verification, SSO by its reported method; privileged users high', () => {
    const login = (userId: string, loginType: string, extra: Record<string, unknown> = {}) => ({
      userId,
      loginTime: '2025-06-29T08:00:00Z',
      loginType,
      status: 'Success',
      ...extra
    });
    const snapshot = liveSnapshot({
      holders: [holder('Profile', 'System Administrator', ['ModifyAllData'], { activeAssigneeIds: ['admin'] })],
      users: [user('admin'), user('rep'), user('good'), user('saml'), user('oidc')],
      loginVerifications: { good: 2, rep: 1 },
      logins: [
        login('admin', 'Application', { count: 2 }),
        login('rep', 'Application', { count: 3 }),
        login('good', 'Application', { count: 2 }),
        // SAML leaves AuthMethodReference null: unknown, not "no MFA".
        login('saml', 'SAML Idp Initiated SSO'),
        login('oidc', 'Third Party SSO', { authMethodReference: 'pwd' }),
        login('good', 'Third Party SSO', { authMethodReference: 'pwd mfa' }),
        login('good', 'Remote Access 2.0', { apiType: 'REST' }),
        // A failed direct login by a user whose other logins are all verified: only successful logins count.
        login('good', 'Application', { status: 'Invalid Password' })
      ]
    });
    const found = hits('mfa.logins-without-mfa', snapshot);
    expect(found.map((hit) => [hit.component.name, hit.severity, hit.detail.match(/\d+ times?/)?.[0]])).toEqual([
      ['admin@acme.test', 'high', '2 times'],
      ['rep@acme.test', 'medium', '2 times'],
      ['oidc@acme.test', 'medium', '1 time']
    ]);

    // Without VerificationHistory, direct logins cannot be judged: the rule says so instead of accusing everyone.
    const unverified = CORE_RULES.find((candidate) => candidate.id === 'mfa.logins-without-mfa')!.evaluate(
      { ...snapshot, loginVerifications: undefined },
      { options }
    );
    expect(unverified).toEqual({ skipped: expect.stringMatching(/^7 direct UI logins could not be judged .*only SSO logins/) });

    // Enforced org-wide: only the users who may waive MFA are judged.
    const enforced = liveSnapshot({
      ...snapshot,
      mfaRequiredOrgWide: true,
      holders: [...snapshot.holders, holder('PermissionSet', 'MFA_Waiver', ['BypassMFAForUiLogins'], { activeAssigneeIds: ['rep'] })]
    });
    expect(hits('mfa.logins-without-mfa', enforced).map((hit) => hit.component.name)).toEqual(['rep@acme.test', 'oidc@acme.test']);
  });

  it('mfa.logins-without-mfa: privileged users first, in production (privileged logins read) and in a sandbox (everyone judged)', () => {
    const login = (userId: string, count: number) => ({
      userId,
      loginTime: '2025-06-29T08:00:00Z',
      loginType: 'Application',
      status: 'Success',
      count
    });
    const base = {
      holders: [holder('PermissionSet', 'Shadow_Admin', ['ViewAllData'], { activeAssigneeIds: ['root', 'ops'] })],
      users: [user('root'), user('ops'), user('rep'), user('intern')],
      loginVerifications: { ops: 1 }
    };
    // Production: the collector read privileged users' logins only; the busier unverified admin comes first.
    const production = liveSnapshot({ ...base, isSandbox: false, loginScope: 'privileged', logins: [login('root', 1), login('ops', 4)] });
    const inProduction = hits('mfa.logins-without-mfa', production);
    expect(inProduction.map((hit) => [hit.component.name, hit.severity])).toEqual([
      ['ops@acme.test', 'high'],
      ['root@acme.test', 'high']
    ]);
    expect(inProduction[0].detail).toMatch(
      /\(privileged\) logged in to the UI 3 times without MFA \(production org: privileged users' logins were read\)/
    );
    // Sandbox: everyone is judged, and a privileged user still comes before a user with more unverified logins.
    const sandbox = liveSnapshot({
      ...base,
      isSandbox: true,
      loginScope: 'all',
      logins: [login('intern', 9), login('root', 1), login('rep', 2)]
    });
    const inSandbox = hits('mfa.logins-without-mfa', sandbox);
    expect(inSandbox.map((hit) => [hit.component.name, hit.severity])).toEqual([
      ['root@acme.test', 'high'],
      ['intern@acme.test', 'medium'],
      ['rep@acme.test', 'medium']
    ]);
    expect(inSandbox[1].detail).toMatch(/sandbox: every user's logins were read/);
    // Every login verified: silent, in both.
    const verified = { loginVerifications: { root: 1, ops: 4, intern: 9, rep: 2 } };
    expect(hits('mfa.logins-without-mfa', { ...production, ...verified })).toEqual([]);
    expect(hits('mfa.logins-without-mfa', { ...sandbox, ...verified })).toEqual([]);
  });

  it('user.shared-integration-user: human license + API logins + password never expires + not API only', () => {
    const apiLogin = (userId: string) => ({
      userId,
      loginTime: '2025-06-29T08:00:00Z',
      loginType: 'Remote Access 2.0',
      status: 'Success',
      apiType: 'SOAP Enterprise'
    });
    const snapshot = liveSnapshot({
      users: [
        user('shared', { passwordNeverExpires: true }),
        user('proper', { passwordNeverExpires: true, isApiOnly: true }),
        user('expiring'),
        user('integration', { passwordNeverExpires: true, licenseName: 'Salesforce Integration' })
      ],
      logins: ['shared', 'proper', 'expiring', 'integration'].map(apiLogin)
    });
    expect(hits('user.shared-integration-user', snapshot).map((hit) => hit.component.name)).toEqual(['shared@acme.test']);
  });

  it('user.dormant: active standard users past the limit, never-logged-in by creation date', () => {
    const snapshot = liveSnapshot({
      users: [
        user('recent'),
        user('old', { lastLoginDate: '2025-03-01T00:00:00Z' }),
        user('never', { lastLoginDate: undefined, createdDate: '2025-01-01T00:00:00Z' }),
        user('new', { lastLoginDate: undefined, createdDate: '2025-06-01T00:00:00Z' }),
        user('inactive', { isActive: false, lastLoginDate: '2024-01-01T00:00:00Z' }),
        user('guest', { userType: 'Guest', lastLoginDate: '2024-01-01T00:00:00Z' })
      ]
    });
    expect(hits('user.dormant', snapshot).map((hit) => hit.component.name)).toEqual(['old@acme.test', 'never@acme.test']);
    expect(hits('user.dormant', snapshot, { dormantDays: 200 }).map((hit) => hit.component.name)).toEqual([]);
  });

  it('user.too-many-admins: above the baseline maximum (5)', () => {
    const admins = (count: number) =>
      Array.from({ length: count }, (_, index) => user(`a${index}`, { profileName: 'System Administrator' }));
    expect(options.maxSystemAdministrators).toBe(5);
    expect(hits('user.too-many-admins', liveSnapshot({ users: admins(5) }))).toEqual([]);
    expect(hits('user.too-many-admins', liveSnapshot({ users: admins(6) }))[0].detail).toMatch(/^6 active System Administrators/);
  });

  it('audit.privilege-change and audit.unreviewed-changes', () => {
    const entry = (id: string, action: string, display: string, by: string, createdDate = '2025-06-29T00:00:00Z') => ({
      id,
      action,
      section: 'Manage Users',
      display,
      createdDate,
      createdById: by,
      createdByUsername: by
    });
    const snapshot = liveSnapshot({
      auditTrail: [
        entry('1', 'PermSetAssign', 'Permission set Admin_Tools: assigned to user x', 'boss@acme.test'),
        entry('2', 'profileChange', 'Changed profile Sales: Modify All Data was changed from False to True', 'rogue@acme.test'),
        entry('3', 'changedFieldLabel', 'Changed field label of Account.Foo', 'rogue@acme.test'),
        entry('4', 'changedFieldLabel', 'Changed field label of Account.Bar', 'old@acme.test', '2025-01-01T00:00:00Z')
      ]
    });
    expect(hits('audit.privilege-change', snapshot).map((hit) => hit.component.name)).toEqual(['1', '2']);
    const unreviewed = hits('audit.unreviewed-changes', snapshot, { auditAllowList: ['BOSS@acme.test'] });
    expect(unreviewed.map((hit) => [hit.component.name, hit.detail.includes('2 setup changes')])).toEqual([['rogue@acme.test', true]]);
    expect(
      hits('audit.unreviewed-changes', snapshot, { auditAllowList: ['boss@acme.test'], lastRunAt: '2024-12-01T00:00:00Z' }).map(
        (hit) => hit.component.name
      )
    ).toEqual(['rogue@acme.test', 'old@acme.test']);
  });

  it('capp.unowned-integration: apps and integration users without an owned Integration__c', () => {
    const snapshot = liveSnapshot({
      connectedApps: [{ name: 'Owned_App' }, { name: 'Orphan_App' }],
      users: [user('intA', { isApiOnly: true }), user('intB', { isApiOnly: true }), user('human')],
      integrations: [
        { id: 'i1', name: 'ERP', connectedAppName: 'Owned_App', integrationUserId: 'intA', ownerUserId: 'human' },
        { id: 'i2', name: 'Unowned', connectedAppName: 'Orphan_App', integrationUserId: 'intB' }
      ]
    });
    expect(hits('capp.unowned-integration', snapshot).map((hit) => hit.component.name)).toEqual(['Orphan_App', 'intB@acme.test']);
  });

  it('gov.area-no-accountable: missing or inactive Accountable; retired areas ignored', () => {
    const snapshot = liveSnapshot({
      users: [user('owner'), user('gone', { isActive: false })],
      governanceAreas: [
        { id: 'g1', areaKey: 'IDENTITY.MFA', name: 'MFA', accountableId: 'owner', status: 'Active' },
        { id: 'g2', areaKey: 'DATA.BACKUP', name: 'Backup', accountableId: 'gone', status: 'Active' },
        { id: 'g3', areaKey: 'AI.CONFIGURATION', name: 'AI', status: 'Active' },
        { id: 'g4', areaKey: 'REVENUE.STAGES', name: 'Stages', status: 'Retired' }
      ]
    });
    expect(hits('gov.area-no-accountable', snapshot).map((hit) => hit.component.name)).toEqual(['DATA.BACKUP', 'AI.CONFIGURATION']);
  });

  it('gov.review-overdue: areas, risks and live decisions past their dates', () => {
    const snapshot = liveSnapshot({
      governanceAreas: [
        { id: 'g1', areaKey: 'IDENTITY.MFA', name: 'MFA', nextReviewDue: '2025-06-01' },
        { id: 'g2', areaKey: 'DATA.BACKUP', name: 'Backup', nextReviewDue: '2025-12-01' }
      ],
      risks: [{ id: 'r1', name: 'Shared admin', nextReviewDate: '2025-05-01' }],
      decisions: [
        { id: 'd1', name: 'DEC-0001', status: 'Accepted', nextReviewDate: '2025-06-29' },
        { id: 'd2', name: 'DEC-0002', status: 'Superseded', nextReviewDate: '2025-01-01' }
      ]
    });
    expect(hits('gov.review-overdue', snapshot).map((hit) => `${hit.component.type}:${hit.component.name}`)).toEqual([
      'Governance_Area__c:IDENTITY.MFA',
      'Risk__c:Shared admin',
      'Decision__c:DEC-0001'
    ]);
  });

  it('gov.finding-mttr-breached: open findings older than 5 days', () => {
    const snapshot = liveSnapshot({
      findings: [
        {
          id: 'f1',
          findingKey: 'perm.view-all-data:Profile:Admin',
          ruleId: 'perm.view-all-data',
          status: 'Open',
          firstDetected: '2025-06-20T00:00:00Z'
        },
        {
          id: 'f2',
          findingKey: 'perm.dangerous:Profile:Admin',
          ruleId: 'perm.dangerous',
          status: 'Open',
          firstDetected: '2025-06-28T00:00:00Z'
        },
        {
          id: 'f3',
          findingKey: 'mfa.not-enforced:SecuritySettings:Security',
          ruleId: 'mfa.not-enforced',
          status: 'Resolved',
          firstDetected: '2025-01-01T00:00:00Z'
        }
      ]
    });
    expect(hits('gov.finding-mttr-breached', snapshot).map((hit) => hit.component.name)).toEqual(['perm.view-all-data:Profile:Admin']);
    expect(hits('gov.finding-mttr-breached', snapshot, { mttrTargetDays: 30 })).toEqual([]);
  });

  it('profile.sprawl and psg.not-adopted live', () => {
    const snapshot = liveSnapshot({
      holders: [
        holder('Profile', 'Lonely', [], { custom: true, activeAssigneeIds: ['u1'] }),
        holder('Profile', 'Busy', [], { custom: true, activeAssigneeIds: ['u1', 'u2', 'u3'] }),
        holder('Profile', 'Standard User', [], { custom: false, activeAssigneeIds: [] })
      ],
      assignments: [
        { assigneeId: 'u1', permissionSetName: 'Sales_Tools' },
        { assigneeId: 'u2', permissionSetName: 'Sales_Tools' },
        { assigneeId: 'u3', permissionSetName: 'Sales_Tools' },
        { assigneeId: 'u1', permissionSetName: 'Rare' },
        { assigneeId: 'u2', permissionSetGroupName: 'Sales_Bundle' }
      ]
    });
    expect(hits('profile.sprawl', snapshot).map((hit) => hit.component.name)).toEqual(['Lonely']);
    expect(hits('psg.not-adopted', snapshot).map((hit) => hit.component.name)).toEqual(['Sales_Tools']);
  });
});
