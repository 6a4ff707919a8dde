import { standardBaseline } from '../../health/baseline/parse';
import type { BaselineSetting } from '../../health/baseline/model';
import { SECURITY_FIELDS } from '../../health/collectors/metadata/settings';
import { HEALTH_CHECK_LABELS } from '../../health/collectors/org/healthCheckLabels';
import type { Dataset, StoredRecord } from '../types';
import { withOperatingModel } from './acmeOperatingModel';
import { clock, permissionSet, sfId, toolingProfile } from './builder';

/**
 * The sample org "Acme": a mid-sized sales org in which every live rule of the health check has
 * something to find, as real orgs do: seven System Administrators, a sales rep holding Modify All Data
 * through a forgotten permission set, admins logging in without MFA, a human user hard-coded as an
 * API user, dormant accounts, a privilege grant in the Setup Audit Trail, a connected app nobody owns,
 * an area whose Accountable has left, and findings past the MTTR target.
 */
export function acmeDataset(now: Date = new Date()): Dataset {
  const { daysAgo, dateDaysAgo, dateIn } = clock(now);
  const orgId = sfId('00D', 1);
  const id = {
    user: (n: number) => sfId('005', n),
    profile: (n: number) => sfId('00e', n),
    permissionSet: (n: number) => sfId('0PS', n),
    license: (n: number) => sfId('100', n)
  };

  const licenses: StoredRecord[] = [
    { Id: id.license(1), Name: 'Salesforce', MasterLabel: 'Salesforce', Status: 'Active' },
    { Id: id.license(2), Name: 'Salesforce Integration', MasterLabel: 'Salesforce Integration', Status: 'Active' },
    { Id: id.license(3), Name: 'Salesforce Platform', MasterLabel: 'Salesforce Platform', Status: 'Active' }
  ];

  const ADMIN_GRANTS = [
    'ModifyAllData',
    'ViewAllData',
    'ManageUsers',
    'AuthorApex',
    'CustomizeApplication',
    'ModifyMetadata',
    'AssignPermissionSets',
    'ResetPasswords',
    'DataExport',
    'ViewAllUsers',
    'ManageSharing',
    'ManageProfilesPermissionsets',
    'ApiEnabled',
    'ViewSetup',
    'RunReports',
    'MonitorLoginHistory'
  ];
  const profileSpecs: Array<{ n: number; name: string; license: number; custom: boolean; grants: string[] }> = [
    { n: 1, name: 'System Administrator', license: 1, custom: false, grants: ADMIN_GRANTS },
    { n: 2, name: 'Standard User', license: 1, custom: false, grants: ['ApiEnabled', 'RunReports'] },
    { n: 3, name: 'Sales Operations', license: 1, custom: true, grants: ['ApiEnabled', 'RunReports', 'DataExport'] },
    { n: 4, name: 'Integration API', license: 2, custom: true, grants: ['ApiEnabled', 'ApiUserOnly'] },
    { n: 5, name: 'Legacy Partner Admin', license: 1, custom: true, grants: ['ViewAllData', 'ApiEnabled'] },
    { n: 6, name: 'Marketing Lite', license: 3, custom: true, grants: ['RunReports'] },
    { n: 7, name: 'Minimum Access - Salesforce', license: 1, custom: false, grants: [] }
  ];
  const profiles: StoredRecord[] = profileSpecs.map((spec) => ({
    Id: id.profile(spec.n),
    Name: spec.name,
    UserLicenseId: id.license(spec.license),
    UserType: 'Standard',
    Description: null
  }));
  // Every profile has the permission set that carries its permissions, as in a real org.
  const profileSets = profileSpecs.map((spec) =>
    permissionSet(
      {
        Id: id.permissionSet(spec.n),
        Name: `X00e${String(spec.n).padStart(12, '0')}`,
        Label: spec.name,
        IsOwnedByProfile: true,
        ProfileId: id.profile(spec.n),
        IsCustom: spec.custom,
        Type: 'Profile'
      },
      spec.grants
    )
  );

  const regularSets = [
    permissionSet(
      {
        Id: id.permissionSet(101),
        Name: 'Shadow_Admin',
        Label: 'Shadow Admin',
        Description: 'Temporary access for a data migration in 2024'
      },
      ['ModifyAllData', 'ApiEnabled']
    ),
    permissionSet({ Id: id.permissionSet(102), Name: 'Data_Steward', Label: 'Data Steward' }, ['ViewAllData', 'DataExport']),
    permissionSet({ Id: id.permissionSet(103), Name: 'MFA_Waiver', Label: 'MFA Waiver' }, ['BypassMFAForUiLogins']),
    permissionSet({ Id: id.permissionSet(104), Name: 'Password_Never_Expires', Label: 'Password Never Expires' }, ['PasswordNeverExpires']),
    permissionSet({ Id: id.permissionSet(105), Name: 'Sales_Reports', Label: 'Sales Reports' }, ['RunReports']),
    permissionSet({ Id: id.permissionSet(106), Name: 'Opportunity_Forecasting', Label: 'Opportunity Forecasting' }, []),
    permissionSet({ Id: id.permissionSet(107), Name: 'Ownership_Console_User', Label: 'Ownership Console User' }, []),
    permissionSet({ Id: id.permissionSet(108), Name: 'Ownership_Console_Health_Runner', Label: 'Ownership Console Health Runner' }, [
      'ApiEnabled',
      'ViewSetup'
    ])
  ];
  // A permission set group is backed by an aggregate permission set of type Group.
  const groups: StoredRecord[] = [
    {
      Id: sfId('0PG', 1),
      DeveloperName: 'Sales_Operations_Team',
      MasterLabel: 'Sales Operations Team',
      Status: 'Updated',
      Description: 'Everything a SalesOps analyst needs'
    }
  ];
  const groupSet = permissionSet(
    {
      Id: id.permissionSet(201),
      Name: 'Sales_Operations_Team_Aggregate',
      Label: 'Sales Operations Team',
      Type: 'Group',
      IsCustom: true,
      PermissionSetGroupId: groups[0].Id
    },
    ['RunReports']
  );
  const groupComponents: StoredRecord[] = [
    { Id: sfId('0PC', 1), PermissionSetGroupId: groups[0].Id, PermissionSetId: id.permissionSet(105) },
    { Id: sfId('0PC', 2), PermissionSetGroupId: groups[0].Id, PermissionSetId: id.permissionSet(106) }
  ];

  type UserSpec = {
    n: number;
    username: string;
    name: string;
    profile: number;
    active?: boolean;
    lastLogin?: number | null;
    created?: number;
  };
  const userSpecs: UserSpec[] = [
    { n: 1, username: 'admin@acme.example', name: 'Ada Admin', profile: 1, lastLogin: 0 },
    { n: 2, username: 'ivy.platform@acme.example', name: 'Ivy Platform', profile: 1, lastLogin: 1 },
    { n: 3, username: 'dana.devops@acme.example', name: 'Dana DevOps', profile: 1, lastLogin: 2 },
    { n: 4, username: 'sam.sandbox@acme.example.uat', name: 'Sam Sandbox', profile: 1, lastLogin: 3 },
    { n: 5, username: 'omar.ops@acme.example', name: 'Omar Ops', profile: 1, lastLogin: 1 },
    { n: 6, username: 'contractor.admin@acme.example', name: 'Casey Contractor', profile: 1, lastLogin: 2 },
    { n: 7, username: 'helpdesk.admin@acme.example', name: 'Hana Helpdesk', profile: 1, lastLogin: 5 },
    { n: 8, username: 'sofia.salesops@acme.example', name: 'Sofia SalesOps', profile: 3, lastLogin: 0 },
    { n: 21, username: 'integration@acme.example', name: 'Integration User', profile: 2, lastLogin: 0, created: 900 },
    { n: 22, username: 'ian.integration@acme.example', name: 'Ian Integration', profile: 2, lastLogin: 1 },
    { n: 28, username: 'former.cio@acme.example', name: 'Fran Former', profile: 1, active: false, lastLogin: 200 },
    { n: 29, username: 'mulesoft.api@acme.example', name: 'MuleSoft API', profile: 4, lastLogin: 0 },
    { n: 30, username: 'marketing.sync@acme.example', name: 'Marketing Sync', profile: 4, lastLogin: 0 },
    { n: 31, username: 'legacy.partner@acme.example', name: 'Lee Legacy', profile: 6, lastLogin: 400 }
  ];
  const repNames = ['Alex', 'Blair', 'Carmen', 'Deniz', 'Eli', 'Farah', 'Gus', 'Hiro', 'Imani', 'Jonas', 'Kai', 'Lena'];
  repNames.forEach((first, i) =>
    userSpecs.push({ n: 9 + i, username: `${first.toLowerCase()}.rep@acme.example`, name: `${first} Rep`, profile: 2, lastLogin: i % 4 })
  );
  for (let i = 0; i < 5; i++)
    userSpecs.push({
      n: 23 + i,
      username: `dormant${i + 1}@acme.example`,
      name: `Dormant User ${i + 1}`,
      profile: 2,
      lastLogin: 120 + i * 60
    });
  for (let i = 0; i < 25; i++)
    userSpecs.push({ n: 40 + i, username: `user${i + 1}@acme.example`, name: `Acme User ${i + 1}`, profile: 2, lastLogin: i % 10 });
  const users: StoredRecord[] = userSpecs.map((spec) => ({
    Id: id.user(spec.n),
    Username: spec.username,
    Name: spec.name,
    Email: spec.username.replace(/\.uat$/, ''),
    IsActive: spec.active ?? true,
    ProfileId: id.profile(spec.profile),
    UserType: 'Standard',
    LastLoginDate: spec.lastLogin === null || spec.lastLogin === undefined ? null : daysAgo(spec.lastLogin),
    CreatedDate: daysAgo(spec.created ?? 700),
    ManagerId: null
  }));

  let assignmentCount = 0;
  const assignment = (user: number, permissionSetId: string, groupId: string | null = null): StoredRecord => ({
    Id: sfId('0Pa', ++assignmentCount),
    AssigneeId: id.user(user),
    PermissionSetId: permissionSetId,
    PermissionSetGroupId: groupId
  });
  const assignments: StoredRecord[] = [
    ...userSpecs.map((spec) => assignment(spec.n, id.permissionSet(spec.profile))),
    assignment(9, id.permissionSet(101)),
    assignment(8, id.permissionSet(102)),
    assignment(5, id.permissionSet(103)),
    assignment(21, id.permissionSet(104)),
    ...repNames.map((_, i) => assignment(9 + i, id.permissionSet(105))),
    ...[1, 2, 8, 22].map((user) => assignment(user, id.permissionSet(107))),
    assignment(1, id.permissionSet(108)),
    assignment(8, groupSet.Id, groups[0].Id),
    assignment(10, groupSet.Id, groups[0].Id)
  ];

  let objectPermissionCount = 0;
  const objectPermission = (parent: string, object: string, viewAll = false, modifyAll = false): StoredRecord => ({
    Id: sfId('110', ++objectPermissionCount),
    ParentId: parent,
    SobjectType: object,
    PermissionsRead: true,
    PermissionsCreate: !viewAll,
    PermissionsEdit: !viewAll || modifyAll,
    PermissionsDelete: modifyAll,
    PermissionsViewAllRecords: viewAll || modifyAll,
    PermissionsModifyAllRecords: modifyAll
  });
  const objectPermissions: StoredRecord[] = [
    objectPermission(id.permissionSet(101), 'Opportunity', false, true),
    objectPermission(id.permissionSet(102), 'Account', true),
    objectPermission(id.permissionSet(102), 'Contact', true),
    objectPermission(id.permissionSet(2), 'Account'),
    objectPermission(id.permissionSet(2), 'Opportunity'),
    objectPermission(id.permissionSet(107), 'Risk__c')
  ];

  // UI logins: most with MFA; admins 4-6 and two reps without. API logins for the integration users.
  // AuthMethodReference is what a third-party OpenID Connect provider reports: null for native and SAML
  // logins. A native login's MFA shows as a successful Login verification in VerificationHistory.
  let loginCount = 0;
  let verificationCount = 0;
  const logins: StoredRecord[] = [];
  const verifications: StoredRecord[] = [];
  const login = (user: number, days: number, type: string, mfa: boolean, apiType: string | null = null, application = 'Browser'): void => {
    const loginId = sfId('0Ya', ++loginCount);
    logins.push({
      Id: loginId,
      UserId: id.user(user),
      LoginTime: daysAgo(days),
      LoginType: type,
      Status: 'Success',
      AuthMethodReference: null,
      ApiType: apiType,
      Application: application,
      SourceIp: `203.0.113.${(user % 200) + 1}`,
      Platform: apiType ? 'Unknown' : 'Mac OSX'
    });
    if (mfa) {
      verifications.push({
        Id: sfId('0TU', ++verificationCount),
        Activity: 'Login',
        Status: 'Succeeded',
        VerificationMethod: 'TotpVerification',
        Policy: 'MultiFactorAuthentication',
        UserId: id.user(user),
        LoginHistoryId: loginId,
        VerificationTime: daysAgo(days),
        SourceIp: `203.0.113.${(user % 200) + 1}`,
        EventGroup: verificationCount,
        Remarks: null,
        ResourceId: null
      });
    }
  };
  for (const spec of userSpecs) {
    if (spec.active === false || spec.profile === 4 || spec.lastLogin === undefined || spec.lastLogin === null || spec.lastLogin > 30)
      continue;
    const withoutMfa = [4, 5, 6, 11, 14].includes(spec.n);
    for (let day = spec.lastLogin; day < 30; day += 3) login(spec.n, day, 'Application', !withoutMfa);
  }
  for (let day = 0; day < 30; day++) {
    login(21, day, 'Remote Access 2.0', false, 'REST', 'Nightly ERP Sync');
    login(21, day + 0.5, 'Other Apex API', false, 'SOAP Enterprise', 'N/A');
    login(29, day, 'Remote Access 2.0', false, 'REST', 'MuleSoft_Integration');
    login(30, day, 'Remote Access 2.0', false, 'REST', 'Marketing_Sync');
  }

  const audit = (n: number, days: number, action: string, section: string, display: string, by: number): StoredRecord => ({
    Id: sfId('0Ym', n),
    Action: action,
    Section: section,
    Display: display,
    CreatedDate: daysAgo(days),
    CreatedById: id.user(by),
    DelegateUser: null
  });
  const auditTrail: StoredRecord[] = [
    audit(
      1,
      2,
      'PermSetAssign',
      'Manage Users',
      'Permission set Shadow Admin: assigned to user Alex Rep (UserID: [005000000000009AAA])',
      6
    ),
    audit(
      2,
      4,
      'profileUserPermChangedStandard',
      'Manage Users',
      'Changed profile System Administrator: Modify All Data was changed from False to True',
      7
    ),
    audit(3, 1, 'changedpassword', 'Manage Users', 'Changed password for user integration@acme.example', 6),
    audit(4, 3, 'createdcustomfield', 'Customize Opportunities', 'Created custom field Forecast Override (Currency)', 8),
    audit(5, 20, 'PermSetAssign', 'Manage Users', 'Permission set MFA Waiver: assigned to user Omar Ops', 2),
    audit(6, 60, 'changedFlowActivation', 'Flows', 'Activated flow Opportunity Stage Guardrails', 3)
  ];

  // Name is the app's label, DeveloperName its API name. Salesforce's own apps are in every org beside the custom ones.
  const connectedApp = (n: number, name: string, developerName: string, adminApproved: boolean, internal = false): StoredRecord => ({
    Id: sfId('0H4', n),
    Name: name,
    DeveloperName: developerName,
    OptionsAllowAdminApprovedUsersOnly: adminApproved,
    OptionsRefreshTokenValidityMetric: false,
    OptionsIsInternal: internal,
    RefreshTokenValidityPeriod: null,
    CreatedDate: daysAgo(900)
  });
  const salesforceApps: StoredRecord[] = [
    connectedApp(11, 'Salesforce CLI', 'Salesforce_CLI', false),
    connectedApp(12, 'SalesforceA', 'SalesforceA', false, true),
    connectedApp(13, 'Salesforce for Outlook', 'Salesforce_for_Outlook', false),
    connectedApp(14, 'Salesforce Mobile Apps', 'Salesforce_Mobile_Apps', false, true)
  ];
  const connectedApps: StoredRecord[] = [
    ...salesforceApps,
    {
      Id: sfId('0H4', 1),
      Name: 'MuleSoft Integration',
      DeveloperName: 'MuleSoft_Integration',
      OptionsAllowAdminApprovedUsersOnly: true,
      OptionsRefreshTokenValidityMetric: false,
      CreatedDate: daysAgo(500)
    },
    {
      Id: sfId('0H4', 2),
      Name: 'Marketing Sync',
      DeveloperName: 'Marketing_Sync',
      OptionsAllowAdminApprovedUsersOnly: false,
      OptionsRefreshTokenValidityMetric: false,
      CreatedDate: daysAgo(300)
    },
    {
      Id: sfId('0H4', 3),
      Name: 'Slack Connector',
      DeveloperName: 'Slack_Connector',
      OptionsAllowAdminApprovedUsersOnly: true,
      OptionsRefreshTokenValidityMetric: false,
      CreatedDate: daysAgo(100)
    }
  ];

  const baselineSettings = standardBaseline().settings;
  const healthRisks = securityHealthCheckRisks(baselineSettings);

  // An External Client App with its OAuth policy (Tooling), and the OAuth tokens users hold (REST), one for an app installed from elsewhere.
  const externalClientApps: StoredRecord[] = [
    {
      Id: sfId('0xI', 1),
      DeveloperName: 'Partner_Portal_Sync',
      MasterLabel: 'Partner Portal Sync',
      NamespacePrefix: null,
      DistributionState: 'Local',
      ManagedType: 'Local',
      ContactEmail: 'partners@acme.example',
      CreatedDate: daysAgo(60)
    }
  ];
  const externalClientAppPolicies: StoredRecord[] = [
    {
      Id: sfId('0xP', 1),
      ExternalClientApplicationId: externalClientApps[0].Id,
      DeveloperName: 'Partner_Portal_Sync_oauthPlcy',
      MasterLabel: 'Partner Portal Sync',
      PermittedUsersPolicyType: 'AllSelfAuthorized',
      IpRelaxationPolicyType: 'BYPASS',
      RefreshTokenPolicyType: 'Infinite'
    }
  ];
  const oauthTokens: StoredRecord[] = [
    ...[9, 10, 11].map((user, i) => ({
      Id: sfId('0CQ', i + 1),
      AppName: 'Salesforce CLI',
      AppMenuItemId: null,
      UserId: id.user(user),
      LastUsedDate: daysAgo(i),
      UseCount: 3,
      CreatedDate: daysAgo(100)
    })),
    {
      Id: sfId('0CQ', 10),
      AppName: 'Old Survey App',
      AppMenuItemId: null,
      UserId: id.user(12),
      LastUsedDate: daysAgo(40),
      UseCount: 12,
      CreatedDate: daysAgo(400)
    },
    {
      Id: sfId('0CQ', 11),
      AppName: 'MuleSoft Integration',
      AppMenuItemId: null,
      UserId: id.user(29),
      LastUsedDate: daysAgo(0),
      UseCount: 900,
      CreatedDate: daysAgo(500)
    }
  ];

  // Governance records: the operating model, as an admin would have set it up a few months ago.
  const areaSpecs: Array<[string, string, 'SalesOps' | 'IT' | 'Joint', number, string, number]> = [
    ['REVENUE.STAGES', 'Opportunity stages and forecasting', 'SalesOps', 8, 'Revenue Process', 20],
    ['REVENUE.FIELDS', 'Fields and page layouts', 'SalesOps', 8, 'Data and Fields', 30],
    ['REVENUE.AUTOMATION', 'Flows and automation', 'SalesOps', 8, 'Automation', 40],
    ['REVENUE.REPORTS', 'Reports and dashboards', 'SalesOps', 8, 'Reporting', 10],
    ['REVENUE.ADOPTION', 'User adoption', 'SalesOps', 8, 'Adoption', 120],
    ['IDENTITY.SSO', 'Single sign-on', 'IT', 2, 'Identity and Access', 15],
    ['IDENTITY.MFA', 'Multi-factor authentication', 'IT', 2, 'Identity and Access', 25],
    ['SECURITY.IP_ALLOWLIST', 'Login IP ranges and trusted networks', 'IT', 2, 'Platform Security', 35],
    ['SECURITY.SETTINGS', 'Security settings (Health Check baseline)', 'IT', 2, 'Platform Security', 45],
    ['ACCESS.PERMISSIONS', 'Profiles, permission sets and groups', 'IT', 2, 'Identity and Access', 140],
    ['RELEASE.SANDBOX_REFRESH', 'Sandbox refresh', 'IT', 3, 'Release Management', 12],
    ['RELEASE.DEVOPS', 'DevOps pipeline', 'IT', 3, 'Release Management', 22],
    ['DATA.BACKUP', 'Backup and restore', 'IT', 3, 'Data Protection', 32],
    ['AUDIT.LOG_RETENTION', 'Audit trail review and log retention', 'IT', 2, 'Compliance', 42],
    ['INTEGRATION.GOVERNANCE', 'Integration governance', 'IT', 22, 'Integration', 18],
    ['AI.CONFIGURATION', 'AI configuration', 'Joint', 28, 'AI', 28],
    ['DATA.RETENTION', 'Data retention', 'Joint', 1, 'Data Protection', 38],
    ['GOVERNANCE.OWNERSHIP', 'CRM ownership model (RACI, risks, decisions)', 'Joint', 1, 'Governance', 48]
  ];
  const areaId = (key: string) => sfId('a01', areaSpecs.findIndex(([candidate]) => candidate === key) + 1);
  const areas: StoredRecord[] = areaSpecs.map(([key, name, lead, accountable, category, reviewedDaysAgo], i) => {
    const quarterly = 91;
    return {
      Id: sfId('a01', i + 1),
      Name: name,
      Area_Key__c: key,
      Category__c: category,
      Lead__c: lead,
      Accountable__c: id.user(accountable),
      Delegate__c: null,
      Status__c: 'Active',
      Review_Frequency__c: 'Quarterly',
      Last_Reviewed__c: dateDaysAgo(reviewedDaysAgo),
      Next_Review_Due__c: reviewedDaysAgo > quarterly ? dateDaysAgo(reviewedDaysAgo - quarterly) : dateIn(quarterly - reviewedDaysAgo),
      Review_Overdue__c: reviewedDaysAgo > quarterly,
      Accountable_Active__c: accountable !== 28
    };
  });
  const raci: StoredRecord[] = areas.flatMap((area, i) =>
    (['Responsible', 'Consulted', 'Informed'] as const).map((role, j) => ({
      Id: sfId('a02', i * 3 + j + 1),
      Name: `RACI-${String(i * 3 + j + 1).padStart(4, '0')}`,
      Governance_Area__c: area.Id,
      Role__c: role,
      Assignee__c: id.user([22, 3, 9, 8, 2][(i + j) % 5])
    }))
  );

  const decisions: StoredRecord[] = [
    decision(
      1,
      'Profiles hold no privileged permissions; permission set groups do',
      'Superseded',
      2,
      'ACCESS.PERMISSIONS',
      300,
      null,
      null,
      sfId('a04', 2)
    ),
    decision(
      2,
      'Privileged access only through time-boxed permission set groups',
      'Accepted',
      2,
      'ACCESS.PERMISSIONS',
      120,
      null,
      dateIn(60),
      null,
      sfId('a04', 1)
    ),
    decision(
      3,
      'Accept Data Steward View All Data for the quarterly data audit',
      'Accepted',
      8,
      'ACCESS.PERMISSIONS',
      40,
      dateIn(50),
      dateIn(30)
    ),
    decision(
      4,
      'Accept MFA waiver for the operations lead during hardware token rollout',
      'Accepted',
      2,
      'IDENTITY.MFA',
      100,
      dateDaysAgo(10),
      dateDaysAgo(5)
    ),
    decision(5, 'Forecast categories follow the stage probability table', 'Proposed', 8, 'REVENUE.STAGES', 5, null, dateIn(20))
  ];
  function decision(
    n: number,
    title: string,
    status: string,
    owner: number,
    area: string,
    decidedDaysAgo: number,
    expires: string | null,
    nextReview: string | null,
    supersededBy: string | null = null,
    supersedes: string | null = null
  ): StoredRecord {
    return {
      Id: sfId('a04', n),
      Name: `DEC-${String(n).padStart(4, '0')}`,
      Title__c: title,
      Status__c: status,
      Decision_Owner__c: id.user(owner),
      Governance_Area__c: areaId(area),
      Changes_Revenue__c: area.startsWith('REVENUE'),
      Changes_Access__c: !area.startsWith('REVENUE'),
      Lead__c: area.startsWith('REVENUE') ? 'SalesOps' : 'IT',
      Decided_On__c: dateDaysAgo(decidedDaysAgo),
      Expires_On__c: expires,
      Next_Review_Date__c: nextReview,
      Supersedes__c: supersedes,
      Superseded_By__c: supersededBy
    };
  }

  const risks: StoredRecord[] = [
    risk(1, 'Shadow admin grants Modify All Data', 'ACCESS.PERMISSIONS', 2, 3, 4, 'Mitigate', dateIn(20), null, null),
    risk(2, 'Integration outage with no on-call', 'INTEGRATION.GOVERNANCE', 22, 3, 4, 'Mitigate', dateDaysAgo(12), null, null),
    risk(3, 'Forecast accuracy below 70%', 'REVENUE.STAGES', 8, 3, 4, 'Mitigate', dateIn(10), null, null),
    risk(4, 'SOC 2 finding on access control', 'ACCESS.PERMISSIONS', 2, 2, 5, 'Mitigate', dateIn(40), null, null),
    risk(5, 'Sandbox refresh breaks staged release', 'RELEASE.SANDBOX_REFRESH', 3, 3, 3, 'Mitigate', dateIn(30), null, null),
    risk(
      6,
      'Data Steward holds View All Data',
      'ACCESS.PERMISSIONS',
      8,
      2,
      3,
      'Accept',
      dateIn(30),
      sfId('a04', 3),
      'perm.view-all-data:PermissionSet:Data_Steward'
    ),
    risk(
      7,
      'Operations lead waives MFA',
      'IDENTITY.MFA',
      2,
      2,
      4,
      'Accept',
      dateIn(30),
      sfId('a04', 4),
      'mfa.bypass-granted:PermissionSet:MFA_Waiver'
    )
  ];
  function risk(
    n: number,
    name: string,
    area: string,
    owner: number,
    likelihood: number,
    impact: number,
    treatment: string,
    nextReview: string,
    acceptance: string | null,
    sourceRef: string | null
  ): StoredRecord {
    return {
      Id: sfId('a03', n),
      Name: name,
      Category__c: area.startsWith('REVENUE') ? 'Revenue' : area.startsWith('INTEGRATION') ? 'Integration' : 'Security',
      Governance_Area__c: areaId(area),
      Risk_Owner__c: id.user(owner),
      Inherent_Likelihood__c: likelihood,
      Inherent_Impact__c: impact,
      Residual_Likelihood__c: Math.max(1, likelihood - 1),
      Residual_Impact__c: impact,
      Treatment__c: treatment,
      Next_Review_Date__c: nextReview,
      Acceptance_Decision__c: acceptance,
      Source_Ref__c: sourceRef,
      Status__c: 'Open'
    };
  }

  const integrations: StoredRecord[] = [
    {
      Id: sfId('a05', 1),
      Name: 'ERP order sync',
      System__c: 'SAP S/4HANA',
      Direction__c: 'Bidirectional',
      Integration_User__c: id.user(29),
      Owner_User__c: id.user(22),
      On_Call__c: 'Integration on-call rotation',
      Runbook_URL__c: 'https://wiki.acme.example/runbooks/erp-sync',
      Connected_App_Name__c: 'MuleSoft_Integration',
      Data_Classification__c: 'Confidential',
      Last_Reviewed__c: dateDaysAgo(30),
      Status__c: 'Active'
    },
    {
      Id: sfId('a05', 2),
      Name: 'Nightly ERP sync (legacy)',
      System__c: 'Legacy ERP',
      Direction__c: 'Inbound',
      Integration_User__c: id.user(21),
      Owner_User__c: id.user(22),
      On_Call__c: null,
      Runbook_URL__c: null,
      Connected_App_Name__c: null,
      Data_Classification__c: 'Internal',
      Last_Reviewed__c: dateDaysAgo(200),
      Status__c: 'Active'
    }
  ];

  const runs: StoredRecord[] = [
    {
      Id: sfId('a06', 1),
      Name: 'RUN-00001',
      Run_Key__c: `${orgId}:org:${dateDaysAgo(14)}`,
      Org_Id__c: orgId,
      Source__c: 'org',
      Score__c: 58,
      Grade__c: 'Poor',
      Critical_Count__c: 2,
      High_Count__c: 6,
      Medium_Count__c: 4,
      Low_Count__c: 2,
      Info_Count__c: 0,
      Run_At__c: daysAgo(14),
      Tool_Version__c: '0.1.0',
      Partial__c: false
    }
  ];
  const findings: StoredRecord[] = [
    finding(1, 'perm.modify-all-data:PermissionSet:Shadow_Admin', 'perm.modify-all-data', 'Critical', 'PermissionSet', 'Shadow_Admin', 14),
    finding(2, 'user.too-many-admins:Organization:' + orgId, 'user.too-many-admins', 'Medium', 'Organization', orgId, 14),
    finding(3, 'perm.view-all-data:Profile:Legacy Partner Admin', 'perm.view-all-data', 'High', 'Profile', 'Legacy Partner Admin', 14),
    finding(
      4,
      'capp.open-self-authorize:ConnectedApp:Old_Survey_App',
      'capp.open-self-authorize',
      'High',
      'ConnectedApp',
      'Old_Survey_App',
      14
    )
  ];
  function finding(
    n: number,
    key: string,
    ruleId: string,
    severity: string,
    type: string,
    name: string,
    firstDaysAgo: number
  ): StoredRecord {
    return {
      Id: sfId('a07', n),
      Name: ruleId,
      Finding_Key__c: key,
      Rule_Id__c: ruleId,
      Title__c: ruleId,
      Severity__c: severity,
      Lead__c: 'IT',
      Component_Type__c: type,
      Component_Name__c: name,
      Detail__c: null,
      Remediation__c: null,
      Location__c: null,
      Governance_Area__c: areaId('ACCESS.PERMISSIONS'),
      Assigned_To__c: id.user(2),
      Status__c: 'Open',
      First_Detected__c: daysAgo(firstDaysAgo),
      Last_Detected__c: daysAgo(14),
      Resolved_On__c: null,
      Latest_Run__c: runs[0].Id,
      Risk__c: null
    };
  }

  return withOperatingModel(now, {
    orgId,
    user: { id: id.user(1), username: 'admin@acme.example', name: 'Ada Admin', email: 'admin@acme.example' },
    sobjects: {
      Organization: [
        {
          Id: orgId,
          Name: 'Acme',
          IsSandbox: false,
          OrganizationType: 'Enterprise Edition',
          InstanceName: 'EMU1',
          NamespacePrefix: null,
          TrialExpirationDate: null
        }
      ],
      UserLicense: licenses,
      Profile: profiles,
      PermissionSet: [...profileSets, ...regularSets, groupSet],
      PermissionSetGroup: groups,
      PermissionSetGroupComponent: groupComponents,
      PermissionSetAssignment: assignments,
      ObjectPermissions: objectPermissions,
      User: users,
      LoginHistory: logins,
      SetupAuditTrail: auditTrail,
      ConnectedApplication: connectedApps,
      VerificationHistory: verifications,
      OauthToken: oauthTokens,
      Governance_Area__c: areas,
      RACI_Assignment__c: raci,
      Risk__c: risks,
      Decision__c: decisions,
      Integration__c: integrations,
      Health_Check_Run__c: runs,
      Health_Finding__c: findings
    },
    tooling: {
      SecurityHealthCheck: [{ Id: sfId('0Hc', 1), Score: '61', CustomBaselineId: null, DurableId: '0Hc000000000001' }],
      SecurityHealthCheckRisks: healthRisks,
      SecuritySettings: [securitySettings(baselineSettings)],
      ExternalClientApplication: externalClientApps,
      ExtlClntAppOauthPlcyCnfg: externalClientAppPolicies,
      Profile: profiles.map((profile) =>
        toolingProfile(
          profile,
          profile.Name === 'Legacy Partner Admin'
            ? [{ startAddress: '203.0.113.0', endAddress: '203.0.113.255', description: 'Partner VPN egress' }]
            : []
        )
      )
    },
    relationships: {
      Governance_Area__c: { Accountable__c: 'User', Delegate__c: 'User' },
      Integration__c: { Owner_User__c: 'User', Integration_User__c: 'User' },
      Health_Finding__c: {
        Assigned_To__c: 'User',
        Governance_Area__c: 'Governance_Area__c',
        Latest_Run__c: 'Health_Check_Run__c',
        Risk__c: 'Risk__c'
      },
      Risk__c: { Risk_Owner__c: 'User', Acceptance_Decision__c: 'Decision__c', Governance_Area__c: 'Governance_Area__c' },
      Decision__c: {
        Decision_Owner__c: 'User',
        Governance_Area__c: 'Governance_Area__c',
        Supersedes__c: 'Decision__c',
        Superseded_By__c: 'Decision__c'
      }
    }
  });
}

