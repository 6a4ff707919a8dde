import type { PermissionHolder } from './snapshot';

// The one list of privileged system permissions: the rules judge holders by it and the live collector
// picks the profiles whose login IP ranges it reads by it, so both always mean the same permissions.

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
