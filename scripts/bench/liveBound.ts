import { MAX_COMPOSITE_QUERIES, MAX_COMPOSITE_SUBREQUESTS } from '../health/collectors/api/orgApi';
import { PERMISSIONS_READ } from '../health/collectors/org/permissions';
import type { Dataset } from '../emulator/types';
import { isPrivileged } from '../health/privileges';
import { jsonText } from '../lib/json';

const BATCH = 2000;

/** The permission fields the rules read, as the collector's PermissionSet query selects them. */
const READ_FIELDS = PERMISSIONS_READ.map((name) => `Permissions${name}`);

const DAY = 86_400_000;
type Row = Record<string, unknown>;

/** FieldDefinition must be filtered by one entity: collectors/orgOperatingModel.ts reads it once for each of these. */
const FIELD_DEFINITION_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'];
/** Objects the operating model reads where they exist (a describe each first): Agents' objects exist only where Agents are on. */
const AI_OBJECTS = ['BotDefinition', 'GenAiPlannerDefinition'];
const CONSOLE_OBJECTS = ['Governance_Review__c', 'Change_Request__c', 'Incident_Runbook__c'];
const VERIFIED = new Set(['Succeeded', 'AutomatedSuccess']);

/**
 * The fewest calls that read what the rules need, from the dataset alone (never from a run). The
 * query operations: one for each read a rule depends on, one for each 2,000 rows a paged read returns
 * beyond its first page, one for each 2,000 groups a GROUP BY answers (an answer holds no more and has
 * no next page), and one Tooling query per privileged profile (the Tooling API gives a profile's
 * Metadata one record a query; the Metadata API's readMetadata takes ten, but needs Modify Metadata,
 * which the health check itself flags and its runner is not given). Queries that can run together
 * share a Composite call, five a call, REST and Tooling apart (two endpoints); a page cannot share a
 * call with its own next page, so an endpoint takes at least as many calls as its longest chain of
 * pages. The describes (all REST) are subrequests of the REST calls too, 25 subrequests a call in all.
 * The limits call is a call of its own.
 * `extraPages` is the queryMore operations alone: the pages after the first of every paged read.
 */
