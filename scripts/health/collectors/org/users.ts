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
  namedIds: () => Promise<string[]>
): Promise<SnapshotUser[]> {
  const queries = [
    `IsActive = true AND UserType = 'Standard' AND (LastLoginDate < LAST_N_DAYS:${DORMANT_CANDIDATE_DAYS} OR LastLoginDate = null)`,
    `IsActive = true AND (Profile.Name = 'System Administrator' OR Profile.UserLicense.Name LIKE '%Integration%')`,
    ...(privileged ? [privileged] : [])
  ];
  const byId = new Map<string, SnapshotUser>();
  const add = (rows: Array<Parameters<typeof toUser>[0]>) => rows.forEach((row) => byId.set(row.id, toUser(row)));
  await Promise.all(queries.map(async (where) => add(await reader.rows(USER, where))));
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
