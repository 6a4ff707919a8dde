import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { profileXml, SFDX_PROJECT, SOURCE, userPermission, writeTree } from '../../health/__tests__/core-fixtures';
import type { HealthCheckResult } from '../../health/result';
import { loadDataset } from '../../emulator/datasets';
import { SF_BIN } from '../../lib/sfCli';
import { STACK_LINE, startLiveOrg, type LiveOrg } from '../../test-support/liveOrg';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..', '..');
type Output = { code: number; stdout: string; stderr: string };
type Envelope = { status: number; result?: HealthCheckResult; name?: string; message?: string; actions?: string[]; exitCode?: number };

/** What differs between two runs of the same check: when they ran and how long they took. */
function comparable(result: HealthCheckResult): unknown {
  const { startedAt: _startedAt, durationMs: _durationMs, apiCalls: _apiCalls, ...rest } = result;
  return rest;
}

describe('sf ownership health run (the plugin, linked into the real sf CLI)', () => {
  let org: LiveOrg;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const sf = (args: string[]): Promise<Output> =>
    new Promise((resolve) => {
      const child = spawn(SF_BIN, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
    // The sf CLI that org.env points at keeps its state (plugins included) in the org's temporary folder.
    env = { ...org.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${org.env.PATH ?? ''}` };
    dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Ops.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')], { custom: true, ipRanges: true })
    });
    const link = await sf(['plugins', 'link', ROOT, '--no-install']);
    expect(link.code).toBe(0);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await org?.stop();
  });

  it('is listed as a linked plugin and documents the same flags as npm run health', async () => {
    // `sf plugins --json` prints the plugin list itself, not an envelope.
    const plugins = JSON.parse((await sf(['plugins', '--json'])).stdout) as Array<{ name: string; type: string }>;
    expect(plugins).toContainEqual(expect.objectContaining({ name: 'crm-ownership-console', type: 'link' }));
    const help = await sf(['ownership', 'health', 'run', '--help']);
    for (const flag of ['--target-org', '--metadata-dir', '--fail-on-new', '--baseline-result', '--notify', '--allow-partial', '--push'])
      expect(help.stdout).toContain(flag);
  });

  it('offline: the same result and exit code as npm run health, in the sf --json envelope', async () => {
    const args = ['--metadata-dir', dir, '--allow-partial', '--fail-on', 'critical', '--json'];
    const [plugin, npm] = await Promise.all([sf(['ownership', 'health', 'run', ...args]), org.run('scripts/health/cli.ts', args)]);
    expect(plugin.code).toBe(1);
    expect(npm.code).toBe(1);
    const viaSf = JSON.parse(plugin.stdout) as Envelope & { warnings: unknown[] };
    const viaNpm = JSON.parse(npm.stdout) as Envelope;
    expect(viaSf.status).toBe(1);
    expect(viaSf.warnings).toEqual([]);
    expect(viaSf.result!.findings.map((finding) => finding.key)).toContain('perm.modify-all-data:Profile:Ops');
    expect(comparable(viaSf.result!)).toEqual(comparable(viaNpm.result!));
  });

  it('live: the same result through the sf login as npm run health', async () => {
    const args = ['--target-org', org.alias, '--json'];
    const plugin = await sf(['ownership', 'health', 'run', ...args]);
    const npm = await org.run('scripts/health/cli.ts', args);
    expect(plugin.code).toBe(npm.code);
    const viaSf = (JSON.parse(plugin.stdout) as Envelope).result!;
    expect(viaSf.source).toBe('org');
    expect(comparable(viaSf)).toEqual(comparable((JSON.parse(npm.stdout) as Envelope).result!));
  });

  it('prints the table without --json, and a usage error as an sf error with exit 2 and no stack', async () => {
    const table = await sf(['ownership', 'health', 'run', '-d', dir, '--allow-partial']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Health check of metadata /m);
    expect(table.stdout).toMatch(/CRITICAL\s+perm\.modify-all-data\s+Profile Ops/);

    const bad = await sf(['ownership', 'health', 'run', '-d', dir, '--fail-on', 'bogus', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      status: 2,
      name: 'InvalidFlag',
      actions: ['Run `npm run health -- --help` for the flags.']
    });
    expect(bad.stdout).not.toContain('"stack"');
    const missing = await sf(['ownership', 'health', 'run', '-d', dir, '--baseline-result', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, 'nope.json')} does not exist`);
    expect(missing.stderr).not.toMatch(STACK_LINE);
  });
});
