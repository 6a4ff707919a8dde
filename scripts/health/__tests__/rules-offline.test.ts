import { collectMetadataSnapshot } from '../collectors/metadata';
import { CORE_RULES, defaultRuleOptions } from '../rules';
import type { RuleEvaluation } from '../rules/types';
import type { OrgSnapshot } from '../snapshot';
import {
  connectedAppXml,
  holder,
  liveSnapshot,
  objectPermission,
  permissionSetXml,
  profileXml,
  securitySettingsXml,
  SFDX_PROJECT,
  SOURCE,
  userPermission,
  writeTree
} from './core-fixtures';

const options = defaultRuleOptions();

const MANIFEST_WITH_GROUPS = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
  ...['Profile', 'PermissionSet', 'PermissionSetGroup', 'ConnectedApp'].map(
    (type) => `    <types>\n        <members>*</members>\n        <name>${type}</name>\n    </types>`
  ),
  '    <version>61.0</version>',
  '</Package>',
  ''
].join('\n');

function run(id: string, snapshot: OrgSnapshot): RuleEvaluation {
  const rule = CORE_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.evaluate(snapshot, { options });
}

function names(evaluation: RuleEvaluation): string[] {
  if ('skipped' in evaluation) throw new Error(`skipped: ${evaluation.skipped}`);
  return evaluation.hits.map((hit) => hit.component.name);
}

