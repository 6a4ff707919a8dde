import { connectToOrg } from '../../../lib/orgConnection';
import type { Connection } from '@salesforce/core';
import { standardBaseline } from '../../baseline/parse';
import { isPrivileged } from '../../privileges';
import type { Assignment, LoginEvent, OrgSnapshot, PermissionHolder, SettingValue, SnapshotUser } from '../../snapshot';
import { OrgApiError } from '../api/errors';
import { OrgApi } from '../api/orgApi';
import { collectOperatingModel } from '../orgOperatingModel';
import { auditWhere, SETUP_AUDIT_TRAIL } from './auditTrail';
import { buildConnectedApps, CONNECTED_APPLICATION, EXTERNAL_CLIENT_APP, EXTERNAL_CLIENT_APP_POLICY, OAUTH_TOKEN } from './connectedApps';
import { declare, field } from './declare';
import {
  DECISION,
  FINDING,
  GOVERNANCE_AREA,
  GOVERNANCE_PARTS,
  INTEGRATION,
  LAST_RUN,
  LAST_RUN_SUFFIX,
  LAST_RUN_WHERE,
  RISK
} from './governance';
import {
  buildHolders,
  GROUP_COMPONENT,
  OBJECT_PERMISSION,
  OBJECT_PERMISSION_WHERE,
  PERMISSION_SET_GROUP,
  permissionSetDeclaration,
  PROFILE,
  type SetRow
} from './holders';
import { loginDeclaration, readUnverifiedLogins, readWindowed, toLoginEvents, VERIFICATION, VERIFICATION_WHERE } from './logins';
import { grantsAny, LOGIN_HISTORY_PERMISSIONS, PERMISSIONS_READ } from './permissions';
import { Reader } from './reader';
import { baselineNameOf, HEALTH_CHECK, HEALTH_CHECK_RISKS, riskValue, SECURITY_SETTINGS, settingsFromSecurityMetadata } from './settings';
import { idChunks, privilegedScope, profileRanges, readUsers } from './users';
import { jsonText } from '../../../lib/json';

export type OrgCollectOptions = {
  targetOrg: string;
  minApiBudgetShare: number;
  progress?: (message: string) => void;
  concurrency?: number;
  /** Base delay of the retry backoff. */
  retryDelayMs?: number;
  /** How long one API call may go unanswered (--api-timeout). */
  callTimeoutMs?: number;
  /** Epoch ms by which collection ends, answered or not (--wait). */
  deadlineAt?: number;
};

const ORGANIZATION = declare({
  object: 'Organization',
  parts: ['organization'],
  grant: 'View Setup and Configuration',
  shape: { isSandbox: field.maybeFlag('IsSandbox') }
});

const ASSIGNMENT = declare({
  object: 'PermissionSetAssignment',
  parts: ['assignments'],
  grant: 'View Setup and Configuration',
  shape: {
    id: field.id(),
    assigneeId: field.required('AssigneeId'),
    setId: field.required('PermissionSetId'),
    groupId: field.text('PermissionSetGroupId')
  }
});

/** Direct assignments per permission set, counted by the org: only privileged ones are read row by row. */
const DIRECT_ASSIGNMENTS = declare({
  object: 'PermissionSetAssignment',
  parts: ['assignments'],
  grant: 'View Setup and Configuration',
  shape: { setId: field.group('PermissionSetId'), users: field.count('users') },
  groupBy: ['PermissionSetId']
});
const DIRECT_WHERE =
  "Assignee.IsActive = true AND PermissionSetGroupId = null AND PermissionSet.IsOwnedByProfile = false AND PermissionSet.Type != 'Group'";

const PROFILE_USERS = declare({
  object: 'User',
  parts: ['holders'],
  grant: 'View Setup and Configuration',
  shape: { profileId: field.group('ProfileId'), users: field.count('users') },
  groupBy: ['ProfileId']
});
const PROFILE_MEMBER = declare({
  object: 'User',
  parts: ['holders'],
  grant: 'View Setup and Configuration',
  shape: { id: field.id(), profileId: field.required('ProfileId') }
});
/** profile.sprawl flags custom profiles with fewer active users than this, so their users are read one by one below it. */
const FEW_USERS = 10;

