import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { standardBaseline } from '../baseline/parse';
import { baselineRules } from '../baseline/rules';
import { runHealthCheck } from '../engine';
import { LIVE_ONLY } from '../reasons';
import { CORE_RULES } from '../rules';
import { help } from '../rules/helpers';
import { holder, liveSnapshot } from './core-fixtures';
import { evaluateRule, hitNames, ruleHits, snapshotUser } from './rules-harness';

const login = (userId: string, loginType: string, extra: Record<string, string> = {}) => ({
  userId,
  loginTime: '2025-06-29T08:00:00Z',
  loginType,
  status: 'Success',
  ...extra
});

describe('help links', () => {
  it('open the Salesforce Help article of the id given', () => {
    expect(help('sf.perm_sets_overview.htm')).toBe('https://help.salesforce.com/s/articleView?type=5&id=sf.perm_sets_overview.htm');
  });
});

describe('every rule routes to a governance area the org has', () => {
  const seeded = new Set(
    (
      JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'data', 'Governance_Area__c.json'), 'utf8')) as {
        records: Array<{ Area_Key__c: string }>;
      }
    ).records.map((record) => record.Area_Key__c)
  );
  it.each([...CORE_RULES, ...baselineRules(standardBaseline())].map((rule) => [rule.id, rule.areaKey]))('%s → %s', (_id, areaKey) => {
    expect(seeded.has(areaKey)).toBe(true);
  });

  it('and links its references to Salesforce Help articles', () => {
    for (const rule of CORE_RULES) {
      for (const reference of rule.references)
        expect(reference).toMatch(/^https:\/\/help\.salesforce\.com\/s\/articleView\?type=5&id=(sf|xcloud)\.[\w-]+\.htm$/);
    }
  });
});

describe('perm.dangerous: each high-risk system permission', () => {
  it.each([
    'ManageUsers',
    'ManageInternalUsers',
    'AuthorApex',
    'CustomizeApplication',
    'ModifyMetadata',
    'AssignPermissionSets',
    'ManageProfilesPermissionsets',
    'ManageRoles',
    'ManageSharing',
    'ResetPasswords',
    'PasswordNeverExpires',
    'DataExport',
    'BulkApiHardDelete',
    'ViewAllUsers',
    'ManageIpAddresses',
    'ManageLoginAccessPolicies',
    'ManagePasswordPolicies',
    'ManageSessionPermissionSets',
    'ManageEncryptionKeys',
    'ViewEncryptedData',
    'ManageAuthProviders',
    'ManageRemoteAccess',
    'InstallPackaging'
  ])('%s', (permission) => {
    expect(hitNames('perm.dangerous', liveSnapshot({ holders: [holder('PermissionSet', 'Ops', ['ApiEnabled', permission])] }))).toEqual([
      'Ops'
    ]);
  });

  it('not everyday permissions', () => {
    expect(
      hitNames('perm.dangerous', liveSnapshot({ holders: [holder('PermissionSet', 'Ops', ['ApiEnabled', 'RunReports', 'ViewSetup'])] }))
    ).toEqual([]);
  });
});

describe('privileged (administrative) permissions: profiles that need login IP ranges', () => {
  const profileWith = (permission: string) =>
    liveSnapshot({ holders: [holder('Profile', 'P', ['ApiEnabled', permission], { loginIpRanges: [] })] });
  it.each([
    'ModifyAllData',
    'ViewAllData',
    'ModifyMetadata',
    'CustomizeApplication',
    'ManageUsers',
    'AuthorApex',
    'ManageProfilesPermissionsets',
    'AssignPermissionSets'
  ])('%s is administrative', (permission) => {
    expect(hitNames('profile.no-login-ip-ranges', profileWith(permission))).toEqual(['P']);
  });
  it('a high-risk but not administrative permission is not', () => {
    expect(hitNames('profile.no-login-ip-ranges', profileWith('DataExport'))).toEqual([]);
  });
  it('only profiles, only those with no ranges; unknown ranges skip with the reason', () => {
    const snapshot = liveSnapshot({
      holders: [
        holder('PermissionSet', 'Set', ['ModifyAllData'], { loginIpRanges: [] }),
        holder('Profile', 'Fenced', ['ModifyAllData'], {
          loginIpRanges: [{ startAddress: '10.0.0.0', endAddress: '10.0.0.255' }],
          location: { file: 'f' }
        }),
        holder('Profile', 'Open', ['ModifyAllData'], {
          loginIpRanges: [],
          hasLoginHours: true,
          location: { file: 'profiles/Open.profile-meta.xml' }
        })
      ]
    });
    expect(ruleHits('profile.no-login-ip-ranges', snapshot)).toEqual([
      {
        component: { type: 'Profile', name: 'Open' },
        detail: 'Profile Open grants administrative permissions and has no login IP ranges.',
        location: { file: 'profiles/Open.profile-meta.xml' }
      }
    ]);
    const unknown = liveSnapshot({ holders: [holder('Profile', 'Admin', ['ModifyAllData'])] });
    expect(evaluateRule('profile.no-login-ip-ranges', unknown)).toEqual({
      skipped: 'login IP ranges of profiles are not in this snapshot'
    });
    expect(
      evaluateRule('profile.no-login-ip-ranges', { ...unknown, unavailable: { loginIpRanges: 'Profile metadata: not readable' } })
    ).toEqual({
      skipped: 'Profile metadata: not readable'
    });
    expect(evaluateRule('profile.no-login-ip-ranges', liveSnapshot({ holders: [holder('Profile', 'Reader', ['ApiEnabled'])] }))).toEqual({
      hits: []
    });
  });
});

