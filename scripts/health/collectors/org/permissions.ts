import { ADMIN_EQUIVALENT, DANGEROUS_PERMISSIONS } from '../../privileges';

/**
 * The system permissions the rules read (API names without `Permissions`): a real org has about 550,
 * and selecting them all would pass Salesforce's URI limit. A rule that reads a new permission adds it here.
 */
export const PERMISSIONS_READ: readonly string[] = [
  ...new Set([
    ...ADMIN_EQUIVALENT,
    ...DANGEROUS_PERMISSIONS,
    'BypassMFAForUiLogins',
    'ApiUserOnly',
    'PasswordNeverExpires',
    'MonitorLoginHistory',
    'ManageUsers'
  ])
];

/** Either lets a user read every user's LoginHistory; anyone else sees their own logins only. */
export const LOGIN_HISTORY_PERMISSIONS = ['MonitorLoginHistory', 'ManageUsers'];

/** `PermissionsX = true OR ...` over the given fields, optionally through a relationship (`PermissionSet.`). */
export function grantsAny(fields: readonly string[], via = ''): string {
  return `(${fields.map((name) => `${via}${name} = true`).join(' OR ')})`;
}
