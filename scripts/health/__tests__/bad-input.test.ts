import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../emulator/datasets';
import { sfEnvFor } from '../../lib/sfCli';
import { runScript, STACK_LINE, startLiveOrg } from '../../test-support/liveOrg';

jest.setTimeout(120_000);

const CLI = 'scripts/health/cli.ts';
type Envelope = { status: number; name: string; message: string; actions: string[] };

describe('bad input: a clear message naming the file, flag or org, exit 2, no stack trace', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function expectUsageError(args: string[], env: NodeJS.ProcessEnv, name: string, message: RegExp): Promise<void> {
    const output = await runScript(CLI, [...args, '--json'], env);
    expect(output.code).toBe(2);
    const envelope = JSON.parse(output.stdout) as Envelope;
    expect(envelope).toMatchObject({ status: 2, name });
    expect(envelope.message).toMatch(message);
    expect(envelope.actions.length).toBeGreaterThan(0);
    expect(output.stdout + output.stderr).not.toMatch(STACK_LINE);
  }

  it('malformed XML names the file and the line', async () => {
    const root = join(dir, 'malformed', 'force-app', 'main', 'default', 'permissionsets');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      join(dir, 'malformed', 'sfdx-project.json'),
      JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] })
    );
    writeFileSync(
      join(root, 'Broken.permissionset-meta.xml'),
      '<?xml version="1.0"?>\n<PermissionSet>\n  <label>Broken</label>\n  <userPermissions>\n</PermissionSet>\n'
    );
    await expectUsageError(['-d', join(dir, 'malformed')], process.env, 'MalformedMetadata', /Broken\.permissionset-meta\.xml:\d+/);
  });

  it('a metadata folder with nothing the checks read says so', async () => {
    const empty = join(dir, 'nothing');
    mkdirSync(join(empty, 'force-app', 'main', 'default', 'classes'), { recursive: true });
    writeFileSync(join(empty, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
    const output = await runScript(CLI, ['-d', empty, '--json'], process.env);
    expect(output.code).toBe(2);
    const envelope = JSON.parse(output.stdout) as Envelope;
    expect(envelope.message).toContain(empty);
    expect(output.stdout + output.stderr).not.toMatch(STACK_LINE);
  });

  it('an unknown --format names the flag', async () => {
    await expectUsageError(['-d', dir, '--format', 'pdf'], process.env, 'InvalidFlag', /--format: "pdf" is not one of/);
  });

  it('a baseline with an unknown setting names the file and line; one over 20 KB names the file', async () => {
    const unknown = join(dir, 'unknown-baseline.xml');
    writeFileSync(
      unknown,
      '<?xml version="1.0"?>\n<baseline name="Custom">\n<highRiskSecuritySettings>\n<booleanSetting name="SessionSettings.madeUp" compliant="true" nonCompliant="critical"/>\n</highRiskSecuritySettings>\n</baseline>\n'
    );
    await expectUsageError(
      ['-d', join(dir, 'malformed'), '--baseline', unknown],
      process.env,
      'InvalidBaseline',
      /unknown-baseline\.xml:4: SessionSettings\.madeUp/
    );
    const large = join(dir, 'large-baseline.xml');
    writeFileSync(large, `<?xml version="1.0"?>\n<!-- ${'x'.repeat(21 * 1024)} -->\n<baseline name="Big"/>\n`);
    await expectUsageError(
      ['-d', join(dir, 'malformed'), '--baseline', large],
      process.env,
      'InvalidBaseline',
      /large-baseline\.xml.*20 KB/
    );
  });

  it('an unknown org alias names the org', async () => {
    const state = join(dir, 'no-logins');
    await expectUsageError(['--target-org', 'nobody-here'], sfEnvFor(state), 'UnknownOrg', /"nobody-here".*--target-org/);
  });

  it('an expired session names the org and says how to log in again', async () => {
    const org = await startLiveOrg({ dataset: loadDataset('acme') }, 'expired');
    try {
      org.emulator.setFaults([{ match: {}, fault: 'INVALID_SESSION_ID', times: Infinity }]);
      await expectUsageError(
        ['--target-org', org.alias],
        org.env,
        'SessionExpiredError',
        /session for expired \(--target-org\) has expired/
      );
    } finally {
      await org.stop();
    }
  });
});