export function liveLowerBound(dataset: Dataset): {
  bound: number;
  extraPages: number;
  reads: Record<string, number>;
  longestChain: number;
  terms: string;
} {
  const pages = (rows: number) => Math.max(1, Math.ceil(rows / BATCH));
  const rows = dataset.sobjects;
  const now = Date.now();
  const sandbox = rows.Organization?.[0]?.IsSandbox === true;
  const activeIds = new Set(rows.User.filter((user) => user.IsActive).map((user) => user.Id));
  const grantsOf = (set: Row) => READ_FIELDS.filter((name) => set[name] === true).map((name) => name.replace(/^Permissions/, ''));
  const privilegedSets = new Set(rows.PermissionSet.filter((set) => grantsOf(set).length > 0).map((set) => set.Id));
  const privilegedAssignments = rows.PermissionSetAssignment.filter(
    (row) => activeIds.has(String(row.AssigneeId)) && privilegedSets.has(String(row.PermissionSetId))
  );
  const privilegedUsers = new Set(privilegedAssignments.map((row) => String(row.AssigneeId)));

  // Users the rules judge: dormant candidates (a day under the 90-day default), administrators and integration users, privileged users.
  const cutoff = now - 89 * DAY;
  const dormant = rows.User.filter(
    (user) =>
      user.IsActive && user.UserType === 'Standard' && (user.LastLoginDate === null || Date.parse(jsonText(user.LastLoginDate)) < cutoff)
  );
  const profileName = new Map(rows.Profile.map((profile) => [profile.Id, String(profile.Name)]));
  const licenseName = new Map((rows.UserLicense ?? []).map((license) => [license.Id, String(license.Name)]));
  const licenseOfProfile = new Map(rows.Profile.map((profile) => [profile.Id, licenseName.get(String(profile.UserLicenseId)) ?? '']));
  const admins = rows.User.filter(
    (user) =>
      user.IsActive &&
      (profileName.get(String(user.ProfileId)) === 'System Administrator' ||
        /Integration/i.test(licenseOfProfile.get(String(user.ProfileId)) ?? ''))
  );
  const read = new Set([...privilegedUsers, ...dormant.map((user) => user.Id), ...admins.map((user) => user.Id)]);
  const named = new Set(
    [
      ...(rows.Governance_Area__c ?? []).map((area) => area.Accountable__c),
      ...(rows.Integration__c ?? []).flatMap((integration) => [integration.Integration_User__c, integration.Owner_User__c]),
      ...(rows.Risk__c ?? []).map((risk) => risk.Risk_Owner__c),
      dataset.user.id
    ].filter((id): id is string => typeof id === 'string' && !read.has(id))
  );

  // Profiles judged one by one: privileged ones by their login IP ranges; small custom ones by their active users (profile.sprawl).
  const profileSets = rows.PermissionSet.filter((set) => set.IsOwnedByProfile === true);
  const privilegedProfiles = profileSets.filter((set) =>
    isPrivileged({ type: 'Profile', name: '', userPermissions: grantsOf(set), objectPermissions: [] })
  ).length;
  const usersPerProfile = new Map<string, number>();
  for (const user of rows.User)
    if (user.IsActive) usersPerProfile.set(String(user.ProfileId), (usersPerProfile.get(String(user.ProfileId)) ?? 0) + 1);
  const fewUserProfiles = profileSets.filter((set) => {
    const users = usersPerProfile.get(String(set.ProfileId)) ?? 0;
    return grantsOf(set).length === 0 && users > 0 && users < 10;
  });
  const fewUserMembers = fewUserProfiles.reduce((sum, set) => sum + (usersPerProfile.get(String(set.ProfileId)) ?? 0), 0);
  const regularSets = rows.PermissionSet.filter(
    (set) => set.IsOwnedByProfile !== true && set.Type !== 'Group' && !set.PermissionSetGroupId
  );

  // Logins without a successful verification (the anti-join), per user and kind, in the last 30 days: privileged users' in production.
  const verifiedLogins = new Set(
    (rows.VerificationHistory ?? [])
      .filter((row) => row.Activity === 'Login' && VERIFIED.has(String(row.Status)))
      .map((row) => String(row.LoginHistoryId))
  );
  const since = now - 30 * DAY;
  const loginGroups = new Set(
    (rows.LoginHistory ?? [])
      .filter(
        (row) =>
          Date.parse(String(row.LoginTime)) >= since &&
          !verifiedLogins.has(String(row.Id)) &&
          (sandbox || privilegedUsers.has(String(row.UserId)))
      )
      .map((row) => [row.UserId, row.LoginType, row.Status, row.AuthMethodReference, row.ApiType].join('|'))
  ).size;

  // The audit trail the rules flag: half a year of privilege changes, and every change since the last run (or the last week).
  const lastRun = (rows.Health_Check_Run__c ?? [])
    .filter((run) => run.Source__c === 'org')
    .map((run) => Date.parse(String(run.Run_At__c)))
    .sort((a, b) => b - a)[0];
  const changesSince = lastRun !== undefined && lastRun < now - 8 * DAY ? lastRun : now - 8 * DAY;
  const auditRows = (rows.SetupAuditTrail ?? []).filter((row) => {
    const at = Date.parse(String(row.CreatedDate));
    return at >= now - 181 * DAY && (/perm|profile|user/i.test(String(row.Action)) || at >= changesSince);
  }).length;

  const has = (object: string) => object in rows || object in dataset.tooling;
  const paged = {
    profiles: rows.Profile.length,
    permissionSets: rows.PermissionSet.length,
    groups: (rows.PermissionSetGroup ?? []).length,
    groupComponents: (rows.PermissionSetGroupComponent ?? []).length,
    objectWideAccess: (rows.ObjectPermissions ?? []).filter((row) => row.PermissionsViewAllRecords || row.PermissionsModifyAllRecords)
      .length,
    privilegedAssignments: privilegedAssignments.length,
    dormantCandidates: dormant.length,
    adminsAndIntegrationUsers: admins.length,
    privilegedUsers: privilegedUsers.size,
    auditTrail: auditRows
  };
  const extraPages = Object.values(paged).reduce((sum, n) => sum + pages(n) - 1, 0) + Math.max(0, pages(fewUserMembers) - 1);
  // The longest chain of pages one read must fetch one after another (each page names the next).
  const longestChain = Math.max(...Object.values(paged).map(pages), pages(fewUserMembers), pages(loginGroups));
  const consoleRead = (object: string) => (has(object) ? 1 : 0);
  const direct = { limits: 1 }; // the API budget, before anything heavy
  const describes = {
    collector: 4, // PermissionSet and LoginHistory fields, the console's objects, ConnectedApplication's fields
    operatingModel: CONSOLE_OBJECTS.length + (has('Integration__c') ? 1 : 0) + AI_OBJECTS.length
  };
  // First pages of the queries, by endpoint (the Composite resource of one cannot carry the other's queries).
  const rest = {
    organization: 1, // IsSandbox: whose logins mfa.logins-without-mfa judges
    holders: 5, // Profile, PermissionSet, PermissionSetGroup, its components, object-wide ObjectPermissions
    assignments: 3, // privileged assignments, direct-assignment counts (psg.not-adopted), active users per profile (profile.sprawl)
    directAssignmentRanges: Math.max(1, Math.ceil(regularSets.length / 1900)) - 1, // one GROUP BY answer counts 1,900 permission sets
    smallProfileMembers: Math.ceil(fewUserProfiles.length / 300), // profile.sprawl: who holds a custom profile of fewer than 10 users
    users: 3 + Math.ceil(named.size / 300), // dormant candidates, admins and integration users, privileged users; then the people governance records name
    logins: pages(loginGroups), // LoginHistory without a verification, GROUP BY user and kind: 2,000 groups an answer
    auditTrail: 1,
    connectedApps: 2, // ConnectedApplication, OAuth tokens by app
    governance: 6, // areas, risks, decisions, integrations, findings, the last run
    // collectors/orgOperatingModel.ts: each console object it reads where it exists, Integration__c's on-call users, closed-won
    // Opportunity and OpportunityHistory, FieldDefinition per object, Dashboard, OpportunityStage, each AI object where it exists.
    operatingModel:
      CONSOLE_OBJECTS.reduce((sum, object) => sum + consoleRead(object), 0) +
      consoleRead('Integration__c') +
      2 +
      FIELD_DEFINITION_OBJECTS.length +
      2 +
      AI_OBJECTS.reduce((sum, object) => sum + consoleRead(object), 0)
  };
  const tooling = {
    connectedApps: 2, // External Client Apps, their OAuth policies
    settings: 3, // SecuritySettings, Health Check risks, Health Check score
    loginIpRanges: privilegedProfiles, // one Profile Metadata a query
    operatingModel: 2 // DeployRequest, ValidationRule
  };
  const sum = (terms: Record<string, number>) => Object.values(terms).reduce((total, n) => total + n, 0);
  const restQueries = sum(rest) + extraPages;
  const toolingQueries = sum(tooling);
  const restDescribes = sum(describes);
  // A composite call carries up to 5 query operations and 25 subrequests, but never a page with its own next page:
  // so at least ceil(queries / 5) calls an endpoint, ceil(subrequests / 25), and as many as the longest chain of pages.
  const restCalls =
    restQueries === 0
      ? 0
      : Math.max(
          Math.ceil(restQueries / MAX_COMPOSITE_QUERIES),
          Math.ceil((restQueries + restDescribes) / MAX_COMPOSITE_SUBREQUESTS),
          longestChain
        );
  const toolingCalls = toolingQueries === 0 ? 0 : Math.ceil(toolingQueries / MAX_COMPOSITE_QUERIES);
  const reads = {
    ...direct,
    ...Object.fromEntries(Object.entries(describes).map(([k, n]) => [`describes.${k}`, n])),
    ...Object.fromEntries(Object.entries(rest).map(([k, n]) => [`rest.${k}`, n])),
    ...Object.fromEntries(Object.entries(tooling).map(([k, n]) => [`tooling.${k}`, n]))
  };
  const bound = sum(direct) + restCalls + toolingCalls;
  const terms =
    `a call of its own: limits ${direct.limits}; ` +
    `REST queries ${restQueries} (${Object.entries(rest)
      .map(([read, n]) => `${read} ${n}`)
      .join(', ')}, extra pages ${extraPages}) and describes ${restDescribes} in ${restCalls} composite calls ` +
    `(5 queries and 25 subrequests a call, longest chain of pages ${longestChain}); ` +
    `Tooling queries ${toolingQueries} (${Object.entries(tooling)
      .map(([read, n]) => `${read} ${n}`)
      .join(', ')}) in ${toolingCalls}; = ${bound}`;
  return { bound, extraPages, reads, longestChain, terms };
}