const PROFILE_METADATA = declare({
  object: 'Profile',
  tooling: true,
  parts: ['loginIpRanges'],
  grant: 'View Setup and Configuration',
  shape: { id: field.id(), metadata: field.raw('Metadata') }
});
type ProfileMetadata = { loginIpRanges?: Array<Record<string, unknown>> | null; loginHours?: Record<string, unknown> | null } | null;

const NOT_DEPLOYED = 'the CRM Ownership Console objects are not deployed in this org (npm run org:setup)';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Fills the snapshot from a live org through the sf CLI's stored login. Each object is read on its
 * own and independent reads run concurrently (bounded); a read that fails marks only the snapshot
 * parts it feeds unavailable, with the object, the error and what to grant, and the run goes on.
 * Only an expired login ends it; the API budget, the daily limit or the deadline stop it politely.
 */
export async function collectOrgSnapshot(options: OrgCollectOptions): Promise<{ snapshot: OrgSnapshot; connection: Connection }> {
  const connection = await connectToOrg(options.targetOrg);
  const api = new OrgApi(connection, {
    org: options.targetOrg,
    minApiBudgetShare: options.minApiBudgetShare,
    concurrency: options.concurrency ?? 4,
    retryDelayMs: options.retryDelayMs,
    callTimeoutMs: options.callTimeoutMs,
    deadlineAt: options.deadlineAt
  });
  const progress = options.progress ?? (() => undefined);
  const reader = new Reader(api, progress);
  const { unavailable } = reader;
  const now = Date.now();
  const baselineNames = standardBaseline().settings.map((setting) => setting.name);

  progress(`Connected to ${connection.instanceUrl} as ${connection.getUsername() ?? options.targetOrg}`);
  await reader.attempt({ object: 'the limits resource', parts: [], grant: 'API Enabled' }, () => api.readLimits());

  // What this org has: the permission fields the rules read, LoginHistory's fields, the console's objects.
  const [setFields, loginFields, governanceInstalled, organization] = await Promise.all([
    reader.attempt(
      { object: 'PermissionSet', parts: ['holders', 'assignments', 'users', 'logins'], grant: 'View Setup and Configuration' },
      () => api.describeFields('PermissionSet')
    ),
    reader.attempt({ object: 'LoginHistory', parts: ['logins'], grant: 'Monitor Login History (or Manage Users)' }, () =>
      api.describeFields('LoginHistory')
    ),
    reader.attempt(
      { object: 'Governance_Area__c', parts: GOVERNANCE_PARTS, grant: 'the Ownership_Console_Health_Runner permission set' },
      () =>
        api.describeFields('Governance_Area__c').then(
          () => true,
          (error: unknown) => {
            if (error instanceof OrgApiError && ['NOT_FOUND', 'INVALID_TYPE'].includes(error.code)) return false;
            throw error;
          }
        )
    ),
    reader.attempt(ORGANIZATION, () => reader.rows(ORGANIZATION))
  ]);
  const permissionFields = PERMISSIONS_READ.map((name) => `Permissions${name}`).filter((name) => setFields?.has(name));
  if (setFields) {
    for (const name of PERMISSIONS_READ) {
      if (!setFields.has(`Permissions${name}`))
        unavailable[`Permissions${name}`] = `PermissionSet.Permissions${name} is not in this org (API ${api.apiVersion})`;
    }
  }
  if (governanceInstalled === false) reader.mark(GOVERNANCE_PARTS, NOT_DEPLOYED);
  const isSandbox = organization?.[0]?.isSandbox;
  const governance = governanceInstalled === true;
  const setDeclaration = permissionSetDeclaration(permissionFields);

  const governanceReads = Promise.all([
    governance ? reader.attempt(GOVERNANCE_AREA, () => reader.rows(GOVERNANCE_AREA)) : undefined,
    governance ? reader.attempt(RISK, () => reader.rows(RISK)) : undefined,
    governance ? reader.attempt(DECISION, () => reader.rows(DECISION)) : undefined,
    governance ? reader.attempt(INTEGRATION, () => reader.rows(INTEGRATION)) : undefined,
    governance ? reader.attempt(FINDING, () => reader.rows(FINDING)) : undefined,
    governance ? reader.attempt(LAST_RUN, () => reader.rows(LAST_RUN, LAST_RUN_WHERE, LAST_RUN_SUFFIX), ['lastRunAt']) : undefined
  ]);
  const profileUsers = setFields ? reader.attempt(PROFILE_USERS, () => reader.groups(PROFILE_USERS, 'IsActive = true')) : undefined;
  const holderReads = setFields
    ? Promise.all([
        reader.attempt(PROFILE, () => reader.rows(PROFILE)),
        reader.attempt(setDeclaration, () => reader.rows(setDeclaration)),
        reader.optional(PERMISSION_SET_GROUP, () => reader.rows(PERMISSION_SET_GROUP)),
        reader.optional(GROUP_COMPONENT, () => reader.rows(GROUP_COMPONENT)),
        reader.attempt(OBJECT_PERMISSION, () => reader.rows(OBJECT_PERMISSION, OBJECT_PERMISSION_WHERE)),
        permissionFields.length > 0
          ? reader.attempt(ASSIGNMENT, async () =>
              // In a large org, read in ranges of the assignees' profiles (users.ts says why).
              reader.rowsInRanges(
                ASSIGNMENT,
                `Assignee.IsActive = true AND PermissionSetId IN (SELECT Id FROM PermissionSet WHERE ${grantsAny(permissionFields)})`,
                profileRanges((await profileUsers) ?? [], 'Assignee.ProfileId')
              )
            )
          : Promise.resolve([]),
        profileUsers
      ])
    : Promise.resolve(undefined);

  // The operating model's reads need only the governance rows: started now, their queries share the Composite
  // calls of the long paged reads below rather than going out alone after them.
  const takenAt = new Date(now).toISOString();
  const operatingModel = governanceReads.then(([, , , integrationRows]) =>
    collectOperatingModel(reader, { takenAt, unavailable, integrations: integrationRows }, options.progress)
  );
  // Awaited at the end; a rejection (an expired login) is not left unhandled while the other reads run.
  operatingModel.catch(() => undefined);

  const [holderRows, governanceRows] = await Promise.all([holderReads, governanceReads]);
  const [profileRows, setRows, groupRows, componentRows, objectRows, assignmentRows, profileUserRows] = holderRows ?? [];
  const [areaRows, riskRows, decisionRows, integrationRows, findingRows, lastRunRows] = governanceRows;
  const lastRunAt = lastRunRows?.[0]?.runAt;

  const holderSet =
    profileRows && setRows && groupRows && componentRows && objectRows
      ? buildHolders(profileRows, setRows, groupRows, componentRows, objectRows)
      : undefined;
  if (setFields && !holderSet) reader.mark(['holders'], 'the permission holders could not be read');
  // Needs only the holders: it runs beside the reads of users, logins and the audit trail.
  const profilePolicies = holderSet ? readProfileLoginPolicies(reader, holderSet.holders) : Promise.resolve();
  profilePolicies.catch(() => undefined);

  // Assignees: privileged holders from their assignments, small custom profiles from their users.
  const grantsByUser = new Map<string, Set<string>>();
  if (holderSet && assignmentRows) {
    for (const holder of holderSet.holders) if (holder.userPermissions.length > 0) holder.activeAssigneeIds = [];
    for (const row of assignmentRows) {
      const holder = holderSet.holderBySetId.get(row.setId);
      if (!holder) continue;
      holder.activeAssigneeIds ??= [];
      holder.activeAssigneeIds.push(row.assigneeId);
      const set = grantsByUser.get(row.assigneeId) ?? new Set<string>();
      holder.userPermissions.forEach((permission) => set.add(permission));
      grantsByUser.set(row.assigneeId, set);
    }
  }
  const profilesById = new Map(
    (holderSet?.holders ?? []).filter((holder) => holder.type === 'Profile').map((holder) => [holder.id!, holder])
  );
  if (holderSet && profileUserRows) {
    const counts = new Map(profileUserRows.map((row) => [row.profileId ?? '', row.users]));
    const few = [...profilesById.values()].filter((profile) => !profile.activeAssigneeIds && (counts.get(profile.id!) ?? 0) < FEW_USERS);
    for (const profile of few) if ((counts.get(profile.id!) ?? 0) === 0) profile.activeAssigneeIds = [];
    const withUsers = few.filter((profile) => (counts.get(profile.id!) ?? 0) > 0).map((profile) => profile.id!);
    for (const chunk of idChunks(withUsers)) {
      const members = await reader.attempt(PROFILE_MEMBER, () =>
        reader.rows(PROFILE_MEMBER, `IsActive = true AND ProfileId IN (${chunk.map((id) => `'${id}'`).join(', ')})`)
      );
      for (const member of members ?? []) {
        const profile = profilesById.get(member.profileId);
        if (profile) (profile.activeAssigneeIds ??= []).push(member.id);
      }
    }
  }

  const setById = new Map((setRows ?? []).map((set) => [set.id, set]));
  const groupNameBySetId = new Map(
    (holderSet?.holders ?? [])
      .filter((holder) => holder.type === 'PermissionSetGroup')
      .flatMap((holder) => {
        const aggregate = (setRows ?? []).find((set) => set.groupId === holder.id);
        return aggregate ? [[aggregate.id, holder.name] as const] : [];
      })
  );
  const assignments: Assignment[] | undefined = assignmentRows
    ?.filter((row) => setById.get(row.setId)?.ownedByProfile !== true)
    .map((row) => ({
      assigneeId: row.assigneeId,
      permissionSetName: row.groupId ? undefined : setById.get(row.setId)?.name,
      permissionSetGroupName: row.groupId ? groupNameBySetId.get(row.setId) : undefined
    }));

  // Whose users and logins are read: holders of any permission the rules judge (in a sandbox, everyone's logins).
  const privilegedSetIds = (setRows ?? []).filter((set) => set.grants.length > 0).map((set) => set.id);
  const scopeOf = (idField: string) =>
    permissionFields.length > 0 ? privilegedScope(idField, privilegedSetIds, permissionFields) : undefined;
  const [directAssignees, users, [logins, loginVerifications], auditTrail, connectedApps, settingsRead] = await Promise.all([
    setRows ? readDirectAssignees(reader, setRows) : undefined,
    reader.attempt({ object: 'User', parts: ['users'], grant: 'View Setup and Configuration' }, () =>
      readUsers(
        reader,
        scopeOf('Id'),
        () =>
          Promise.resolve(
            [
              ...(areaRows ?? []).map((area) => area.accountableId),
              ...(integrationRows ?? []).flatMap((integration) => [integration.integrationUserId, integration.ownerUserId]),
              ...(riskRows ?? []).map((risk) => risk.riskOwnerId),
              connection.getAuthInfoFields().userId
            ].filter((id): id is string => Boolean(id))
          ),
        profileRanges(profileUserRows ?? [])
      )
    ),
    readLogins(reader, loginFields, isSandbox === true ? undefined : scopeOf('UserId'), now),
    reader.attempt(SETUP_AUDIT_TRAIL, () => reader.rows(SETUP_AUDIT_TRAIL, auditWhere(now, lastRunAt))),
    readConnectedApps(reader),
    readSettings(reader, baselineNames)
  ]);

  // Without Monitor Login History or Manage Users, LoginHistory answers with the reader's own logins only.
  // Every holder of either is among the privileged assignees read above, so a reader not found there has neither.
  const readerName = connection.getUsername() ?? '';
  const readerId =
    connection.getAuthInfoFields().userId ?? users?.find((user) => user.username.toLowerCase() === readerName.toLowerCase())?.id;
  if (logins && assignmentRows) {
    const readerGrants = (readerId ? grantsByUser.get(readerId) : undefined) ?? new Set<string>();
    if (!LOGIN_HISTORY_PERMISSIONS.some((permission) => readerGrants.has(permission))) {
      unavailable.logins = `${readerName || 'the running user'} has neither Monitor Login History nor Manage Users, so LoginHistory shows only their own logins`;
    }
  }
  const snapshotUsers: SnapshotUser[] | undefined = users?.map((user) => {
    const grants = grantsByUser.get(user.id);
    const known = assignmentRows !== undefined;
    return {
      ...user,
      isApiOnly: known ? (grants?.has('ApiUserOnly') ?? false) : undefined,
      passwordNeverExpires: known ? (grants?.has('PasswordNeverExpires') ?? false) : undefined
    };
  });
  await profilePolicies;
  const operatingModelParts = await operatingModel;

  const snapshot: OrgSnapshot = {
    source: 'org',
    orgId: connection.getAuthInfoFields().orgId,
    instanceUrl: connection.instanceUrl,
    username: connection.getUsername(),
    takenAt,
    holders: holderSet?.holders ?? [],
    settings: settingsRead.settings,
    mfaRequiredOrgWide: settingsRead.mfaRequiredOrgWide,
    salesforceScore: settingsRead.score,
    isSandbox,
    connectedApps,
    users: snapshotUsers,
    assignments,
    directAssignees,
    logins: unavailable.logins ? undefined : logins,
    loginScope: isSandbox === true || permissionFields.length === 0 ? 'all' : 'privileged',
    loginVerifications,
    auditTrail,
    governanceAreas: areaRows,
    risks: riskRows,
    decisions: decisionRows,
    integrations: integrationRows,
    findings: findingRows,
    lastRunAt,
    unavailable,
    partial: reader.partial,
    apiCalls: api.calls,
    ...operatingModelParts
  };
  return { snapshot, connection };
}

