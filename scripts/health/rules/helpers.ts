import { isPrivileged } from '../privileges';
import { LIVE_ONLY } from '../reasons';
import type { OrgSnapshot, PermissionHolder, SnapshotPart, SnapshotSource, SnapshotUser } from '../snapshot';
import type { RuleEvaluation } from './types';

// The rules read the shared lists through here; collectors import ../privileges and ../reasons directly.
export { ADMIN_EQUIVALENT, DANGEROUS_PERMISSIONS, isPrivileged } from '../privileges';
export { LIVE_ONLY };

/** Rules whose data exists in retrieved metadata as well as in the org. */
export const ANY_MODE: readonly SnapshotSource[] = ['org', 'metadata'];
export const LIVE_MODE: readonly SnapshotSource[] = ['org'];

const HELP = 'https://help.salesforce.com/s/articleView?type=5&id=';
/** Salesforce Help article URL by its id (e.g. `sf.security_health_check.htm`). */
export function help(articleId: string): string {
  return `${HELP}${articleId}`;
}

/** The snapshot parts that are collections on the snapshot itself: undefined is unknown, [] known empty. */
type LiveKey = Extract<SnapshotPart, keyof OrgSnapshot>;

/** The reason to skip when the snapshot lacks any of these collections (undefined = unknown, [] = known empty). */
export function missing(snapshot: OrgSnapshot, ...keys: LiveKey[]): RuleEvaluation | undefined {
  for (const key of keys) {
    if (snapshot[key] === undefined) return { skipped: snapshot.unavailable[key] ?? snapshot.notApplicable?.[key] ?? LIVE_ONLY };
  }
  return undefined;
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