describe('audit.privilege-change: the Setup Audit Trail actions and texts that change privileges', () => {
  const entry = (action: string, display = 'Changed something') => ({
    id: '0Ym1',
    action,
    section: 'Manage Users',
    display,
    createdDate: '2025-06-29T00:00:00Z',
    createdById: '005X'
  });
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
  ])('action %s', (action) => {
    expect(hitNames('audit.privilege-change', liveSnapshot({ auditTrail: [entry(action)] }))).toEqual(['0Ym1']);
  });
  it.each([
    'Modify All Data',
    'View All Data',
    'System Administrator',
    'manage users',
    'Author Apex',
    'Customize Application',
    'Modify Metadata',
    'Assign Permission Sets',
    'Waive Multi-Factor'
  ])('text %s', (text) => {
    expect(
      hitNames('audit.privilege-change', liveSnapshot({ auditTrail: [entry('changedFieldLabel', `Changed ${text} on profile X`)] }))
    ).toEqual(['0Ym1']);
  });
  it('not an ordinary change; without a username the user id is shown', () => {
    expect(hitNames('audit.privilege-change', liveSnapshot({ auditTrail: [entry('changedFieldLabel')] }))).toEqual([]);
    expect(ruleHits('audit.privilege-change', liveSnapshot({ auditTrail: [entry('PermSetAssign', 'Assigned Ops')] }))[0].detail).toBe(
      '2025-06-29T00:00:00Z 005X: Assigned Ops'
    );
  });
  it('audit.unreviewed-changes: since the last run (strictly after it), or the last 7 days', () => {
    const at = (createdDate: string, who: string) => ({ ...entry('x'), createdDate, createdById: who, createdByUsername: who });
    const trail = [
      at('2025-06-23T12:00:00.000Z', 'edge'),
      at('2025-06-23T11:00:00.000Z', 'old'),
      at('2025-06-29T00:00:00Z', 'twice'),
      at('2025-06-29T01:00:00Z', 'twice')
    ];
    expect(ruleHits('audit.unreviewed-changes', liveSnapshot({ auditTrail: trail })).map((hit) => hit.detail)).toEqual([
      'edge made 1 setup change in the last 7 days and is not on the allow-list.',
      'twice made 2 setup changes in the last 7 days and is not on the allow-list.'
    ]);
    expect(hitNames('audit.unreviewed-changes', liveSnapshot({ auditTrail: trail }), { lastRunAt: '2025-06-29T00:00:00Z' })).toEqual([
      'twice'
    ]);
    expect(ruleHits('audit.unreviewed-changes', liveSnapshot({ auditTrail: trail }), { lastRunAt: '2025-06-29T00:00:00Z' })[0].detail).toBe(
      'twice made 1 setup change since 2025-06-29T00:00:00Z and is not on the allow-list.'
    );
  });
});

