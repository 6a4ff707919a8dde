import { PERMISSIONS_READ } from '../health/collectors/org/permissions';
import type { Dataset } from '../emulator/types';
import { isPrivileged } from '../health/rules/helpers';

const BATCH = 2000;

/** The permission fields the rules read, as the collector's PermissionSet query selects them. */
const READ_FIELDS = PERMISSIONS_READ.map((name) => `Permissions${name}`);

/**
 * The fewest calls that read what the rules need, from the dataset alone: one call for each read a
 * rule depends on, plus the extra pages of the reads that return many rows. Each read is named with
 * the rules that need it, so the bound changes only when what the rules read changes.
 */
export function liveLowerBound(dataset: Dataset): { bound: number; extraPages: number } {
  const pages = (rows: number) => Math.max(1, Math.ceil(rows / BATCH));
  const rows = dataset.sobjects;
  const active = new Set(rows.User.filter((user) => user.IsActive).map((user) => user.Id));
  const privilegedSets = new Set(rows.PermissionSet.filter((set) => READ_FIELDS.some((name) => set[name] === true)).map((set) => set.Id));
  const privilegedAssignments = rows.PermissionSetAssignment.filter(
    (row) => active.has(String(row.AssigneeId)) && privilegedSets.has(String(row.PermissionSetId))
  );
  const privilegedUsers = new Set(privilegedAssignments.map((row) => String(row.AssigneeId)));
  const cutoff = Date.now() - 89 * 86_400_000;
  const dormantCandidates = rows.User.filter(
    (user) => user.IsActive && (user.LastLoginDate === null || Date.parse(String(user.LastLoginDate)) < cutoff)
  ).length;
  const grantsOf = (set: Record<string, unknown>) =>
    READ_FIELDS.filter((name) => set[name] === true).map((name) => name.replace(/^Permissions/, ''));
  // The login IP ranges of each privileged profile: the Tooling API gives one profile's metadata a query.
  const privilegedProfiles = rows.PermissionSet.filter(
    (set) =>
      set.IsOwnedByProfile === true && isPrivileged({ type: 'Profile', name: '', userPermissions: grantsOf(set), objectPermissions: [] })
  ).length;
  // The people governance records name who no other read brings in (an inactive Accountable, say).
  const adminProfiles = new Set(rows.Profile.filter((profile) => profile.Name === 'System Administrator').map((profile) => profile.Id));
  const read = new Set([
    ...privilegedUsers,
    ...rows.User.filter(
      (user) =>
        user.IsActive &&
        (adminProfiles.has(String(user.ProfileId)) || user.LastLoginDate === null || Date.parse(String(user.LastLoginDate)) < cutoff)
    ).map((user) => user.Id)
  ]);
  const named = new Set(
    [
      ...(rows.Governance_Area__c ?? []).map((area) => area.Accountable__c),
      ...(rows.Integration__c ?? []).flatMap((integration) => [integration.Integration_User__c, integration.Owner_User__c]),
      ...(rows.Risk__c ?? []).map((risk) => risk.Risk_Owner__c),
      dataset.user.id
    ].filter((id): id is string => typeof id === 'string' && !read.has(id))
  );
  const extraPages =
    pages(privilegedAssignments.length) -
    1 +
    pages(privilegedUsers.size) -
    1 +
    pages(dormantCandidates) -
    1 +
    pages(rows.PermissionSet.length) -
    1;
  const reads = {
    limits: 1, // the API budget, before anything heavy
    describes: 4, // PermissionSet and LoginHistory fields, the console's objects, ConnectedApplication's fields
    organization: 1, // IsSandbox: whose logins mfa.logins-without-mfa judges
    holders: 5, // Profile, PermissionSet, PermissionSetGroup, its components, object-wide ObjectPermissions (perm.*, profile.*, psg.*)
    assignments: 3, // privileged assignments, direct-assignment counts (psg.not-adopted), active users per profile (profile.sprawl)
    users: 3 + Math.ceil(named.size / 300), // dormant candidates, admins and integration users, privileged users; then the people governance records name
    logins: 2, // LoginHistory and VerificationHistory, aggregated
    auditTrail: 1,
    connectedApps: 4, // ConnectedApplication, External Client Apps, their OAuth policies, OAuth tokens by app
    settings: 3, // SecuritySettings, Health Check risks, Health Check score
    governance: 6, // areas, risks, decisions, integrations, findings, the last run
    loginIpRanges: privilegedProfiles,
    // collectors/orgOperatingModel.ts: Governance_Review__c, Change_Request__c and Incident_Runbook__c (a describe
    // and a query each), Integration__c's on-call users (2), DeployRequest, closed-won Opportunity and its
    // OpportunityHistory (2), FieldDefinition, ValidationRule, Dashboard, OpportunityStage, and a describe of each
    // AI object (BotDefinition, GenAiPlannerDefinition)
    operatingModel: 17
  };
  return { bound: Object.values(reads).reduce((sum, n) => sum + n, 0) + extraPages, extraPages };
}

/** The synthetic org's shape, as BENCHMARKS.md states it: the figures must come from reading less, not from an org with less to read. */
export function datasetShape(dataset: Dataset): string {
  const rows = dataset.sobjects;
  const users = rows.User.length;
  const active = rows.User.filter((user) => user.IsActive);
  const activeIds = new Set(active.map((user) => user.Id));
  const cutoff = Date.now() - 90 * 86_400_000;
  const dormant = active.filter((user) => user.LastLoginDate === null || Date.parse(String(user.LastLoginDate)) < cutoff).length;
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
