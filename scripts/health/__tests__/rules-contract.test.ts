import { collectMetadataSnapshot } from '../collectors/metadata';
import { runHealthCheck } from '../engine';
import { LIVE_ONLY } from '../reasons';
import { CORE_RULES, defaultRuleOptions } from '../rules';
import type { OrgSnapshot, SnapshotPart } from '../snapshot';
import {
  liveSnapshot,
  connectedAppXml,
  groupXml,
  permissionSetXml,
  profileXml,
  securitySettingsXml,
  SFDX_PROJECT,
  SOURCE,
  userPermission,
  writeTree
} from './core-fixtures';

// The engine trusts what a rule declares (the Core contract): `reads` decides which unreadable part
// skips it, `modes` where it applies. These hold the declarations to what the rules actually do.

const OPTIONAL_PARTS: Array<keyof OrgSnapshot & SnapshotPart> = [
  'connectedApps',
  'users',
  'assignments',
  'logins',
  'auditTrail',
  'governanceAreas',
  'risks',
  'decisions',
  'integrations',
  'findings',
  'mfaRequiredOrgWide'
];
const options = defaultRuleOptions();

describe.each(CORE_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it('declares every snapshot part it needs: any other part may be unknown without it skipping', () => {
    for (const part of OPTIONAL_PARTS.filter((candidate) => !rule.reads.includes(candidate))) {
      const snapshot = liveSnapshot({ mfaRequiredOrgWide: true, [part]: undefined });
      expect({ part, evaluation: rule.evaluate(snapshot, { options }) }).toEqual({ part, evaluation: { hits: expect.any(Array) } });
    }
  });

  it('is skipped, with the collector reason, when a part it reads could not be read', () => {
    for (const part of rule.reads) {
      const result = runHealthCheck(liveSnapshot({ mfaRequiredOrgWide: true, unavailable: { [part]: `no ${part}` } }), { rules: [rule] });
      expect({ part, status: result.rules[0].status, reason: result.rules[0].reason }).toEqual({
        part,
        status: 'skipped',
        reason: `no ${part}`
      });
    }
  });
});

describe('modes say where a rule has its data', () => {
  let offline: OrgSnapshot;
  beforeAll(async () => {
    offline = await collectMetadataSnapshot(
      writeTree({
        'sfdx-project.json': SFDX_PROJECT,
        [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')]),
        [`${SOURCE}/permissionsets/Ops.permissionset-meta.xml`]: permissionSetXml('Ops', [userPermission('ManageUsers')]),
        [`${SOURCE}/settings/Security.settings-meta.xml`]: securitySettingsXml(false),
        // Every type the offline rules read is retrieved: a type that is not makes its rules incomplete instead.
        [`${SOURCE}/permissionsetgroups/Ops_Group.permissionsetgroup-meta.xml`]: groupXml('Ops Group', ['Ops']),
        [`${SOURCE}/connectedApps/Ops_App.connectedApp-meta.xml`]: connectedAppXml('Ops App', false)
      })
    );
  });

  it.each(CORE_RULES.map((rule) => [rule.id, rule] as const))(
    '%s runs offline exactly when retrieved metadata holds its data',
    (_id, rule) => {
      const direct = rule.evaluate(offline, { options });
      const needsOrg = 'skipped' in direct && direct.skipped === LIVE_ONLY;
      expect(rule.modes.includes('metadata')).toBe(!needsOrg);
      expect(rule.modes.includes('org')).toBe(true);
      const [result] = runHealthCheck(offline, { rules: [rule] }).rules;
      expect(result.skipKind).toBe(needsOrg ? 'not-applicable' : undefined);
    }
  );
});