describe('logins: which are UI, which are API', () => {
  it('mfa.logins-without-mfa counts SSO into the UI, not API logins, and every such login', () => {
    const snapshot = liveSnapshot({
      users: [snapshotUser('sso'), snapshotUser('api')],
      loginVerifications: {},
      logins: [
        login('sso', 'SAML Sfdc Initiated SSO', { authMethodReference: 'pwd' }),
        login('sso', 'SAML Idp Initiated SSO', { authMethodReference: 'pwd' }),
        login('api', 'Remote Access 2.0', { apiType: 'REST', authMethodReference: 'pwd' }),
        login('ghost', 'Application')
      ]
    });
    expect(ruleHits('mfa.logins-without-mfa', snapshot).map((hit) => [hit.component.name, hit.detail])).toEqual([
      ['sso@acme.test', 'User sso logged in to the UI 2 times without MFA.'],
      ['ghost', 'ghost logged in to the UI 1 time without MFA.']
    ]);
  });

  it('user.shared-integration-user: API logins are those with an API type or a non-UI login type, successful ones only', () => {
    const human = (id: string) => snapshotUser(id, { passwordNeverExpires: true });
    const snapshot = liveSnapshot({
      users: [
        human('soap'),
        human('oauth'),
        human('ui'),
        human('failed'),
        snapshotUser('admin', { passwordNeverExpires: true, licenseName: 'Salesforce Platform' })
      ],
      logins: [
        login('soap', 'Application', { apiType: 'SOAP Enterprise' }),
        login('oauth', 'Remote Access 2.0'),
        login('oauth', 'Remote Access 2.0'),
        login('ui', 'Application'),
        login('failed', 'Remote Access 2.0', { status: 'Failed: Invalid Password' }),
        login('admin', 'Remote Access 2.0')
      ]
    });
    snapshot.users?.push({ ...human('inactive'), isActive: false });
    snapshot.logins?.push(login('inactive', 'Remote Access 2.0'));
    expect(ruleHits('user.shared-integration-user', snapshot).map((hit) => hit.detail)).toEqual([
      'User soap has a full Salesforce license, 1 API login, a password that never expires and no API Only.',
      'User oauth has a full Salesforce license, 2 API logins, a password that never expires and no API Only.'
    ]);
  });
});

describe('user.too-many-admins lists the admins it counts', () => {
  it('names each one, separated by commas', () => {
    const snapshot = liveSnapshot({
      users: [snapshotUser('a1', { profileName: 'System Administrator' }), snapshotUser('a2', { profileName: 'System Administrator' })]
    });
    expect(ruleHits('user.too-many-admins', snapshot, { maxSystemAdministrators: 1 }).map((hit) => hit.detail)).toEqual([
      '2 active System Administrators (baseline maximum 1): a1@acme.test, a2@acme.test.'
    ]);
  });
});

describe('user.too-many-admins counts active System Administrators only', () => {
  it('inactive admins and other profiles do not count', () => {
    const snapshot = liveSnapshot({
      users: [
        snapshotUser('a1', { profileName: 'System Administrator' }),
        snapshotUser('a2', { profileName: 'System Administrator', isActive: false }),
        snapshotUser('a3', { profileName: 'Sales Operations' })
      ]
    });
    expect(ruleHits('user.too-many-admins', snapshot, { maxSystemAdministrators: 0 })).toEqual([
      {
        component: { type: 'Organization', name: '00D000000000001' },
        detail: '1 active System Administrator (baseline maximum 0): a1@acme.test.'
      }
    ]);
    expect(ruleHits('user.too-many-admins', { ...snapshot, orgId: undefined }, { maxSystemAdministrators: 0 })[0].component).toEqual({
      type: 'Organization',
      name: 'Organization'
    });
  });
});