/** Acme's values for the Health Check settings: mostly compliant, a handful not, as the Health Check page would list them. */
const ACME_NONCOMPLIANT: Record<string, string> = {
  'SessionSettings.lockSessionsToDomain': 'false',
  'Identity.mfaEnabled': 'false',
  'PasswordPolicies.minPasswordLength': '6',
  'PasswordPolicies.maxLoginAttempts': 'TenAttempts',
  'SessionSettings.timeout': 'TwelveHours',
  'LoginAccessPolicies.adminLoginAsAnyUser': 'true',
  'RemoteSiteSettings.remoteSiteSettings': '3',
  'AdminUsers.activeSystemAdministratorCount': '7'
};

function compliantValue(setting: BaselineSetting): string {
  switch (setting.kind) {
    case 'booleanSetting':
      return String(setting.compliantBoolean);
    case 'numericRangeSetting':
      return String(setting.compliantNumber);
    case 'enumSetting':
      return setting.compliantValues?.[0] ?? '';
  }
}

/** What the Health Check page shows in its Value column: words, not the raw setting. */
function inWords(setting: BaselineSetting, raw: string): string {
  if (setting.kind === 'booleanSetting') return raw === 'true' ? 'Enabled' : 'Disabled';
  const spelled: Record<string, string> = {
    ThreeAttempts: '3',
    FiveAttempts: '5',
    TenAttempts: '10',
    NoLimit: 'No limit',
    TwelveHours: '12 hours',
    TwoHours: '2 hours',
    NinetyDays: '90 days',
    FifteenMinutes: '15 minutes',
    ThirtyMinutes: '30 minutes'
  };
  return spelled[raw] ?? raw;
}