describe('offline rules on metadata fixtures', () => {
  let risky: OrgSnapshot;
  let safe: OrgSnapshot;

  beforeAll(async () => {
    risky = await collectMetadataSnapshot(
      writeTree({
        'sfdx-project.json': SFDX_PROJECT,
        // The retrieve asked for groups and got none: the org has no group (not "not retrieved").
        'manifest/package.xml': MANIFEST_WITH_GROUPS,
        [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml(
          [userPermission('ModifyAllData'), userPermission('ViewAllData'), userPermission('ManageUsers')],
          { custom: false }
        ),
        [`${SOURCE}/profiles/Fenced_Admin.profile-meta.xml`]: profileXml([userPermission('ModifyAllData'), userPermission('ViewAllData')], {
          ipRanges: true
        }),
        [`${SOURCE}/profiles/Sales.profile-meta.xml`]: profileXml([
          userPermission('ApiEnabled'),
          userPermission('ModifyAllData', false),
          objectPermission('Opportunity', false, true)
        ]),
        [`${SOURCE}/permissionsets/Bypass.permissionset-meta.xml`]: permissionSetXml('Bypass', [userPermission('BypassMFAForUiLogins')]),
        [`${SOURCE}/permissionsets/Auditor.permissionset-meta.xml`]: permissionSetXml('Auditor', [
          userPermission('ViewAllData'),
          userPermission('DataExport')
        ]),
        [`${SOURCE}/permissionsets/Reader.permissionset-meta.xml`]: permissionSetXml('Reader', [
          userPermission('BypassMFAForUiLogins', false),
          objectPermission('Account', false, false)
        ]),
        [`${SOURCE}/connectedApps/Open.connectedApp-meta.xml`]: connectedAppXml('Open', false),
        [`${SOURCE}/connectedApps/Default.connectedApp-meta.xml`]: connectedAppXml('Default', undefined),
        [`${SOURCE}/connectedApps/Locked.connectedApp-meta.xml`]: connectedAppXml('Locked', true),
        [`${SOURCE}/settings/Security.settings-meta.xml`]: securitySettingsXml(false)
      })
    );
    safe = await collectMetadataSnapshot(
      writeTree({
        'sfdx-project.json': SFDX_PROJECT,
        [`${SOURCE}/profiles/Standard.profile-meta.xml`]: profileXml(
          [userPermission('ApiEnabled'), userPermission('ModifyAllData', false), objectPermission('Account', false, false)],
          { custom: false }
        ),
        [`${SOURCE}/permissionsets/Reader.permissionset-meta.xml`]: permissionSetXml('Reader', [userPermission('ViewAllData', false)]),
        [`${SOURCE}/permissionsetgroups/Readers.permissionsetgroup-meta.xml`]:
          '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSetGroup xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Readers</label>\n    <permissionSets>Reader</permissionSets>\n</PermissionSetGroup>\n',
        [`${SOURCE}/connectedApps/Locked.connectedApp-meta.xml`]: connectedAppXml('Locked', true),
        [`${SOURCE}/settings/Security.settings-meta.xml`]: securitySettingsXml(true)
      })
    );
  });

  it('perm.modify-all-data fires on enabled grants only, at the grant line', () => {
    expect(names(run('perm.modify-all-data', risky))).toEqual(['Admin', 'Fenced_Admin']);
    const evaluation = run('perm.modify-all-data', risky);
    expect('hits' in evaluation && evaluation.hits[0].location?.line).toBe(5);
    expect(names(run('perm.modify-all-data', safe))).toEqual([]);
  });

  it('perm.view-all-data', () => {
    expect(names(run('perm.view-all-data', risky))).toEqual(['Admin', 'Fenced_Admin', 'Auditor']);
    expect(names(run('perm.view-all-data', safe))).toEqual([]);
  });

  it('perm.dangerous lists each holder once with its high-risk permissions', () => {
    const evaluation = run('perm.dangerous', risky);
    expect(names(evaluation)).toEqual(['Admin', 'Auditor']);
    expect('hits' in evaluation && evaluation.hits[1].detail).toContain('DataExport');
    expect(names(run('perm.dangerous', safe))).toEqual([]);
  });

  it('perm.object-wide-access', () => {
    const evaluation = run('perm.object-wide-access', risky);
    expect(names(evaluation)).toEqual(['Sales']);
    expect('hits' in evaluation && evaluation.hits[0].detail).toContain('Opportunity (Modify All)');
    expect(names(run('perm.object-wide-access', safe))).toEqual([]);
  });

  it('perm.admin-sprawl counts grants offline against the threshold', () => {
    const rule = CORE_RULES.find((candidate) => candidate.id === 'perm.admin-sprawl');
    const strict = rule?.evaluate(risky, { options: { ...options, adminSprawlThreshold: 2 } });
    expect(strict && 'hits' in strict && strict.hits[0].detail).toMatch(/^3 profiles, permission sets and groups grant/);
    expect(names(run('perm.admin-sprawl', risky))).toEqual([]);
  });

  it('profile.no-login-ip-ranges skips profiles that have ranges', () => {
    expect(names(run('profile.no-login-ip-ranges', risky))).toEqual(['Admin']);
    expect(names(run('profile.no-login-ip-ranges', safe))).toEqual([]);
  });

  it('profile.sprawl flags custom profiles holding permissions that belong in permission sets', () => {
    expect(names(run('profile.sprawl', risky))).toEqual(['Fenced_Admin']);
    expect(names(run('profile.sprawl', safe))).toEqual([]);
  });

  it('psg.not-adopted offline: many permission sets and no group', () => {
    expect(names(run('psg.not-adopted', risky))).toEqual(['Organization']);
    expect(names(run('psg.not-adopted', safe))).toEqual([]);
  });

  it('psg.not-adopted offline is skipped, not failed, when groups were not retrieved', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      ...Object.fromEntries(
        ['A', 'B', 'C'].map((name) => [
          `${SOURCE}/permissionsets/${name}.permissionset-meta.xml`,
          permissionSetXml(name, [userPermission('ApiEnabled')])
        ])
      )
    });
    const snapshot = await collectMetadataSnapshot(dir);
    expect(run('psg.not-adopted', snapshot)).toEqual({ skipped: `no permission set groups in ${dir}` });
  });

  it('mfa.not-enforced and mfa.bypass-granted', () => {
    expect(names(run('mfa.not-enforced', risky))).toEqual(['Security']);
    expect(names(run('mfa.not-enforced', safe))).toEqual([]);
    expect(names(run('mfa.bypass-granted', risky))).toEqual(['Bypass']);
    expect(names(run('mfa.bypass-granted', safe))).toEqual([]);
  });

  it('mfa rules skip with the reason when the data is not there', () => {
    const bare = liveSnapshot({
      unavailable: {
        PermissionsBypassMFAForUiLogins: 'PermissionsBypassMFAForUiLogins is not in this org',
        mfaRequiredOrgWide: 'no Security.settings'
      }
    });
    expect(run('mfa.bypass-granted', bare)).toEqual({ skipped: 'PermissionsBypassMFAForUiLogins is not in this org' });
    expect(run('mfa.not-enforced', bare)).toEqual({ skipped: 'no Security.settings' });
  });

  it('capp.open-self-authorize: explicit false and the default both fire; admin-approved is silent', () => {
    expect(names(run('capp.open-self-authorize', risky)).sort()).toEqual(['Default', 'Open']);
    expect(names(run('capp.open-self-authorize', safe))).toEqual([]);
  });

  it('live-only rules skip offline with the reason', () => {
    for (const id of [
      'mfa.logins-without-mfa',
      'user.shared-integration-user',
      'user.dormant',
      'user.too-many-admins',
      'audit.privilege-change',
      'audit.unreviewed-changes',
      'capp.unowned-integration',
      'gov.area-no-accountable',
      'gov.review-overdue',
      'gov.finding-mttr-breached'
    ]) {
      expect(run(id, risky)).toEqual({ skipped: 'needs a live org (--target-org)' });
    }
  });

  it('live: admin sprawl counts people, not grants', () => {
    const snapshot = liveSnapshot({
      holders: [
        holder('Profile', 'Admin', ['ModifyAllData'], { activeAssigneeIds: ['u1', 'u2', 'u3'] }),
        holder('PermissionSet', 'Auditor', ['ViewAllData'], { activeAssigneeIds: ['u3', 'u4', 'u5', 'u6'] })
      ]
    });
    const evaluation = run('perm.admin-sprawl', snapshot);
    expect('hits' in evaluation && evaluation.hits[0].detail).toMatch(/^6 active users hold/);
    const modify = run('perm.modify-all-data', snapshot);
    expect('hits' in modify && modify.hits[0].detail).toBe('Profile Admin grants Modify All Data (3 active users).');
  });
});
