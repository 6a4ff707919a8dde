import type { OrgSnapshot, PermissionHolder, SnapshotSource, SnapshotUser } from '../snapshot';
import type { RuleEvaluation } from './types';

export const LIVE_ONLY = 'needs a live org (--target-org)';

/** Rules whose data exists in retrieved metadata as well as in the org. */
export const ANY_MODE: readonly SnapshotSource[] = ['org', 'metadata'];
export const LIVE_MODE: readonly SnapshotSource[] = ['org'];

const HELP = 'https://help.salesforce.com/s/articleView?type=5&id=';
/** Salesforce Help article URL by its id (e.g. `sf.security_health_check.htm`). */
export function help(articleId: string): string {
  return `${HELP}${articleId}`;
}

type LiveKey =
  | 'users'
  | 'assignments'
  | 'logins'
  | 'auditTrail'
  | 'governanceAreas'
  | 'risks'
  | 'decisions'
  | 'integrations'
  | 'findings'
  | 'connectedApps';

/** The reason to skip when the snapshot lacks any of these collections (undefined = unknown, [] = known empty). */
export function missing(snapshot: OrgSnapshot, ...keys: LiveKey[]): RuleEvaluation | undefined {
  for (const key of keys) {
    if (snapshot[key] === undefined) return { skipped: snapshot.unavailable[key] ?? snapshot.notApplicable?.[key] ?? LIVE_ONLY };
  }
  return undefined;
}

/** Permissions that make a holder an administrator in all but name. */
export const ADMIN_EQUIVALENT = ['ModifyAllData', 'ViewAllData'];

/** High-risk system permissions short of Modify/View All Data (API names without the `Permissions` prefix). */
export const DANGEROUS_PERMISSIONS = [
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
];

const PRIVILEGED = new Set([
  ...ADMIN_EQUIVALENT,
  'ModifyMetadata',
  'CustomizeApplication',
  'ManageUsers',
  'AuthorApex',
  'ManageProfilesPermissionsets',
  'AssignPermissionSets'
]);

export function isPrivileged(holder: PermissionHolder): boolean {
  return holder.userPermissions.some((permission) => PRIVILEGED.has(permission));
}

export function grants(holder: PermissionHolder, permission: string): boolean {
  return holder.userPermissions.includes(permission);
}

/** Ids of active users who hold a privileged profile / permission set / group (live). */
export function privilegedUserIds(snapshot: OrgSnapshot): Set<string> {
  const ids = new Set<string>();
  for (const holder of snapshot.holders) {
    if (isPrivileged(holder)) holder.activeAssigneeIds?.forEach((id) => ids.add(id));
  }
  return ids;
}

export function userLabel(user: SnapshotUser): string {
  return user.username;
}

export function daysBetween(earlier: string, later: string): number {
  return (Date.parse(later) - Date.parse(earlier)) / 86_400_000;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function assigneeNote(holder: PermissionHolder): string {
  return holder.activeAssigneeIds ? ` (${plural(holder.activeAssigneeIds.length, 'active user')})` : '';
}
