import './api/httpTimeout';
import { Org, type Connection } from '@salesforce/core';
import { UsageError } from '../../lib/errors';
import { jsonText } from '../../lib/json';
import type {
  Assignment,
  AuditTrailEntry,
  ConnectedApp,
  DecisionRecord,
  FindingRecord,
  GovernanceArea,
  IntegrationRecord,
  LoginEvent,
  ObjectPermission,
  OrgSnapshot,
  PermissionHolder,
  RiskRecord,
  SettingValue,
  SnapshotUser
} from '../snapshot';
import { isPrivileged } from '../privileges';
import { BudgetExhausted, OrgApi, type SObjectRecord } from './api/orgApi';

export type OrgCollectOptions = {
  targetOrg: string;
  minApiBudgetShare: number;
  progress?: (message: string) => void;
  concurrency?: number;
  /** Base delay of the retry backoff (tests shorten it). */
  retryDelayMs?: number;
};

type Records = SObjectRecord[];
/** Either lets a user read every user's LoginHistory; anyone else sees their own logins only. */
const LOGIN_HISTORY_PERMISSIONS = ['MonitorLoginHistory', 'ManageUsers'];
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const rel = (record: SObjectRecord, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), record);

async function connect(targetOrg: string): Promise<Connection> {
  try {
    const org = await Org.create({ aliasOrUsername: targetOrg });
    return org.getConnection();
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (
      /NamedOrgNotFound|AuthInfoCreationError|NoAuthInfoFound|OrgNotFound/i.test(name) ||
      /No authorization information/i.test(String((error as Error).message))
    ) {
      throw new UsageError('UnknownOrg', `No org with the alias or username "${targetOrg}" is logged in to the sf CLI (--target-org).`, [
        'List your logins with: sf org list',
        `Log in with: sf org login web --alias ${targetOrg}`
      ]);
    }
    throw error;
  }
}

/** Selects only the fields this org has; records what is missing so the rules that need it skip. */
async function available(
  api: OrgApi,
  object: string,
  wanted: string[],
  unavailable: Record<string, string>,
  tooling = false
): Promise<string[]> {
  const fields = await api.describeFields(object, tooling);
  return wanted.filter((field) => {
    const root = field.split('.')[0];
    const lookup = root.endsWith('__r') ? `${root.slice(0, -3)}__c` : field.includes('.') ? `${root}Id` : root;
    if (fields.has(lookup) || fields.has(root)) return true;
    unavailable[field] = `${object}.${field} is not in this org (API ${api.apiVersion})`;
    return false;
  });
}