/** The synthetic org's shape, as BENCHMARKS.md states it: the figures must come from reading less, not from an org with less to read. */
export function datasetShape(dataset: Dataset): string {
  const rows = dataset.sobjects;
  const users = rows.User.length;
  const active = rows.User.filter((user) => user.IsActive);
  const activeIds = new Set(active.map((user) => user.Id));
  const cutoff = Date.now() - 90 * 86_400_000;
  const dormant = active.filter((user) => user.LastLoginDate === null || Date.parse(jsonText(user.LastLoginDate)) < cutoff).length;
  const holdersOf = (fields: string[]) => {
    const sets = new Set(rows.PermissionSet.filter((set) => fields.some((name) => set[name] === true)).map((set) => set.Id));
    return new Set(
      rows.PermissionSetAssignment.filter((row) => activeIds.has(String(row.AssigneeId)) && sets.has(String(row.PermissionSetId))).map(
        (row) => String(row.AssigneeId)
      )
    ).size;
  };
  const privileged = holdersOf(
    READ_FIELDS.filter((name) => name !== 'PermissionsApiUserOnly' && name !== 'PermissionsPasswordNeverExpires')
  );
  const apiOnly = holdersOf(['PermissionsApiUserOnly']);
  const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
  const loginsPerDay = rows.LoginHistory.length / Math.max(1, active.length) / 30;
  return (
    `${users.toLocaleString('en-US')} users: ${share(active.length, users)} active; of the active, ${share(dormant, active.length)} dormant (no login for 90 days), ` +
    `${share(privileged, active.length)} privileged (hold a permission the rules judge), ${share(apiOnly, active.length)} API only; ` +
    `${loginsPerDay.toFixed(2)} logins per active user per day; ${(rows.PermissionSetAssignment.length / users).toFixed(1)} permission set assignments per user; ` +
    `${rows.Profile.length} profiles, ${rows.PermissionSet.length.toLocaleString('en-US')} permission sets (profiles' included).`
  );
}
