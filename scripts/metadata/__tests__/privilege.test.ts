import { resolve } from 'node:path';
import { collectMetadataSnapshot } from '../../health/collectors/metadata';
import { runHealthCheck } from '../../health/engine';
import { ADMIN_EQUIVALENT, DANGEROUS_PERMISSIONS } from '../../health/privileges';
import { loadPermissionSets } from '../metadataModel';

describe('least privilege: what we ship passes our own health check', () => {
  it('no permission set or group of ours has a finding', async () => {
    const snapshot = await collectMetadataSnapshot(resolve(__dirname, '..', '..', '..', 'force-app'));
    expect(snapshot.holders.map((holder) => holder.name).sort()).toEqual([
      'Ownership_Console_Admin',
      'Ownership_Console_Administrators',
      'Ownership_Console_Auditor',
      'Ownership_Console_Auditors',
      'Ownership_Console_Health_Runner',
      'Ownership_Console_Members',
      'Ownership_Console_User'
    ]);
    const result = runHealthCheck(snapshot);
    expect(result.findings).toEqual([]);
    expect(
      result.rules.filter((rule) => rule.id.startsWith('perm.') || rule.id.startsWith('psg.')).every((rule) => rule.status === 'passed')
    ).toBe(true);
  });

  it('no permission set grants a permission the health check flags, or View All / Modify All records', () => {
    const flagged = new Set([...ADMIN_EQUIVALENT, ...DANGEROUS_PERMISSIONS, 'BypassMFAForUiLogins']);
    for (const set of loadPermissionSets().values()) {
      const granted = (set.userPermissions ?? [])
        .filter((permission) => permission.enabled === 'true')
        .map((permission) => permission.name);
      expect({ set: set.name, flagged: granted.filter((name) => flagged.has(name)) }).toEqual({ set: set.name, flagged: [] });
      expect(
        (set.objectPermissions ?? []).filter((permission) => permission.viewAllRecords === 'true' || permission.modifyAllRecords === 'true')
      ).toEqual([]);
    }
  });
});