describe('profile.sprawl and psg.not-adopted', () => {
  it('a custom profile with as many users as the minimum is fine; the finding points at the profile file without a permission line', () => {
    const snapshot = liveSnapshot({
      holders: [
        holder('Profile', 'Pair', [], { custom: true, activeAssigneeIds: ['u1', 'u2'] }),
        holder('Profile', 'Solo', ['AuthorApex'], {
          custom: true,
          activeAssigneeIds: ['u1'],
          location: { file: 'profiles/Solo.profile-meta.xml' }
        }),
        holder('PermissionSet', 'Set', ['AuthorApex'], { custom: true, activeAssigneeIds: [] })
      ]
    });
    expect(ruleHits('profile.sprawl', snapshot)).toEqual([
      {
        component: { type: 'Profile', name: 'Solo' },
        detail: 'Custom profile Solo: 1 active user (fewer than 2); holds AuthorApex, which belong in permission sets.',
        location: { file: 'profiles/Solo.profile-meta.xml' }
      }
    ]);
  });

  it('offline: three custom permission sets and no group is a finding; standard sets and groups do not count as sets', () => {
    const sets = (count: number, extra = {}) =>
      Array.from({ length: count }, (_, index) => holder('PermissionSet', `S${index}`, [], extra));
    const offline = (holders: ReturnType<typeof holder>[]) => ({ ...liveSnapshot({ holders }), assignments: undefined });
    expect(ruleHits('psg.not-adopted', offline(sets(3)))).toEqual([
      { component: { type: 'Organization', name: '00D000000000001' }, detail: '3 custom permission sets and no permission set group.' }
    ]);
    expect(ruleHits('psg.not-adopted', offline(sets(2)))).toEqual([]);
    expect(ruleHits('psg.not-adopted', offline([...sets(2), ...sets(1, { custom: false })]))).toEqual([]);
    expect(ruleHits('psg.not-adopted', offline([...sets(2), holder('PermissionSetGroup', 'G', [])]))).toEqual([]);
    expect(ruleHits('psg.not-adopted', offline([...sets(3), holder('PermissionSetGroup', 'G', [])]))).toEqual([]);
  });

  it('offline: profiles are not permission sets, however custom', () => {
    const offline = {
      ...liveSnapshot({
        holders: [holder('PermissionSet', 'S0', []), holder('PermissionSet', 'S1', []), holder('Profile', 'P', [], { custom: true })]
      }),
      assignments: undefined
    };
    expect(ruleHits('psg.not-adopted', offline)).toEqual([]);
  });

  it('says why it cannot judge when the assignments could not be read', () => {
    const snapshot = liveSnapshot({ unavailable: { assignments: 'PermissionSetAssignment: INSUFFICIENT_ACCESS' } });
    expect(evaluateRule('psg.not-adopted', snapshot)).toEqual({ skipped: 'PermissionSetAssignment: INSUFFICIENT_ACCESS' });
  });

  it('live: counts the direct assignees the org counted, not the privileged rows read one by one', () => {
    const snapshot = liveSnapshot({
      directAssignees: { Sales_Tools: 4 },
      assignments: [{ assigneeId: 'u1', permissionSetName: 'Sales_Tools' }]
    });
    expect(ruleHits('psg.not-adopted', snapshot).map((hit) => hit.detail)).toEqual([
      'Permission set Sales_Tools is assigned directly to 4 users.'
    ]);
  });

  it('live: says when a directly assigned set is also in a group', () => {
    const snapshot = liveSnapshot({
      holders: [holder('PermissionSetGroup', 'Sales_Bundle', [], { memberPermissionSets: ['Sales_Tools'] })],
      assignments: ['u1', 'u2', 'u3'].map((assigneeId) => ({ assigneeId, permissionSetName: 'Sales_Tools' }))
    });
    expect(ruleHits('psg.not-adopted', snapshot).map((hit) => hit.detail)).toEqual([
      'Permission set Sales_Tools is assigned directly to 3 users although it is in a group.'
    ]);
  });
});

describe('governance rules', () => {
  it('gov.area-no-accountable says what is wrong with the Accountable', () => {
    const snapshot = liveSnapshot({
      users: [snapshotUser('gone', { isActive: false })],
      governanceAreas: [
        { id: 'g1', areaKey: 'DATA.BACKUP', name: 'Backup', accountableId: 'gone' },
        { id: 'g2', areaKey: 'AI.CONFIGURATION', name: 'AI' }
      ]
    });
    expect(ruleHits('gov.area-no-accountable', snapshot).map((hit) => [hit.detail, hit.route])).toEqual([
      ['Backup (DATA.BACKUP) has an inactive Accountable (gone@acme.test).', undefined],
      ['AI (AI.CONFIGURATION) has no Accountable.', undefined]
    ]);
  });

  it('gov.review-overdue: retired areas are not reviewed; the detail names the date', () => {
    const snapshot = liveSnapshot({
      governanceAreas: [
        { id: 'g1', areaKey: 'A.RETIRED', name: 'Old', status: 'Retired', nextReviewDue: '2025-01-01' },
        { id: 'g2', areaKey: 'A.LIVE', name: 'Live', status: 'Active', nextReviewDue: '2025-01-01' }
      ],
      decisions: [{ id: 'd1', name: 'DEC-9', status: 'Accepted', nextReviewDate: '2025-01-02' }]
    });
    expect(ruleHits('gov.review-overdue', snapshot).map((hit) => hit.detail)).toEqual([
      'Live was due for review on 2025-01-01.',
      'Decision DEC-9 was due for review on 2025-01-02.'
    ]);
  });

  it('gov.finding-mttr-breached: exactly the target is not breached; only open findings with a first detection', () => {
    const finding = (id: string, firstDetected: string | undefined, status = 'Open') => ({
      id,
      findingKey: id,
      ruleId: 'r',
      status,
      firstDetected
    });
    const snapshot = liveSnapshot({
      findings: [
        finding('edge', '2025-06-25T12:00:00.000Z'),
        finding('late', '2025-06-25T11:59:00.000Z'),
        finding('undated', undefined),
        finding('accepted', '2025-01-01T00:00:00Z', 'Risk Accepted')
      ]
    });
    expect(ruleHits('gov.finding-mttr-breached', snapshot)).toEqual([
      { component: { type: 'Health_Finding__c', name: 'late' }, detail: 'Finding late has been open for 5 days (target 5).' }
    ]);
  });
});