/**
 * LoginHistory aggregated per user (the scope's users: privileged ones in production), and the
 * successful MFA verifications per user. When the org answers the anti-join, only unverified logins
 * are read and none of them has a verification (an empty count); otherwise both are read in full.
 */
async function readLogins(
  reader: Reader,
  loginFields: Set<string> | undefined,
  scope: string | undefined,
  now: number
): Promise<[LoginEvent[] | undefined, Record<string, number> | undefined]> {
  if (loginFields) {
    const declaration = loginDeclaration(loginFields.has('AuthMethodReference'));
    const unverified = await reader.attempt(declaration, () => readUnverifiedLogins(reader, declaration, scope, now));
    if (unverified !== null) return [unverified, unverified ? {} : undefined];
  }
  return Promise.all([
    loginFields
      ? reader.attempt(loginDeclaration(true), async () => {
          const declaration = loginDeclaration(loginFields.has('AuthMethodReference'));
          return toLoginEvents(await readWindowed(reader, declaration, 'LoginTime', scope, now));
        })
      : undefined,
    reader.attempt(VERIFICATION, async () => {
      const rows = await readWindowed(
        reader,
        VERIFICATION,
        'VerificationTime',
        scope ? `${VERIFICATION_WHERE} AND ${scope}` : VERIFICATION_WHERE,
        now
      );
      const counts: Record<string, number> = {};
      for (const row of rows) if (row.userId) counts[row.userId] = (counts[row.userId] ?? 0) + row.verified;
      return counts;
    }, ['loginVerifications'])
  ]);
}