function parseSetting(raw: unknown): string | number | boolean {
  const text = jsonText(raw).trim();
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

type Collected = { records?: Records; error?: BudgetExhausted };
/** One collection step: its records, or undefined when the API budget stopped it (its keys marked unavailable). */
type Step = (keys: string[], run: () => Promise<Records>) => Promise<Records | undefined>;
type ProfileMetadata = { loginIpRanges?: Array<Record<string, unknown>> | null; loginHours?: Record<string, unknown> | null };

/**
 * Fills the snapshot from a live org through the sf CLI's stored login. Independent queries run
 * concurrently (bounded); when the API budget runs low, the run stops politely: what was collected
 * stays, what was not is marked unavailable and the snapshot is partial.
 */
export async function collectOrgSnapshot(options: OrgCollectOptions): Promise<{ snapshot: OrgSnapshot; connection: Connection }> {
  const connection = await connect(options.targetOrg);
  const api = new OrgApi(connection, {
    org: options.targetOrg,
    minApiBudgetShare: options.minApiBudgetShare,
    concurrency: options.concurrency ?? 4,
    retryDelayMs: options.retryDelayMs
  });
  const progress = options.progress ?? (() => undefined);
  const unavailable: Record<string, string> = {};
  let partial: { reason: string } | undefined;

  progress(`Connected to ${connection.instanceUrl} as ${connection.getUsername() ?? options.targetOrg}`);
  await api.readLimits();

  /** Runs one collection step; a budget stop marks its keys unavailable instead of failing the run. */
  const step: Step = async (keys, run) => {
    const outcome: Collected = await run().then(
      (records) => ({ records }),
      (error: unknown) => {
        if (error instanceof BudgetExhausted) return { error };
        throw error;
      }
    );
    if (outcome.error) {
      partial ??= { reason: outcome.error.reason };
      for (const key of keys) unavailable[key] = outcome.error.reason;
      return undefined;
    }
    progress(`Read ${keys.join(', ')} (${outcome.records!.length} records, ${api.calls.total} API calls so far)`);
    return outcome.records;
  };

  let permissionFields: string[] = [];
  let setFields: string[] = [];
  let loginFields: string[] = [];
  let governanceInstalled = false;
  try {
    permissionFields = [...(await api.describeFields('PermissionSet'))].filter((field) => field.startsWith('Permissions'));
    for (const wanted of ['PermissionsBypassMFAForUiLogins', 'PermissionsModifyAllData', 'PermissionsViewAllData']) {
      if (!permissionFields.includes(wanted)) unavailable[wanted] = `PermissionSet.${wanted} is not in this org (API ${api.apiVersion})`;
    }
    setFields = await available(
      api,
      'PermissionSet',
      ['Id', 'Name', 'Label', 'IsOwnedByProfile', 'ProfileId', 'IsCustom', 'Type', 'PermissionSetGroupId'],
      unavailable
    );
    loginFields = await available(
      api,
      'LoginHistory',
      ['UserId', 'LoginTime', 'LoginType', 'Status', 'AuthMethodReference', 'ApiType', 'Application'],
      unavailable
    );
    governanceInstalled = await api.describeFields('Governance_Area__c').then(
      () => true,
      (error: unknown) => {
        if (error instanceof BudgetExhausted) throw error;
        return false;
      }
    );
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    return { snapshot: stoppedBeforeCollecting(connection, api, error.reason), connection };
  }
  if (!governanceInstalled) {
    for (const key of ['governanceAreas', 'risks', 'decisions', 'integrations', 'findings']) {
      unavailable[key] = 'the CRM Ownership Console objects are not deployed in this org (npm run org:setup)';
    }
  }
  const governance = (key: string, object: string, fields: string, suffix = '') =>
    governanceInstalled ? step([key], () => api.queryAll(`SELECT ${fields} FROM ${object}${suffix}`)) : Promise.resolve(undefined);

  const [
    profiles,
    permissionSets,
    groups,
    groupComponents,
    assignmentsRaw,
    objectPermissionsRaw,
    usersRaw,
    loginsRaw,
    auditRaw,
    appsRaw,
    risksRaw,
    areasRaw,
    riskRecordsRaw,
    decisionsRaw,
    integrationsRaw,
    findingsRaw,
    lastRunRaw
  ] = await Promise.all([
    step(['holders'], () => api.queryAll('SELECT Id, Name, UserLicense.Name, UserType FROM Profile')),
    step(['holders'], () => api.queryAll(`SELECT ${[...setFields, ...permissionFields].join(', ')} FROM PermissionSet`)),
    step(['holders'], () => api.queryAll('SELECT Id, DeveloperName, MasterLabel, Status FROM PermissionSetGroup')),
    step(['holders'], () => api.queryAll('SELECT PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent')),
    step(['assignments'], () =>
      api.queryAll('SELECT AssigneeId, PermissionSetId, PermissionSetGroupId FROM PermissionSetAssignment WHERE Assignee.IsActive = true')
    ),
    step(['holders'], () =>
      api.queryAll(
        'SELECT ParentId, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions WHERE PermissionsViewAllRecords = true OR PermissionsModifyAllRecords = true'
      )
    ),
    step(['users'], () =>
      api.queryAll('SELECT Id, Username, Name, Email, IsActive, ProfileId, UserType, LastLoginDate, CreatedDate FROM User')
    ),
    step(['logins'], () => api.queryAll(`SELECT ${loginFields.join(', ')} FROM LoginHistory WHERE LoginTime = LAST_N_DAYS:30`)),
    step(['auditTrail'], () =>
      api.queryAll(
        'SELECT Id, Action, Section, Display, CreatedDate, CreatedById, CreatedBy.Username, DelegateUser FROM SetupAuditTrail WHERE CreatedDate = LAST_N_DAYS:180'
      )
    ),
    step(['connectedApps'], () => api.queryAll('SELECT Id, Name, OptionsAllowAdminApprovedUsersOnly FROM ConnectedApplication')),
    step(['settings'], () =>
      api.queryAll(
        'SELECT DurableId, SettingGroup, Setting, OrgValue, OrgValueRaw, RiskType, SettingRiskCategory FROM SecurityHealthCheckRisks',
        { tooling: true }
      )
    ),
    governance(
      'governanceAreas',
      'Governance_Area__c',
      'Id, Name, Area_Key__c, Category__c, Lead__c, Accountable__c, Status__c, Next_Review_Due__c'
    ),
    governance(
      'risks',
      'Risk__c',
      'Id, Name, Risk_Owner__c, Governance_Area__c, Next_Review_Date__c, Treatment__c, Acceptance_Decision__c, Source_Ref__c'
    ),
    governance(
      'decisions',
      'Decision__c',
      'Id, Name, Title__c, Status__c, Decision_Owner__c, Governance_Area__c, Decided_On__c, Expires_On__c, Next_Review_Date__c'
    ),
    governance(
      'integrations',
      'Integration__c',
      'Id, Name, System__c, Connected_App_Name__c, Integration_User__c, Owner_User__c, On_Call__c, Last_Reviewed__c'
    ),
    governance(
      'findings',
      'Health_Finding__c',
      'Id, Finding_Key__c, Rule_Id__c, Status__c, First_Detected__c, Last_Detected__c, Resolved_On__c, Assigned_To__c'
    ),
    governance('lastRunAt', 'Health_Check_Run__c', 'Run_At__c', " WHERE Source__c = 'org' ORDER BY Run_At__c DESC LIMIT 1")
  ]);

  const holders = buildHolders(
    profiles,
    permissionSets,
    groups,
    groupComponents,
    assignmentsRaw,
    objectPermissionsRaw,
    permissionFields,
    unavailable
  );
  if (holders) await readProfileLoginPolicies(api, holders, step);
  const profileById = new Map((profiles ?? []).map((profile) => [String(profile.Id), profile]));
  const setById = new Map((permissionSets ?? []).map((set) => [String(set.Id), set]));
  const groupById = new Map((groups ?? []).map((group) => [String(group.Id), group]));

  const assignments: Assignment[] | undefined = assignmentsRaw
    ?.filter((row) => setById.get(String(row.PermissionSetId))?.IsOwnedByProfile !== true)
    .map((row) => ({
      assigneeId: String(row.AssigneeId),
      permissionSetName: row.PermissionSetGroupId ? undefined : str(setById.get(String(row.PermissionSetId))?.Name),
      permissionSetGroupName: row.PermissionSetGroupId ? str(groupById.get(jsonText(row.PermissionSetGroupId))?.DeveloperName) : undefined
    }));

  const grantsByUser = new Map<string, Set<string>>();
  for (const holder of holders ?? []) {
    for (const userId of holder.activeAssigneeIds ?? []) {
      const set = grantsByUser.get(userId) ?? new Set<string>();
      holder.userPermissions.forEach((permission) => set.add(permission));
      grantsByUser.set(userId, set);
    }
  }
  const users: SnapshotUser[] | undefined = usersRaw?.map((row) => {
    const profile = profileById.get(String(row.ProfileId));
    const grants = grantsByUser.get(String(row.Id));
    return {
      id: String(row.Id),
      username: String(row.Username),
      name: String(row.Name ?? row.Username),
      email: str(row.Email),
      isActive: row.IsActive === true,
      profileName: str(profile?.Name) ?? '',
      userType: str(row.UserType) ?? 'Standard',
      licenseName: str(rel(profile ?? {}, 'UserLicense.Name')),
      lastLoginDate: str(row.LastLoginDate),
      createdDate: str(row.CreatedDate),
      isApiOnly: grants ? grants.has('ApiUserOnly') : undefined,
      passwordNeverExpires: grants ? grants.has('PasswordNeverExpires') : undefined
    };
  });

  const logins: LoginEvent[] | undefined = loginsRaw?.map((row) => ({
    userId: String(row.UserId),
    loginTime: String(row.LoginTime),
    loginType: jsonText(row.LoginType),
    status: jsonText(row.Status),
    authMethodReference: str(row.AuthMethodReference),
    apiType: str(row.ApiType),
    application: str(row.Application)
  }));
  const readerUsername = (connection.getUsername() ?? '').toLowerCase();
  const reader = users?.find((user) => user.username.toLowerCase() === readerUsername);
  if (logins && reader && assignments) {
    const readerGrants = grantsByUser.get(reader.id) ?? new Set<string>();
    if (!LOGIN_HISTORY_PERMISSIONS.some((permission) => readerGrants.has(permission))) {
      // Without one of them Salesforce answers with the reader's own logins only: judging the org on that would accuse no one.
      unavailable.logins = `${reader.username} has neither Monitor Login History nor Manage Users, so LoginHistory shows only their own logins`;
    }
  }
  if (logins && unavailable.AuthMethodReference) {
    // Without the field, MFA use cannot be told apart: the rule must skip rather than accuse everyone.
    unavailable.logins = unavailable.AuthMethodReference;
  }

  const auditTrail: AuditTrailEntry[] | undefined = auditRaw?.map((row) => ({
    id: String(row.Id),
    action: jsonText(row.Action),
    section: jsonText(row.Section),
    display: jsonText(row.Display),
    createdDate: String(row.CreatedDate),
    createdById: String(row.CreatedById),
    createdByUsername: str(rel(row, 'CreatedBy.Username')),
    delegateUser: str(row.DelegateUser)
  }));

  const connectedApps: ConnectedApp[] | undefined = appsRaw?.map((row) => ({
    id: String(row.Id),
    name: String(row.Name),
    label: str(row.Name),
    adminApprovedUsersOnly:
      typeof row.OptionsAllowAdminApprovedUsersOnly === 'boolean' ? row.OptionsAllowAdminApprovedUsersOnly : undefined,
    hasOAuth: true
  }));

  const settings: Record<string, SettingValue> = {};
  for (const row of risksRaw ?? []) {
    const key = str(row.DurableId);
    if (key) settings[key] = { value: parseSetting(row.OrgValueRaw ?? row.OrgValue) };
  }
  const mfaSetting = settings['Identity.mfaEnabled'];
  if (!mfaSetting) unavailable.mfaRequiredOrgWide = unavailable.settings ?? 'SecurityHealthCheckRisks has no Identity.mfaEnabled value';

  const snapshot: OrgSnapshot = {
    source: 'org',
    orgId: connection.getAuthInfoFields().orgId,
    instanceUrl: connection.instanceUrl,
    username: connection.getUsername(),
    takenAt: new Date().toISOString(),
    holders: holders ?? [],
    settings,
    mfaRequiredOrgWide: mfaSetting ? mfaSetting.value === true : undefined,
    connectedApps,
    users,
    assignments,
    logins: unavailable.logins ? undefined : logins,
    auditTrail,
    governanceAreas: areasRaw?.map((row): GovernanceArea => ({
      id: String(row.Id),
      areaKey: String(row.Area_Key__c),
      name: String(row.Name),
      category: str(row.Category__c),
      lead: str(row.Lead__c) as GovernanceArea['lead'],
      accountableId: str(row.Accountable__c),
      status: str(row.Status__c),
      nextReviewDue: str(row.Next_Review_Due__c)
    })),
    risks: riskRecordsRaw?.map((row): RiskRecord => ({
      id: String(row.Id),
      name: String(row.Name),
      riskOwnerId: str(row.Risk_Owner__c),
      governanceAreaId: str(row.Governance_Area__c),
      nextReviewDate: str(row.Next_Review_Date__c),
      treatment: str(row.Treatment__c),
      acceptanceDecisionId: str(row.Acceptance_Decision__c),
      sourceRef: str(row.Source_Ref__c)
    })),
    decisions: decisionsRaw?.map((row): DecisionRecord => ({
      id: String(row.Id),
      name: String(row.Name),
      title: str(row.Title__c),
      status: jsonText(row.Status__c),
      decisionOwnerId: str(row.Decision_Owner__c),
      governanceAreaId: str(row.Governance_Area__c),
      decidedOn: str(row.Decided_On__c),
      expiresOn: str(row.Expires_On__c),
      nextReviewDate: str(row.Next_Review_Date__c)
    })),
    integrations: integrationsRaw?.map((row): IntegrationRecord => ({
      id: String(row.Id),
      name: String(row.Name),
      system: str(row.System__c),
      connectedAppName: str(row.Connected_App_Name__c),
      integrationUserId: str(row.Integration_User__c),
      ownerUserId: str(row.Owner_User__c),
      onCall: str(row.On_Call__c),
      lastReviewed: str(row.Last_Reviewed__c)
    })),
    findings: findingsRaw?.map((row): FindingRecord => ({
      id: String(row.Id),
      findingKey: String(row.Finding_Key__c),
      ruleId: jsonText(row.Rule_Id__c),
      status: jsonText(row.Status__c),
      firstDetected: str(row.First_Detected__c),
      lastDetected: str(row.Last_Detected__c),
      resolvedOn: str(row.Resolved_On__c),
      assignedToId: str(row.Assigned_To__c)
    })),
    lastRunAt: str(lastRunRaw?.[0]?.Run_At__c),
    unavailable,
    partial,
    apiCalls: api.calls
  };
  return { snapshot, connection };
}

const COLLECTIONS = [
  'holders',
  'settings',
  'mfaRequiredOrgWide',
  'connectedApps',
  'users',
  'assignments',
  'logins',
  'auditTrail',
  'governanceAreas',
  'risks',
  'decisions',
  'integrations',
  'findings'
];

/** The snapshot of a run the API budget stopped before it read anything: every rule skips, with the reason. */
function stoppedBeforeCollecting(connection: Connection, api: OrgApi, reason: string): OrgSnapshot {
  return {
    source: 'org',
    orgId: connection.getAuthInfoFields().orgId,
    instanceUrl: connection.instanceUrl,
    username: connection.getUsername(),
    takenAt: new Date().toISOString(),
    holders: [],
    settings: {},
    unavailable: Object.fromEntries(COLLECTIONS.map((key) => [key, reason])),
    partial: { reason },
    apiCalls: api.calls
  };
}

/**
 * Login IP ranges and hours are only in a profile's metadata, which the Tooling API gives one profile
 * a query; only privileged profiles are judged by them, so only those are read.
 */
async function readProfileLoginPolicies(api: OrgApi, holders: PermissionHolder[], step: Step): Promise<void> {
  const profiles = holders.filter(
    (holder) => holder.type === 'Profile' && /^[a-zA-Z0-9]{15,18}$/.test(holder.id ?? '') && isPrivileged(holder)
  );
  if (profiles.length === 0) return;
  const records = await step(['loginIpRanges'], async () =>
    (
      await Promise.all(
        profiles.map((profile) => api.queryAll(`SELECT Id, Metadata FROM Profile WHERE Id = '${profile.id}'`, { tooling: true }))
      )
    ).flat()
  );
  const metadataById = new Map((records ?? []).map((record) => [String(record.Id), record.Metadata as ProfileMetadata | null]));
  for (const profile of profiles) {
    const metadata = metadataById.get(profile.id!);
    if (!metadata) continue;
    profile.loginIpRanges = (metadata.loginIpRanges ?? []).map((range) => ({
      startAddress: jsonText(range.startAddress),
      endAddress: jsonText(range.endAddress),
      description: str(range.description)
    }));
    profile.hasLoginHours = Object.values(metadata.loginHours ?? {}).some((value) => value !== null && value !== '');
  }
}

function buildHolders(
  profiles: Records | undefined,
  permissionSets: Records | undefined,
  groups: Records | undefined,
  groupComponents: Records | undefined,
  assignments: Records | undefined,
  objectPermissions: Records | undefined,
  permissionFields: string[],
  unavailable: Record<string, string>
): PermissionHolder[] | undefined {
  if (!profiles || !permissionSets || !groups || !groupComponents || !objectPermissions) return undefined;
  const profileById = new Map(profiles.map((profile) => [String(profile.Id), profile]));
  const grantsOf = (record: SObjectRecord): string[] =>
    permissionFields.filter((field) => record[field] === true).map((field) => field.replace(/^Permissions/, ''));
  const objectPermissionsBySet = new Map<string, ObjectPermission[]>();
  for (const row of objectPermissions) {
    const list = objectPermissionsBySet.get(String(row.ParentId)) ?? [];
    list.push({
      object: String(row.SobjectType),
      allowRead: row.PermissionsRead === true,
      allowCreate: row.PermissionsCreate === true,
      allowEdit: row.PermissionsEdit === true,
      allowDelete: row.PermissionsDelete === true,
      viewAllRecords: row.PermissionsViewAllRecords === true,
      modifyAllRecords: row.PermissionsModifyAllRecords === true
    });
    objectPermissionsBySet.set(String(row.ParentId), list);
  }
  const assigneesBySet = new Map<string, string[]>();
  const assigneesByGroup = new Map<string, string[]>();
  for (const row of assignments ?? []) {
    const [map, key] = row.PermissionSetGroupId
      ? [assigneesByGroup, jsonText(row.PermissionSetGroupId)]
      : [assigneesBySet, String(row.PermissionSetId)];
    const list = map.get(key) ?? [];
    list.push(String(row.AssigneeId));
    map.set(key, list);
  }
  if (!assignments) unavailable.activeAssigneeIds = unavailable.assignments ?? 'assignments were not read';

  const holders: PermissionHolder[] = [];
  const setNameById = new Map(permissionSets.map((set) => [String(set.Id), String(set.Name)]));
  const aggregateByGroup = new Map(
    permissionSets.filter((set) => set.PermissionSetGroupId).map((set) => [String(set.PermissionSetGroupId), set])
  );
  for (const set of permissionSets) {
    const setId = String(set.Id);
    const base = {
      userPermissions: grantsOf(set),
      objectPermissions: objectPermissionsBySet.get(setId) ?? [],
      activeAssigneeIds: assignments ? (assigneesBySet.get(setId) ?? []) : undefined
    };
    if (set.IsOwnedByProfile === true) {
      const profile = profileById.get(String(set.ProfileId));
      holders.push({
        type: 'Profile',
        name: str(profile?.Name) ?? str(set.Label) ?? setId,
        id: str(set.ProfileId),
        custom: set.IsCustom === true,
        license: str(rel(profile ?? {}, 'UserLicense.Name')),
        ...base
      });
    } else if (set.Type !== 'Group' && !set.PermissionSetGroupId) {
      holders.push({
        type: 'PermissionSet',
        name: String(set.Name),
        label: str(set.Label),
        id: setId,
        custom: set.IsCustom !== false,
        ...base
      });
    }
  }
  for (const group of groups) {
    const groupId = String(group.Id);
    const aggregate = aggregateByGroup.get(groupId);
    holders.push({
      type: 'PermissionSetGroup',
      name: String(group.DeveloperName),
      label: str(group.MasterLabel),
      id: groupId,
      custom: true,
      userPermissions: aggregate ? grantsOf(aggregate) : [],
      objectPermissions: aggregate ? (objectPermissionsBySet.get(String(aggregate.Id)) ?? []) : [],
      memberPermissionSets: groupComponents
        .filter((row) => jsonText(row.PermissionSetGroupId) === groupId)
        .map((row) => setNameById.get(String(row.PermissionSetId)) ?? String(row.PermissionSetId)),
      activeAssigneeIds: assignments ? (assigneesByGroup.get(groupId) ?? []) : undefined
    });
  }
  return holders;
}
