import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../cli';
import { collectMetadataSnapshot } from '../collectors/metadata';
import { runHealthCheck } from '../engine';
import type { HealthCheckResult } from '../result';
import { renderTable } from '../reporters/table';
import {
  connectedAppXml,
  groupXml,
  objectPermission,
  permissionSetXml,
  profileXml,
  securitySettingsXml,
  SFDX_PROJECT,
  SOURCE,
  userPermission,
  writeTree
} from './core-fixtures';
import { junitProblems, sarifProblems } from './report-validators';

jest.setTimeout(60_000);

/** Runs the CLI in-process; returns the exit code and what it wrote. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const collect = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      }
    });
    return { stream, text: () => chunks.join('') };
  };
  const out = collect();
  const err = collect();
  const code = await main(args, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

const NOW = new Date('2026-01-15T00:00:00Z');
const check = async (dir: string): Promise<HealthCheckResult> => runHealthCheck(await collectMetadataSnapshot(dir), { now: NOW });
const ruleOf = (result: HealthCheckResult, id: string) => result.rules.find((rule) => rule.id === id);
const findingsOf = (result: HealthCheckResult, id: string) => result.findings.filter((finding) => finding.ruleId === id);

describe('a broken component of a type the rules do not read', () => {
  it('a static resource without its content file and a malformed flow do not stop the check', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      // A repository that leaves large files out: the -meta.xml is there, the resource is not.
      [`${SOURCE}/staticresources/Big_Bundle.resource-meta.xml`]:
        '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n    <cacheControl>Private</cacheControl>\n    <contentType>application/zip</contentType>\n</StaticResource>\n',
      [`${SOURCE}/documents/Shared/Logo.document-meta.xml`]: '<?xml version="1.0"?>\n<Document><name>Logo</name></Document>\n',
      [`${SOURCE}/flows/Broken.flow-meta.xml`]: '<?xml version="1.0"?>\n<Flow>\n  <label>Broken\n',
      [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')])
    });
    const result = await check(dir);
    expect(findingsOf(result, 'perm.modify-all-data').map((finding) => finding.component.name)).toEqual(['Admin']);
  });
});

describe('two copies of one component', () => {
  let dir: string;
  let result: HealthCheckResult;
  beforeAll(async () => {
    // A source-format repository that also holds stray Metadata API copies.
    dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ModifyAllData'), userPermission('ViewAllData')]),
      [`${SOURCE}/profiles/Admin.profile`]: profileXml([userPermission('ModifyAllData'), userPermission('ViewAllData')]),
      [`${SOURCE}/profiles/Ops.profile-meta.xml`]: profileXml([userPermission('ModifyAllData'), userPermission('ViewAllData')]),
      [`${SOURCE}/permissionsets/Helpdesk.permissionset-meta.xml`]: permissionSetXml('Helpdesk', [userPermission('ApiEnabled')]),
      [`${SOURCE}/permissionsets/Helpdesk.permissionset`]: permissionSetXml('Helpdesk', [userPermission('ModifyAllData')]),
      [`${SOURCE}/settings/Security.settings-meta.xml`]: securitySettingsXml(true),
      [`${SOURCE}/settings/Security.settings`]: securitySettingsXml(false)
    });
    result = await check(dir);
  });

  it('counts each holder once', () => {
    const sprawl = result.rules.find((rule) => rule.id === 'perm.admin-sprawl');
    expect(sprawl?.status).toBe('passed');
    expect(findingsOf(result, 'perm.modify-all-data').map((finding) => finding.component.name)).toEqual(['Admin', 'Ops', 'Helpdesk']);
  });

  it('counts the grants of both copies of a permission set', () => {
    const helpdesk = findingsOf(result, 'perm.modify-all-data').find((finding) => finding.component.name === 'Helpdesk');
    expect(helpdesk?.location?.file).toMatch(/Helpdesk\.permissionset$/);
  });

  it('names both files once per component, settings included', () => {
    const copies = (result.warnings ?? []).filter((warning) => / is in the folder 2 times /.test(warning)).sort();
    expect(copies).toEqual([
      expect.stringMatching(
        /^PermissionSet Helpdesk is in the folder 2 times .*Helpdesk\.permissionset, .*Helpdesk\.permissionset-meta\.xml/
      ),
      expect.stringMatching(/^Profile Admin is in the folder 2 times \(.*profiles\/Admin\.profile, .*profiles\/Admin\.profile-meta\.xml\)/),
      expect.stringMatching(/^Settings Security is in the folder 2 times .*where they differ, the first one listed is used/)
    ]);
    expect(renderTable(result)).toContain('Warning: Profile Admin is in the folder 2 times');
  });
});

describe('coverage: what was not retrieved is not passed', () => {
  let dir: string;
  let result: HealthCheckResult;
  beforeAll(async () => {
    dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      // Retrieved without <userPermissions>: a real Admin profile always lists them.
      [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([objectPermission('Account', false, false)], { custom: false }),
      [`${SOURCE}/profiles/Sales.profile-meta.xml`]: profileXml([userPermission('ApiEnabled')]),
      [`${SOURCE}/permissionsets/Empty.permissionset-meta.xml`]: permissionSetXml('Empty', []),
      [`${SOURCE}/settings/Security.settings-meta.xml`]: securitySettingsXml(true)
    });
    result = await check(dir);
  });

  it('skips the connected app rules with the reason, and the run is incomplete', () => {
    for (const id of ['capp.open-self-authorize', 'capp.ip-relaxation-bypass', 'capp.refresh-token-forever']) {
      expect(ruleOf(result, id)).toMatchObject({ status: 'skipped', reason: `no connected apps in ${dir}`, skipKind: 'incomplete' });
    }
    expect(ruleOf(result, 'psg.not-adopted')).toMatchObject({ status: 'skipped', reason: `no permission set groups in ${dir}` });
    expect(result.complete).toBe(false);
    expect(result.coverage.byReason).toContainEqual({ reason: `no connected apps in ${dir}`, rules: 3 });
  });

  it('names the profiles and permission sets that list no permissions', () => {
    const warning = (result.warnings ?? []).find((text) => text.includes('list no permissions'));
    expect(warning).toContain('Profile Admin (');
    expect(warning).toContain('PermissionSet Empty (');
    expect(warning).not.toContain('Profile Sales');
  });

  it('exits 3 unless --allow-partial; --fail-on still wins with 1', async () => {
    expect((await cli(['-d', dir, '--format', 'json'])).code).toBe(3);
    expect((await cli(['-d', dir, '--format', 'json', '--allow-partial'])).code).toBe(0);
    const withGrant = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')])
    });
    expect((await cli(['-d', withGrant, '--format', 'json', '--fail-on', 'critical'])).code).toBe(1);
  });

  it('a folder without Security.settings skips the settings rules with the reason', async () => {
    const bare = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ApiEnabled')])
    });
    const bareResult = await check(bare);
    expect(ruleOf(bareResult, 'mfa.not-enforced')).toMatchObject({ status: 'skipped', reason: `no Security.settings in ${bare}` });
    expect(ruleOf(bareResult, 'baseline:SessionSettings.timeout')).toMatchObject({ status: 'skipped', skipKind: 'incomplete' });
  });
});

describe('names as the Metadata API encodes them in file names', () => {
  it('decodes %26 and %E2%80%93: the real name in the finding and its key, the file as it is on disk', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/E%26F Staff.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')]),
      [`${SOURCE}/permissionsets/FDS %E2%80%93 Agency.permissionset-meta.xml`]: permissionSetXml('FDS – Agency', [
        userPermission('ViewAllData')
      ]),
      [`${SOURCE}/profiles/100%Sales.profile-meta.xml`]: profileXml([userPermission('ApiEnabled')])
    });
    const snapshot = await collectMetadataSnapshot(dir);
    expect(snapshot.holders.map((holder) => holder.name).sort()).toEqual(['100%Sales', 'E&F Staff', 'FDS – Agency']);
    const result = runHealthCheck(snapshot, { now: NOW });
    const modifyAll = findingsOf(result, 'perm.modify-all-data')[0];
    // The key the live collector builds from Profile.Name.
    expect(modifyAll.key).toBe('perm.modify-all-data:Profile:E&F Staff');
    expect(modifyAll.location?.file).toMatch(/profiles\/E%26F Staff\.profile-meta\.xml$/);
    expect(findingsOf(result, 'perm.view-all-data')[0].key).toBe('perm.view-all-data:PermissionSet:FDS – Agency');
    expect(renderTable(result)).toContain('Profile E&F Staff');
  });

  it('a suppression written with the real name applies', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/E%26F Staff.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')]),
      'suppressions.json': JSON.stringify([
        { ruleId: 'perm.modify-all-data', component: 'E&F Staff', reason: 'break-glass profile, DEC-0007', expires: '2099-01-01' }
      ])
    });
    const run = await cli(['-d', dir, '--format', 'json', '--allow-partial', '--suppressions', join(dir, 'suppressions.json')]);
    const result = JSON.parse(run.stdout) as HealthCheckResult;
    expect(findingsOf(result, 'perm.modify-all-data')[0].status).toBe('accepted');
  });
});

describe('the smaller defects', () => {
  it("a group's object-wide finding points at the member that grants it", async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/permissionsets/Reader.permissionset-meta.xml`]: permissionSetXml('Reader', [objectPermission('Account', false, false)]),
      [`${SOURCE}/permissionsets/Auditor.permissionset-meta.xml`]: permissionSetXml('Auditor', [objectPermission('Account', true, false)]),
      [`${SOURCE}/permissionsetgroups/Audit.permissionsetgroup-meta.xml`]: groupXml('Audit', ['Reader', 'Auditor'])
    });
    const result = await check(dir);
    const group = findingsOf(result, 'perm.object-wide-access').find((finding) => finding.component.type === 'PermissionSetGroup');
    expect(group?.location?.file).toMatch(/Auditor\.permissionset-meta\.xml$/);
  });

  it('"member permission sets not in DIR" is reported in every format, SARIF and JUnit valid', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/permissionsets/Reader.permissionset-meta.xml`]: permissionSetXml('Reader', [userPermission('ApiEnabled')]),
      [`${SOURCE}/permissionsetgroups/Ops.permissionsetgroup-meta.xml`]: groupXml('Ops', ['Reader', 'Managed_Admin'])
    });
    const note = `PermissionSetGroup Ops: member permission sets not in ${dir}: Managed_Admin`;
    for (const format of ['table', 'markdown', 'html', 'json', 'sarif', 'junit']) {
      const run = await cli(['-d', dir, '--format', format, '--allow-partial']);
      expect({ format, shown: run.stdout.includes(note) }).toEqual({ format, shown: true });
      if (format === 'sarif') expect(sarifProblems([run.stdout])).toEqual([]);
      if (format === 'junit') expect(await junitProblems(run.stdout)).toEqual([]);
    }
  });

  it('an XML external entity exits 2 naming the file and line', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Evil.profile-meta.xml`]:
        '<?xml version="1.0"?>\n<!DOCTYPE Profile [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<Profile><userLicense>&secret;</userLicense></Profile>\n'
    });
    const run = await cli(['-d', dir, '--json']);
    expect(run.code).toBe(2);
    const envelope = JSON.parse(run.stdout) as { name: string; message: string };
    expect(envelope.name).toBe('MalformedMetadata');
    expect(envelope.message).toMatch(/Evil\.profile-meta\.xml:2: invalid XML: a DOCTYPE declaration/);
    expect(run.stdout).not.toContain('root:');
  });

  it('a symbolic link loop is skipped with a short note', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ApiEnabled')])
    });
    symlinkSync(join(dir, 'force-app'), join(dir, SOURCE, 'profiles', 'loop'));
    symlinkSync('self', join(dir, SOURCE, 'self'));
    const snapshot = await collectMetadataSnapshot(dir);
    expect(snapshot.holders.map((holder) => holder.name)).toEqual(['Admin']);
    const notes = (snapshot.warnings ?? []).filter((warning) => /symbolic link/.test(warning));
    expect(notes).toEqual([
      'force-app/main/default/profiles/loop was skipped: a symbolic link back to force-app, already read.',
      'force-app/main/default/self was skipped: a symbolic link loop.'
    ]);
    for (const note of notes) expect(note.length).toBeLessThan(120);
  });

  it('a relative --metadata-dir is resolved against the directory the user ran npm in', () => {
    const root = join(__dirname, '..', '..', '..');
    const work = mkdtempSync(join(root, 'tmp-relative-'));
    const sub = join(work, 'ci');
    mkdirSync(sub);
    writeTreeAt(sub, {
      'sfdx-project.json': SFDX_PROJECT,
      [`retrieved/${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')])
    });
    try {
      const run = spawnSync('npm', ['run', '--silent', 'health', '--', '-d', 'retrieved', '--format', 'json', '--allow-partial'], {
        cwd: sub,
        encoding: 'utf8',
        timeout: 90_000
      });
      expect(run.stderr).not.toMatch(/not a directory/);
      const result = JSON.parse(run.stdout) as HealthCheckResult;
      // The file as the user sees it from where they ran the command.
      expect(findingsOf(result, 'perm.modify-all-data')[0].location?.file).toBe(
        join('retrieved', SOURCE, 'profiles', 'Admin.profile-meta.xml')
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('OAuth policy rules', () => {
  const ECA = 'force-app/main/default';
  const appWithPolicy = (label: string, ip: string, refresh: string) =>
    connectedAppXml(label, true).replace(
      '</ConnectedApp>',
      `    <oauthPolicy>\n        <ipRelaxation>${ip}</ipRelaxation>\n        <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>\n        <refreshTokenPolicy>${refresh}</refreshTokenPolicy>\n    </oauthPolicy>\n</ConnectedApp>`
    );
  const ecaPolicy = (app: string, ip: string, refresh: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>${app}</externalClientApplication>\n    <ipRelaxationPolicyType>${ip}</ipRelaxationPolicyType>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n    <label>${app}</label>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n    <refreshTokenPolicyType>${refresh}</refreshTokenPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n`;

  it('fire on BYPASS / infinite, at the policy line, for connected and external client apps', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/connectedApps/Loose.connectedApp-meta.xml`]: appWithPolicy('Loose', 'BYPASS', 'infinite'),
      [`${SOURCE}/connectedApps/Strict.connectedApp-meta.xml`]: appWithPolicy('Strict', 'ENFORCE', 'specific_lifetime'),
      [`${ECA}/externalClientApps/Partner.eca-meta.xml`]:
        '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n    <contactEmail>it@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Partner</label>\n</ExternalClientApplication>\n',
      [`${ECA}/extlClntAppOauthPolicies/Partner_oauthPlcy.ecaOauthPlcy-meta.xml`]: ecaPolicy('Partner', 'Bypass_2factor', 'Infinite')
    });
    const result = await check(dir);
    const ip = findingsOf(result, 'capp.ip-relaxation-bypass');
    expect(ip.map((finding) => [finding.component.type, finding.component.name, finding.severity])).toEqual([
      ['ConnectedApp', 'Loose', 'high'],
      ['ExternalClientApplication', 'Partner', 'medium']
    ]);
    expect(ip[0].location?.line).toBe(11);
    const refresh = findingsOf(result, 'capp.refresh-token-forever');
    expect(refresh.map((finding) => finding.component.name)).toEqual(['Loose', 'Partner']);
    expect(refresh[1].location?.file).toMatch(/Partner_oauthPlcy\.ecaOauthPlcy-meta\.xml$/);
    expect(refresh[1].location?.line).toBe(8);
  });

  it('stay silent on enforced policies and expiring tokens', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/connectedApps/Strict.connectedApp-meta.xml`]: appWithPolicy('Strict', 'ENFORCE', 'specific_inactivity'),
      [`${SOURCE}/connectedApps/NoPolicy.connectedApp-meta.xml`]: connectedAppXml('NoPolicy', true),
      [`${ECA}/extlClntAppOauthPolicies/Partner_oauthPlcy.ecaOauthPlcy-meta.xml`]: ecaPolicy(
        'Partner',
        'Enforce_RelaxRefresh',
        'SpecificLifetime'
      )
    });
    const result = await check(dir);
    expect(ruleOf(result, 'capp.ip-relaxation-bypass')?.status).toBe('passed');
    expect(ruleOf(result, 'capp.refresh-token-forever')?.status).toBe('passed');
  });

  it('live: skipped with the reason when the API does not expose the policy, judged when it does', async () => {
    const { ipRelaxationBypass, refreshTokenForever } = await import('../rules/oauthPolicy');
    const { defaultRuleOptions } = await import('../rules');
    const context = { options: defaultRuleOptions() };
    const hidden = {
      source: 'org' as const,
      takenAt: NOW.toISOString(),
      holders: [],
      settings: {},
      connectedApps: [{ name: 'Loose' }],
      unavailable: { 'ConnectedApp.ipRelaxation': 'ConnectedApplication has no OAuth policy fields in this API version' }
    };
    expect(ipRelaxationBypass.evaluate(hidden, context)).toEqual({
      skipped: 'ConnectedApplication has no OAuth policy fields in this API version'
    });
    const exposed = {
      ...hidden,
      connectedApps: [
        { name: 'Loose', ipRelaxation: 'BYPASS', refreshTokenPolicy: 'infinite' },
        { name: 'SF', ipRelaxation: 'BYPASS', salesforceProvided: true }
      ]
    };
    expect(ipRelaxationBypass.evaluate(exposed, context)).toMatchObject({ hits: [{ component: { type: 'ConnectedApp', name: 'Loose' } }] });
    expect(refreshTokenForever.evaluate(exposed, context)).toMatchObject({ hits: [{ component: { name: 'Loose' } }] });
  });
});

function writeTreeAt(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}
