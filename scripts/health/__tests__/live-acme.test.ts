import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../emulator/datasets';
import { PROJECT_ROOT, STACK_LINE, startLiveOrg, type LiveOrg } from '../../test-support/liveOrg';
import type { HealthCheckResult } from '../result';

jest.setTimeout(120_000);

const LIVE_ONLY_RULES = [
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
];

describe('live health check through the real sf login into the emulated org "Acme"', () => {
  let org: LiveOrg;
  let result: HealthCheckResult;
  let output: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
    org.emulator.calls.reset(); // what the sf login itself called is not ours to count
    output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--json']);
    result = (JSON.parse(output.stdout) as { result: HealthCheckResult }).result;
  });
  afterAll(() => org?.stop());

  it('runs live and gives every live-only rule something to find', () => {
    expect(output.code).toBe(0);
    expect(result.source).toBe('org');
    expect(result.orgId).toBe(org.emulator.orgId);
    const byId = new Map(result.rules.map((rule) => [rule.id, rule]));
    for (const id of LIVE_ONLY_RULES) expect(byId.get(id)?.status).toBe('failed');
  });

  it("runs every rule live, reading login IP ranges from the privileged profiles' metadata", () => {
    expect(result.rules.filter((rule) => rule.status === 'skipped')).toEqual([]);
    const unfenced = result.findings
      .filter((finding) => finding.ruleId === 'profile.no-login-ip-ranges')
      .map((finding) => finding.component.name);
    // Legacy Partner Admin holds View All Data but is fenced to the partner VPN; the admin profile is not.
    expect(unfenced).toEqual(['System Administrator']);
  });

  it('judges what Salesforce documents: MFA from VerificationHistory, settings from SecuritySettings and labelled Health Check rows', () => {
    expect(result.complete).toBe(true);
    expect(result.coverage.skipped).toBe(0);
    expect(result.salesforceScore).toBe(61);
    // Native logins carry no AuthMethodReference: only the admins with no recorded verification are named, not everyone.
    const withoutMfa = result.findings
      .filter((finding) => finding.ruleId === 'mfa.logins-without-mfa')
      .map((finding) => finding.component.name);
    expect(withoutMfa.sort()).toEqual(['contractor.admin@acme.example', 'omar.ops@acme.example', 'sam.sandbox@acme.example.uat']);
    const baseline = new Set(result.findings.filter((finding) => finding.ruleId.startsWith('baseline:')).map((finding) => finding.ruleId));
    // From Tooling SecuritySettings.Metadata, as offline from Security.settings:
    expect(baseline).toContain('baseline:SessionSettings.lockSessionsToDomain');
    expect(baseline).toContain('baseline:Identity.mfaEnabled');
    // Only the Health Check knows these; its DurableIds are opaque, so they were matched by label.
    expect(baseline).toContain('baseline:RemoteSiteSettings.remoteSiteSettings');
    expect(baseline).toContain('baseline:AdminUsers.activeSystemAdministratorCount');
    expect(result.rules.find((rule) => rule.id === 'baseline:SharingSettings.orgWideDefaults')?.status).toBe('passed');
  });

  it("leaves Salesforce's own connected apps out and reads External Client Apps and apps seen in OAuth tokens", () => {
    const apps = (ruleId: string) =>
      result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.component.name);
    for (const ruleId of ['capp.open-self-authorize', 'capp.unowned-integration']) {
      expect(apps(ruleId)).not.toEqual(expect.arrayContaining(['Salesforce_CLI']));
      expect(apps(ruleId).some((name) => /^Salesforce/.test(name))).toBe(false);
    }
    expect(apps('capp.open-self-authorize')).toEqual(expect.arrayContaining(['Marketing_Sync', 'Partner_Portal_Sync']));
    // Integration__c names MuleSoft_Integration by API name: owned. Old Survey App is known only from its users' tokens.
    expect(apps('capp.unowned-integration')).not.toContain('MuleSoft_Integration');
    expect(apps('capp.unowned-integration')).toEqual(expect.arrayContaining(['Old Survey App', 'Partner_Portal_Sync']));
  });

  it('routes each finding to the Accountable of its area', () => {
    const adminGrant = result.findings.find((finding) => finding.key === 'perm.modify-all-data:PermissionSet:Shadow_Admin');
    expect(adminGrant?.accountable?.name).toBe('Ivy Platform');
    const inactive = result.findings.find((finding) => finding.ruleId === 'gov.area-no-accountable');
    expect(inactive?.component.name).toBe('AI.CONFIGURATION');
  });

  it('honours an accepted decision and reports an expired one', () => {
    const accepted = result.findings.find((finding) => finding.key === 'perm.view-all-data:PermissionSet:Data_Steward');
    expect(accepted?.status).toBe('accepted');
    expect(accepted?.suppression?.ref).toBe('DEC-0003');
    const expired = result.findings.find((finding) => finding.key === 'mfa.bypass-granted:PermissionSet:MFA_Waiver');
    expect(expired?.status).toBe('open');
    expect(expired?.expiredSuppression?.ref).toBe('DEC-0004');
  });

  it('counts its API calls, matching what the org saw, and never prints the token', () => {
    expect(result.apiCalls?.total).toBeGreaterThan(10);
    expect(org.emulator.calls.total).toBe(result.apiCalls?.total);
    expect(output.stdout + output.stderr).not.toContain(org.emulator.accessToken);
    expect(output.stdout + output.stderr).not.toMatch(STACK_LINE);
  });

  // Last: a second run, which adds to the emulator's call counts.
  it('shows its progress on stderr only when stderr is a terminal', async () => {
    expect(output.stderr).not.toMatch(/Connected to|Read holders/);
    // util-linux `script` gives the run a pseudo-terminal, as a person at a shell has.
    const dir = mkdtempSync(join(tmpdir(), 'tty-run-'));
    try {
      const command = `${join(PROJECT_ROOT, 'node_modules/.bin/tsx')} scripts/health/cli.ts --target-org ${org.alias} --format json --output ${join(dir, 'result.json')}`;
      const terminal = await new Promise<string>((resolve, reject) => {
        const child = spawn('script', ['-qec', command, '/dev/null'], {
          cwd: PROJECT_ROOT,
          env: org.env,
          stdio: ['ignore', 'pipe', 'pipe']
        });
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
      expect(terminal).toMatch(/Connected to http:\/\/127\.0\.0\.1:\d+\/? as admin@acme\.example/);
      expect(terminal).toMatch(/Read PermissionSet \(\d+ records, \d+ API calls so far\)/);
      expect(terminal).not.toContain(org.emulator.accessToken);
      expect((JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as HealthCheckResult).source).toBe('org');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