describe('connected apps', () => {
  it('capp.open-self-authorize: only apps with OAuth that let users self-authorize', () => {
    const snapshot = liveSnapshot({
      connectedApps: [
        { name: 'Canvas', adminApprovedUsersOnly: false, hasOAuth: false },
        { name: 'Open', label: 'Open App', adminApprovedUsersOnly: false, hasOAuth: true },
        { name: 'Unknown' }
      ]
    });
    expect(hitNames('capp.open-self-authorize', snapshot)).toEqual(['Open']);
  });

  it('capp.unowned-integration: an owner is needed; integration-licensed users count as integration users', () => {
    const snapshot = liveSnapshot({
      connectedApps: [{ name: 'ERP' }],
      users: [
        snapshotUser('licensed', { licenseName: 'Salesforce Integration' }),
        snapshotUser('owned', { isApiOnly: true }),
        snapshotUser('human')
      ],
      integrations: [
        { id: 'i1', name: 'ERP', connectedAppName: 'ERP', integrationUserId: 'licensed' },
        { id: 'i2', name: 'Billing', integrationUserId: 'owned', ownerUserId: 'human' }
      ]
    });
    expect(hitNames('capp.unowned-integration', snapshot)).toEqual(['ERP', 'licensed@acme.test']);
  });
});

describe('mfa rules without the optional data', () => {
  it('mfa.not-enforced: the finding without a settings file has no location; unknown setting skips', () => {
    expect(ruleHits('mfa.not-enforced', liveSnapshot({ mfaRequiredOrgWide: false }))[0].location).toBeUndefined();
    expect(evaluateRule('mfa.not-enforced', liveSnapshot())).toEqual({ skipped: 'the org-wide MFA setting is not in this snapshot' });
  });
  it('mfa.bypass-granted points at the holder file when the grant line is unknown', () => {
    const snapshot = liveSnapshot({
      holders: [holder('PermissionSet', 'Bypass', ['BypassMFAForUiLogins'], { location: { file: 'ps/Bypass.xml' } })]
    });
    expect(ruleHits('mfa.bypass-granted', snapshot)).toEqual([
      {
        component: { type: 'PermissionSet', name: 'Bypass' },
        detail: 'PermissionSet Bypass waives MFA for UI logins (BypassMFAForUiLogins).',
        location: { file: 'ps/Bypass.xml' }
      }
    ]);
  });
});

describe('object-wide access and high-risk permissions point at the file when the line is unknown', () => {
  it('falls back to the holder location', () => {
    const snapshot = liveSnapshot({
      holders: [
        holder('PermissionSet', 'Wide', ['DataExport'], {
          location: { file: 'ps/Wide.xml' },
          objectPermissions: [
            {
              object: 'Case',
              allowRead: true,
              allowCreate: true,
              allowEdit: true,
              allowDelete: true,
              viewAllRecords: false,
              modifyAllRecords: true
            }
          ]
        })
      ]
    });
    expect(ruleHits('perm.object-wide-access', snapshot)[0]).toEqual({
      component: { type: 'PermissionSet', name: 'Wide' },
      detail: 'PermissionSet Wide grants View All / Modify All on 1 object: Case (Modify All).',
      location: { file: 'ps/Wide.xml' }
    });
    expect(ruleHits('perm.dangerous', snapshot)[0].detail).toBe('PermissionSet Wide grants 1 high-risk permission: DataExport.');
  });
});

