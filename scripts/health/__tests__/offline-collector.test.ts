import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { collectMetadataSnapshot } from '../collectors/metadata';
import {
  connectedAppXml,
  groupXml,
  mutingXml,
  objectPermission,
  permissionSetXml,
  profileXml,
  securitySettingsXml,
  SFDX_PROJECT,
  SOURCE,
  userPermission,
  writeTree
} from './core-fixtures';

function sourceFixture(): string {
  return writeTree({
    'sfdx-project.json': SFDX_PROJECT,
    [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml(
      [userPermission('ApiEnabled'), userPermission('ModifyAllData'), userPermission('ViewAllData', false)],
      { custom: false }
    ),
    [`${SOURCE}/profiles/Office.profile-meta.xml`]: profileXml([userPermission('ManageUsers'), objectPermission('Account', true, false)], {
      ipRanges: true
    }),
    [`${SOURCE}/permissionsets/Exporter.permissionset-meta.xml`]: permissionSetXml('Exporter', [
      userPermission('DataExport'),
      userPermission('ViewAllData')
    ]),
    [`${SOURCE}/permissionsets/acme__Managed.permissionset-meta.xml`]: permissionSetXml('Managed', [userPermission('ApiEnabled')]),
    [`${SOURCE}/permissionsetgroups/Ops.permissionsetgroup-meta.xml`]: groupXml('Ops', ['Exporter', 'Missing_Set'], ['Ops_Muting']),
    [`${SOURCE}/mutingpermissionsets/Ops_Muting.mutingpermissionset-meta.xml`]: mutingXml('Ops muting', [userPermission('DataExport')]),
    [`${SOURCE}/connectedApps/Open.connectedApp-meta.xml`]: connectedAppXml('Open', false),
    [`${SOURCE}/settings/Security.settings-meta.xml`]: securitySettingsXml(false)
  });
}

describe('collectMetadataSnapshot (source format)', () => {
  let dir: string;
  beforeAll(() => {
    dir = sourceFixture();
  });

  it('lists enabled grants only, with the line of each grant', async () => {
    const snapshot = await collectMetadataSnapshot(dir);
    const admin = snapshot.holders.find((holder) => holder.name === 'Admin');
    expect(admin?.userPermissions).toEqual(['ApiEnabled', 'ModifyAllData']);
    // Line 1 is the XML declaration, 2 <Profile>, 3 <custom>, 4 <userLicense>, 5.. the first grant.
    expect(admin?.permissionLocations?.ApiEnabled?.line).toBe(5);
    expect(admin?.permissionLocations?.ModifyAllData?.line).toBe(9);
    expect(admin?.permissionLocations?.ModifyAllData?.file).toContain(join('profiles', 'Admin.profile-meta.xml'));
    expect(admin?.custom).toBe(false);
    expect(admin?.loginIpRanges).toEqual([]);
  });

  it('reads login IP ranges, licenses and object-wide access', async () => {
    const snapshot = await collectMetadataSnapshot(dir);
    const office = snapshot.holders.find((holder) => holder.name === 'Office');
    expect(office?.loginIpRanges).toEqual([{ startAddress: '10.0.0.0', endAddress: '10.0.0.255', description: undefined }]);
    expect(office?.license).toBe('Salesforce');
    expect(office?.objectPermissions[0]).toMatchObject({ object: 'Account', viewAllRecords: true, modifyAllRecords: false });
    expect(office?.objectPermissions[0].location?.line).toBeGreaterThan(1);
  });

  it('resolves groups from their members minus muted permissions, and reports missing members', async () => {
    const snapshot = await collectMetadataSnapshot(dir);
    const group = snapshot.holders.find((holder) => holder.type === 'PermissionSetGroup');
    expect(group?.memberPermissionSets).toEqual(['Exporter', 'Missing_Set']);
    expect(group?.mutedPermissions).toEqual(['DataExport']);
    expect(group?.userPermissions).toEqual(['ViewAllData']);
    expect(snapshot.unavailable['PermissionSetGroup.Ops']).toContain('Missing_Set');
    expect(snapshot.holders.find((holder) => holder.name === 'acme__Managed')?.custom).toBe(false);
    expect(snapshot.holders.find((holder) => holder.name === 'Exporter')?.custom).toBe(true);
  });

  it('reads connected apps and maps Security.settings to baseline names', async () => {
    const snapshot = await collectMetadataSnapshot(dir);
    expect(snapshot.connectedApps).toEqual([expect.objectContaining({ name: 'Open', adminApprovedUsersOnly: false, hasOAuth: true })]);
    expect(snapshot.mfaRequiredOrgWide).toBe(false);
    expect(snapshot.settings['SessionSettings.timeout'].value).toBe('TwentyFourHours');
    expect(snapshot.settings['PasswordPolicies.minPasswordLength'].value).toBe(5);
    expect(snapshot.settings['LoginAccessPolicies.adminLoginAsAnyUser'].value).toBe(true);
    expect(snapshot.settings['NetworkSecurity.trustedIpRangesConfigured'].value).toBe(0);
    expect(snapshot.settings['SessionSettings.lockSessionsToDomain'].location?.line).toBeGreaterThan(1);
    expect(snapshot.users).toBeUndefined();
    expect(snapshot.notApplicable?.users).toBe('needs a live org (--target-org)');
    expect(snapshot.unavailable.users).toBeUndefined();
    expect(snapshot.notApplicable?.['CertificateAndKeyManagement.expiredCert']).toMatch(/live org/);
  });
});

describe('collectMetadataSnapshot (Metadata API format)', () => {
  it('reads package.xml folders with profiles/*.profile and settings/*.settings', async () => {
    const dir = writeTree({
      'package.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>61.0</version></Package>\n',
      'profiles/Admin.profile': profileXml([userPermission('ModifyAllData')]),
      'settings/Security.settings': securitySettingsXml(true)
    });
    const snapshot = await collectMetadataSnapshot(dir);
    expect(snapshot.holders.map((holder) => holder.name)).toEqual(['Admin']);
    expect(snapshot.mfaRequiredOrgWide).toBe(true);
    expect(snapshot.settings['NetworkSecurity.trustedIpRangesConfigured'].value).toBe(1);
  });
});

describe('collectMetadataSnapshot errors', () => {
  it('names the file and line of malformed XML', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Broken.profile-meta.xml`]:
        '<?xml version="1.0"?>\n<Profile>\n  <userPermissions>\n    <name>X</nam>\n  </userPermissions>\n</Profile>\n'
    });
    const error = await collectMetadataSnapshot(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/Broken\.profile-meta\.xml:4: invalid XML/);
  });

  it('names the elements left unclosed at the end of a truncated file', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Cut.profile-meta.xml`]: '<?xml version="1.0"?>\n<Profile>\n  <userPermissions>\n    <name>X</name>\n'
    });
    await expect(collectMetadataSnapshot(dir)).rejects.toThrow(
      /Cut\.profile-meta\.xml:\d+: invalid XML: unclosed elements <Profile>, <userPermissions>$/
    );
  });

  it('says so when the folder holds nothing the checks read', async () => {
    const dir = writeTree({ 'sfdx-project.json': SFDX_PROJECT, [`${SOURCE}/classes/Foo.cls`]: 'public class Foo {}' });
    await expect(collectMetadataSnapshot(dir)).rejects.toThrow(/holds nothing the health check reads/);
  });

  it('rejects a folder that does not exist', async () => {
    await expect(collectMetadataSnapshot('/nonexistent/health-dir')).rejects.toThrow(
      /--metadata-dir \/nonexistent\/health-dir is not a directory/
    );
  });
});
