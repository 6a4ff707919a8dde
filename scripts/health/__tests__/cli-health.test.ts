import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileXml, SFDX_PROJECT, SOURCE, userPermission, writeTree } from './core-fixtures';

const ROOT = join(__dirname, '..', '..', '..');

function health(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npx', ['tsx', 'scripts/health/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0' }
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s{4}at /m);
}

describe('npm run health (CLI)', () => {
  jest.setTimeout(120_000);
  let dir: string;
  beforeAll(() => {
    dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Admin.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')], { custom: false, ipRanges: true })
    });
  });

  it('--json prints the sf envelope with the result; a folder with only a profile is incomplete: exit 3, 0 with --allow-partial', () => {
    const run = health(['-d', dir, '--json']);
    expect(run.status).toBe(3);
    const envelope = JSON.parse(run.stdout) as {
      status: number;
      result: {
        source: string;
        findings: { key: string; location?: { line?: number } }[];
        rules: unknown[];
        grade: string;
        complete: boolean;
        coverage: { skipped: number; notApplicable: number };
      };
    };
    expect(envelope.status).toBe(3);
    expect(envelope.result.complete).toBe(false);
    expect(envelope.result.coverage.skipped).toBeGreaterThan(envelope.result.coverage.notApplicable);
    const allowed = health(['-d', dir, '--json', '--allow-partial']);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ status: 0, result: { complete: false } });
    expect(envelope.result.source).toBe('metadata');
    expect(envelope.result.findings.map((finding) => finding.key)).toContain('perm.modify-all-data:Profile:Admin');
    expect(envelope.result.findings.find((finding) => finding.key === 'perm.modify-all-data:Profile:Admin')?.location?.line).toBe(9);
    expect(envelope.result.rules.length).toBeGreaterThan(21);
  });

  it('--fail-on critical exits 1 on an open critical finding (over 3 for incomplete), 0 once it is suppressed', () => {
    const failing = health(['--metadata-dir', dir, '--fail-on', 'critical', '--format', 'json', '--output', join(dir, 'report.json')]);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/Health check: score \d+ \(.+, incomplete\), open findings: 1 critical.*report written to/);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings.length).toBeGreaterThan(0);

    const suppressions = join(dir, 'suppressions.json');
    writeFileSync(
      suppressions,
      JSON.stringify([{ ruleId: 'perm.modify-all-data', component: 'Admin', reason: 'break-glass', expires: '2999-12-31' }])
    );
    const accepted = health(['-d', dir, '--fail-on=critical', '--suppressions', suppressions, '--json', '--allow-partial']);
    expect(accepted.status).toBe(0);
    expect(JSON.parse(accepted.stdout).result.findings[0]).toMatchObject({
      status: 'accepted',
      suppression: { kind: 'config', reason: 'break-glass' }
    });
  });

  it.each([
    [['-d', '.', '--bogus'], /Unknown flag --bogus/],
    [['-d', '.', '--format', 'xml'], /--format: "xml" is not one of table, json, sarif, junit, markdown, html/],
    [['-d', '.', '--fail-on', 'urgent'], /--fail-on: "urgent" is not one of critical, high, medium, low, never/],
    [['-d', '.', '-o', 'me@acme.test'], /exactly one of --target-org \(-o\) and --metadata-dir \(-d\)/],
    [['--json'], /exactly one of --target-org/],
    [['-d', '.', '--api-budget-min-share', '2'], /--api-budget-min-share: "2" must be a number from 0 to 1/],
    [['-d', '.', '--push'], /--push needs --target-org/]
  ])('usage error %j: exit 2, names the flag, no stack', (args, message) => {
    const run = health(args);
    expect(run.status).toBe(2);
    const output = args.includes('--json') ? run.stdout : run.stderr;
    expect(output).toMatch(message);
    expectNoStack(run.stdout + run.stderr);
    if (args.includes('--json')) {
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 2, name: 'InvalidFlag', actions: [expect.any(String)] });
    }
  });

  it('input errors exit 2 naming file and line: malformed metadata, custom baseline', () => {
    const broken = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Bad.profile-meta.xml`]:
        '<?xml version="1.0"?>\n<Profile>\n<custom>true</custom>\n<userLicense>Salesforce</userLicnse>\n</Profile>\n'
    });
    const run = health(['-d', broken]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Error \(MalformedMetadata\): .*Bad\.profile-meta\.xml:4: invalid XML/);
    expectNoStack(run.stderr);

    const baseline = join(dir, 'baseline.xml');
    writeFileSync(
      baseline,
      '<?xml version="1.0"?>\n<baseline name="x">\n<highRiskSecuritySettings>\n<booleanSetting name="Made.up" compliant="true" nonCompliant="critical"/>\n</highRiskSecuritySettings>\n</baseline>\n'
    );
    const custom = health(['-d', dir, '--baseline', baseline, '--json']);
    expect(custom.status).toBe(2);
    expect(JSON.parse(custom.stdout)).toMatchObject({ status: 2, name: 'InvalidBaseline' });
    expect(JSON.parse(custom.stdout).message).toMatch(/baseline\.xml:4: Made\.up is not a setting/);
  });

  it('--help prints the flags and exits 0', () => {
    const run = health(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--metadata-dir');
    expect(run.stdout).toContain('--api-budget-min-share');
  });
});