describe('skip reasons: the collector reason first, then why the mode lacks it, then the default', () => {
  it('in that order', () => {
    expect(
      evaluateRule('user.dormant', {
        ...liveSnapshot(),
        users: undefined,
        unavailable: { users: 'User: no access' },
        notApplicable: { users: 'n/a' }
      })
    ).toEqual({
      skipped: 'User: no access'
    });
    expect(evaluateRule('user.dormant', { ...liveSnapshot(), users: undefined, notApplicable: { users: 'not in metadata' } })).toEqual({
      skipped: 'not in metadata'
    });
    expect(evaluateRule('user.dormant', { ...liveSnapshot(), users: undefined })).toEqual({ skipped: LIVE_ONLY });
  });
});

describe('baseline rules', () => {
  const rules = baselineRules(standardBaseline());
  const byName = (name: string) => {
    const rule = rules.find((candidate) => candidate.id === `baseline:${name}`);
    if (!rule) throw new Error(name);
    return rule;
  };
  it('titles read as words', () => {
    expect(byName('SessionSettings.lockSessionsToDomain').title).toBe('Session settings: lock sessions to domain');
    expect(byName('PasswordPolicies.minPasswordLength').title).toMatch(/^Password policies: min password length$/);
  });

  it('a finding names the component the setting lives in', () => {
    const components = Object.fromEntries(
      rules.map((rule) => {
        const name = rule.id.slice('baseline:'.length);
        const setting = standardBaseline().settings.find((candidate) => candidate.name === name);
        const wrong =
          setting?.kind === 'booleanSetting'
            ? !setting.compliantBoolean
            : setting?.kind === 'numericRangeSetting'
              ? Number.NaN
              : 'NotAValue';
        const evaluation = rule.evaluate(liveSnapshot({ settings: { [name]: { value: wrong } } }), { options: {} as never });
        if (!('hits' in evaluation)) throw new Error(name);
        return [name.split('.')[0], evaluation.hits[0]?.component];
      })
    );
    expect(components).toMatchObject({
      SessionSettings: { type: 'SecuritySettings', name: 'Security' },
      PasswordPolicies: { type: 'SecuritySettings', name: 'Security' },
      NetworkSecurity: { type: 'SecuritySettings', name: 'Security' },
      FileUploadAndDownloadSecurity: { type: 'FileUploadAndDownloadSecuritySettings', name: 'FileUploadAndDownloadSecurity' }
    });
    for (const [group, component] of Object.entries(components)) {
      if (
        ![
          'SessionSettings',
          'PasswordPolicies',
          'NetworkSecurity',
          'LoginAccessPolicies',
          'Identity',
          'FileUploadAndDownloadSecurity'
        ].includes(group)
      ) {
        expect({ group, component }).toEqual({ group, component: { type: 'Organization', name: '00D000000000001' } });
      }
    }
  });

  it('the detail names the value, the bucket, the baseline and what is compliant', () => {
    const rule = byName('SessionSettings.lockSessionsToDomain');
    expect(ruleHitsOf(rule, { value: false, location: { file: 'settings/Security.settings-meta.xml', line: 3 } })).toEqual([
      {
        component: { type: 'SecuritySettings', name: 'Security' },
        detail: 'SessionSettings.lockSessionsToDomain is false: critical in baseline "SFDC recommended" (high risk; compliant: true).',
        location: { file: 'settings/Security.settings-meta.xml', line: 3 },
        severity: 'high'
      }
    ]);
  });

  it('a setting this mode cannot see is not applicable; one missing for another reason makes the run incomplete', () => {
    const rule = byName('SessionSettings.lockSessionsToDomain');
    expect(
      rule.evaluate(liveSnapshot({ notApplicable: { 'SessionSettings.lockSessionsToDomain': 'not in metadata' } }), {
        options: {} as never
      })
    ).toEqual({
      skipped: 'not in metadata',
      notApplicable: true
    });
    const [result] = runHealthCheck(liveSnapshot(), { rules: [rule] }).rules;
    expect([result.status, result.skipKind, result.reason]).toEqual([
      'skipped',
      'incomplete',
      'no value for SessionSettings.lockSessionsToDomain in this snapshot'
    ]);
  });

  function ruleHitsOf(
    rule: (typeof rules)[number],
    value: { value: string | number | boolean; location?: { file: string; line?: number } }
  ) {
    const evaluation = rule.evaluate(liveSnapshot({ settings: { [rule.id.slice('baseline:'.length)]: value } }), { options: {} as never });
    return 'hits' in evaluation ? evaluation.hits : evaluation;
  }
});