function securityHealthCheckRisks(settings: BaselineSetting[]): StoredRecord[] {
  const category: Record<BaselineSetting['risk'], string> = {
    high: 'HIGH_RISK',
    medium: 'MEDIUM_RISK',
    low: 'LOW_RISK',
    informational: 'INFORMATIONAL'
  };
  return settings.map((setting, i) => {
    const [group, label] = HEALTH_CHECK_LABELS[setting.name];
    const raw = ACME_NONCOMPLIANT[setting.name] ?? compliantValue(setting);
    return {
      Id: sfId('0Hr', i + 1),
      // Opaque, as the Tooling API reference warns it may change between releases.
      DurableId: `0Hr${String(7919 * (i + 1)).padStart(12, '0')}`,
      SettingGroup: group,
      Setting: label,
      OrgValue: inWords(setting, raw),
      OrgValueRaw: raw,
      StandardValue: inWords(setting, compliantValue(setting)),
      StandardValueRaw: compliantValue(setting),
      RiskType: ACME_NONCOMPLIANT[setting.name] ? (setting.risk === 'high' ? 'HIGH_RISK' : 'MEDIUM_RISK') : 'MEETS_STANDARD',
      SettingRiskCategory: category[setting.risk],
      SecurityHealthCheckId: sfId('0Hc', 1)
    };
  });
}

/** The Tooling SecuritySettings record: its Metadata is the SecuritySettings type of the Metadata API, with Acme's values. */
function securitySettings(settings: BaselineSetting[]): StoredRecord {
  const metadata: Record<string, unknown> = {
    sessionSettings: {},
    passwordPolicies: {},
    singleSignOnSettings: {},
    networkAccess: { ipRanges: [{ startAddress: '203.0.113.0', endAddress: '203.0.113.255', description: 'Office egress' }] }
  };
  const byName = new Map(settings.map((setting) => [setting.name, setting]));
  for (const entry of SECURITY_FIELDS) {
    const setting = byName.get(entry.key);
    if (!setting) continue;
    const raw = ACME_NONCOMPLIANT[entry.key] ?? compliantValue(setting);
    const value = entry.kind === 'boolean' ? raw === 'true' : entry.kind === 'number' ? Number(raw) : raw;
    const container = entry.section ? (metadata[entry.section] as Record<string, unknown>) : metadata;
    container[entry.field] = value;
  }
  return { Id: sfId('0Ss', 1), DurableId: 'SecuritySettings', FullName: 'Security', Metadata: metadata };
}