/** Direct assignments per permission set; more sets than one GROUP BY answer holds are counted in ranges of ids. */
async function readDirectAssignees(reader: Reader, sets: SetRow[]): Promise<Record<string, number> | undefined> {
  const regular = sets.filter((set) => !set.ownedByProfile && set.type !== 'Group' && !set.groupId);
  const ids = regular.map((set) => set.id).sort();
  const nameById = new Map(regular.map((set) => [set.id, set.name]));
  return reader.attempt(DIRECT_ASSIGNMENTS, async () => {
    const out: Record<string, number> = {};
    for (let i = 0; i < ids.length; i += 1900) {
      const range = ids.slice(i, i + 1900);
      const where =
        ids.length > 1900
          ? `${DIRECT_WHERE} AND PermissionSetId >= '${range[0]}' AND PermissionSetId <= '${range[range.length - 1]}'`
          : DIRECT_WHERE;
      for (const row of await reader.groups(DIRECT_ASSIGNMENTS, where)) {
        const name = row.setId ? nameById.get(row.setId) : undefined;
        if (name) out[name] = row.users;
      }
      if (ids.length <= 1900) break;
    }
    return out;
  });
}

async function readConnectedApps(reader: Reader) {
  const [apps, ecas, policies, tokens] = await Promise.all([
    reader.attempt(CONNECTED_APPLICATION, async () =>
      reader.rows(CONNECTED_APPLICATION, undefined, '', await reader.api.describeFields('ConnectedApplication'))
    ),
    reader.optional(EXTERNAL_CLIENT_APP, () => reader.rows(EXTERNAL_CLIENT_APP)),
    reader.optional(EXTERNAL_CLIENT_APP_POLICY, () => reader.rows(EXTERNAL_CLIENT_APP_POLICY)),
    // Tokens only add apps defined elsewhere; without them the apps defined here are still judged.
    reader.attempt(OAUTH_TOKEN, () => reader.groups(OAUTH_TOKEN), ['oauthTokens'])
  ]);
  if (!apps || !ecas || !policies) return undefined;
  return buildConnectedApps(
    apps,
    ecas,
    policies,
    (tokens ?? []).map((row) => row.appName).filter((name): name is string => Boolean(name))
  );
}

