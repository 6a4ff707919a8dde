import type { LoginIpRange } from '../../health/snapshot';
import type { StoredRecord } from '../types';

const DAY = 86_400_000;

/** Ids shaped like Salesforce's (3-char key prefix, 18 chars), stable for a prefix and number. */
export function sfId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

/** Dates relative to a fixed "now", so a dataset is the same on every machine for the same clock. */
export function clock(now: Date) {
  return {
    daysAgo: (days: number): string => new Date(now.getTime() - days * DAY).toISOString().replace(/\.\d{3}Z$/, '.000+0000'),
    dateDaysAgo: (days: number): string => new Date(now.getTime() - days * DAY).toISOString().slice(0, 10),
    dateIn: (days: number): string => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10)
  };
}

/** The user permission fields of PermissionSet/Profile records, all false unless granted. */
export const PERMISSION_FIELDS = [
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsManageUsers',
  'PermissionsAuthorApex',
  'PermissionsCustomizeApplication',
  'PermissionsModifyMetadata',
  'PermissionsAssignPermissionSets',
  'PermissionsResetPasswords',
  'PermissionsPasswordNeverExpires',
  'PermissionsDataExport',
  'PermissionsBulkApiHardDelete',
  'PermissionsViewAllUsers',
  'PermissionsManageSharing',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsBypassMFAForUiLogins',
  'PermissionsApiEnabled',
  'PermissionsApiUserOnly',
  'PermissionsViewSetup',
  'PermissionsMonitorLoginHistory',
  'PermissionsRunReports'
] as const;

export function permissionSet(fields: Partial<StoredRecord> & { Id: string; Name: string }, grants: string[]): StoredRecord {
  const record: StoredRecord = {
    Label: fields.Name.replace(/_/g, ' '),
    IsOwnedByProfile: false,
    ProfileId: null,
    IsCustom: true,
    Type: 'Regular',
    PermissionSetGroupId: null,
    NamespacePrefix: null,
    ...fields
  };
  for (const field of PERMISSION_FIELDS) record[field] = grants.includes(field.replace(/^Permissions/, ''));
  return record;
}

/**
 * The Tooling API's view of a profile: same id, with its `Metadata` (ProfileMetadata) holding the
 * login IP ranges and hours that no sObject field exposes.
 */
export function toolingProfile(profile: StoredRecord, loginIpRanges: LoginIpRange[] = []): StoredRecord {
  return {
    Id: profile.Id,
    Name: profile.Name,
    Metadata: { loginHours: null, loginIpRanges: loginIpRanges.map((range) => ({ description: null, ...range })) }
  };
}
