import type { SnapshotUser } from '../../snapshot';
import { declare, field } from './declare';
import { grantsAny } from './permissions';
import type { Reader } from './reader';

export const USER = declare({
  object: 'User',
  parts: ['users'],
  grant: 'View Setup and Configuration',
  shape: {
    id: field.id(),
    username: field.required('Username'),
    name: field.text('Name'),
    email: field.text('Email'),
    isActive: field.flag('IsActive'),
    profileName: field.text('Profile.Name'),
    userType: field.text('UserType'),
    licenseName: field.text('Profile.UserLicense.Name'),
    lastLoginDate: field.text('LastLoginDate'),
    createdDate: field.text('CreatedDate')
  }
});

/** Users who hold any of these permissions, through a profile, a permission set or a group (a semi-join on their assignments). */
export function holdersOf(permissionFields: readonly string[], idField: string): string {
  return `${idField} IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE Assignee.IsActive = true AND ${grantsAny(permissionFields, 'PermissionSet.')})`;
}

/**
 * The same, naming the privileged permission sets (profile-owned and group aggregates included) by
 * id when they are few: the org filters its assignments on an indexed lookup instead of a long OR.
 */
export function privilegedScope(idField: string, setIds: readonly string[], permissionFields: readonly string[]): string {
  if (setIds.length === 0 || setIds.length > 300) return holdersOf(permissionFields, idField);
  return `${idField} IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE Assignee.IsActive = true AND PermissionSetId IN (${setIds.map((id) => `'${id}'`).join(', ')}))`;
}

/** Active users a partition of a users read aims at: about ten pages of the whole profile, fewer of the users read. */
const USERS_PER_PARTITION = 40_000;
/** As many partitions as a Composite call takes queries: their pages then go out together. */
const MAX_PARTITIONS = 5;

/**
 * Splits a large org's users reads into ranges of ProfileId, balanced by the active users of each
 * profile (the GROUP BY already read), so that their pages are read side by side, several to a
 * Composite call, rather than one after another in a single chain. Each range starts where the
 * previous one ends, the first without a lower bound and the last without an upper one: every user
 * falls in one of them whatever order the org compares ids in (in a different order, some in two,
 * which the read by id merges). Answers no partition (the whole read) for a smaller org.
 */
export function profileRanges(
  activeUsersByProfile: ReadonlyArray<{ profileId?: string; users: number }>,
  field = 'ProfileId',
  usersPerPartition = USERS_PER_PARTITION
): string[] {
  const profiles = activeUsersByProfile
    .filter((row): row is { profileId: string; users: number } => Boolean(row.profileId))
    .sort((a, b) => (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0));
  const total = profiles.reduce((sum, row) => sum + row.users, 0);
  const partitions = Math.min(MAX_PARTITIONS, Math.ceil(total / usersPerPartition), profiles.length);
  if (partitions < 2) return [];
  const starts: string[] = [];
  let seen = 0;
  for (const row of profiles) {
    // A new range starts at the first profile past each k-th share of the users.
    if (starts.length < partitions - 1 && seen >= (total * (starts.length + 1)) / partitions) starts.push(row.profileId);
    seen += row.users;
  }
  return starts
    .map((start, i) => {
      const below = `${field} < '${start}'`;
      return i === 0 ? below : `${field} >= '${starts[i - 1]}' AND ${below}`;
    })
    .concat(starts.length > 0 ? [`${field} >= '${starts[starts.length - 1]}'`] : []);
}

/** A day more than the rules' default dormancy (90 days), so no user the rule would flag is left out. */
const DORMANT_CANDIDATE_DAYS = 89;

/**
 * The users the rules judge, not all users: dormant candidates, System Administrators and
 * integration-licensed users, holders of any permission the rules read, and the people the
 * governance records name. In a 200,000-user org that is a small part of the User table.
 */
export async function readUsers(
  reader: Reader,
  privileged: string | undefined,
  namedIds: () => Promise<string[]>,
  partitions: readonly string[] = []
): Promise<SnapshotUser[]> {
  const byId = new Map<string, SnapshotUser>();
  const add = (rows: Array<Parameters<typeof toUser>[0]>) => rows.forEach((row) => byId.set(row.id, toUser(row)));
  const reads = await Promise.all([
    reader.rowsInRanges(
      USER,
      `IsActive = true AND UserType = 'Standard' AND (LastLoginDate < LAST_N_DAYS:${DORMANT_CANDIDATE_DAYS} OR LastLoginDate = null)`,
      partitions
    ),
    // Administrators and integration users are few: one read.
    reader.rows(USER, `IsActive = true AND (Profile.Name = 'System Administrator' OR Profile.UserLicense.Name LIKE '%Integration%')`),
    ...(privileged ? [reader.rowsInRanges(USER, privileged, partitions)] : [])
  ]);
  reads.forEach(add);
  const missing = (await namedIds()).filter((id) => !byId.has(id));
  for (const chunk of idChunks(missing)) add(await reader.rows(USER, `Id IN (${chunk.map((id) => `'${id}'`).join(', ')})`));
  return [...byId.values()];
}

function toUser(row: {
  id: string;
  username: string;
  name?: string;
  email?: string;
  isActive: boolean;
  profileName?: string;
  userType?: string;
  licenseName?: string;
  lastLoginDate?: string;
  createdDate?: string;
}): SnapshotUser {
  return {
    id: row.id,
    username: row.username,
    name: row.name ?? row.username,
    email: row.email,
    isActive: row.isActive,
    profileName: row.profileName ?? '',
    userType: row.userType ?? 'Standard',
    licenseName: row.licenseName,
    lastLoginDate: row.lastLoginDate,
    createdDate: row.createdDate
  };
}

/** Record ids a few hundred at a time, so an `Id IN (...)` query stays far under the URI limit. */
export function idChunks(ids: string[], size = 300): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}