/**
 * Settings from Tooling SecuritySettings (the same fields as Security.settings offline), then the
 * Health Check's rows for what no settings object holds (certificates, sharing, guest access, ...).
 */
async function readSettings(
  reader: Reader,
  baselineNames: string[]
): Promise<{ settings: Record<string, SettingValue>; mfaRequiredOrgWide?: boolean; score?: number }> {
  const [security, risks, health] = await Promise.all([
    reader.attempt(SECURITY_SETTINGS, () => reader.rows(SECURITY_SETTINGS), ['SecuritySettings']),
    reader.attempt(HEALTH_CHECK_RISKS, () => reader.rows(HEALTH_CHECK_RISKS), ['SecurityHealthCheckRisks']),
    reader.attempt(HEALTH_CHECK, () => reader.rows(HEALTH_CHECK), ['SecurityHealthCheck'])
  ]);
  const metadata = security?.[0]?.metadata;
  const fromMetadata =
    metadata && typeof metadata === 'object' ? settingsFromSecurityMetadata(metadata as Record<string, unknown>) : undefined;
  const settings: Record<string, SettingValue> = {};
  for (const row of risks ?? []) {
    const name = baselineNameOf(row, baselineNames);
    const value = riskValue(row);
    if (name && value !== undefined) settings[name] = { value };
  }
  Object.assign(settings, fromMetadata?.settings ?? {});
  let mfaRequiredOrgWide = fromMetadata?.mfaRequiredOrgWide;
  if (mfaRequiredOrgWide === undefined && typeof settings['Identity.mfaEnabled']?.value === 'boolean') {
    mfaRequiredOrgWide = settings['Identity.mfaEnabled'].value;
  }
  const reasons = [reader.unavailable.SecuritySettings, reader.unavailable.SecurityHealthCheckRisks].filter(Boolean).join('; ');
  if (!security && !risks) reader.mark(['settings'], reasons);
  if (mfaRequiredOrgWide === undefined)
    reader.mark(['mfaRequiredOrgWide'], reasons || 'neither SecuritySettings nor the Health Check gives the org-wide MFA setting');
  for (const name of baselineNames)
    if (!settings[name]) reader.mark([name], reasons ? `no value for ${name}: ${reasons}` : `the Health Check lists no value for ${name}`);
  return { settings, mfaRequiredOrgWide, score: health?.[0]?.score };
}

/**
 * Login IP ranges and hours are only in a profile's metadata, which the Tooling API gives one profile
 * a query; only privileged profiles are judged by them, so only those are read.
 */
async function readProfileLoginPolicies(reader: Reader, holders: PermissionHolder[]): Promise<void> {
  const profiles = holders.filter(
    (holder) => holder.type === 'Profile' && /^[a-zA-Z0-9]{15,18}$/.test(holder.id ?? '') && isPrivileged(holder)
  );
  await Promise.all(
    profiles.map(async (profile) => {
      const rows = await reader.attempt(PROFILE_METADATA, () => reader.rows(PROFILE_METADATA, `Id = '${profile.id}'`));
      const metadata = rows?.[0]?.metadata as ProfileMetadata | undefined;
      if (!metadata) return;
      profile.loginIpRanges = (metadata.loginIpRanges ?? []).map((range) => ({
        startAddress: jsonText(range.startAddress),
        endAddress: jsonText(range.endAddress),
        description: str(range.description)
      }));
      profile.hasLoginHours = Object.values(metadata.loginHours ?? {}).some((value) => value !== null && value !== '');
    })
  );
}
