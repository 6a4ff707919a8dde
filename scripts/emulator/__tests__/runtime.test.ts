import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../datasets';
import { startEmulator, type RunningEmulator } from '../server';
import { loginToEmulator, runSf, sfEnvFor } from '../../lib/sfCli';
import { runScript } from '../../test-support/liveOrg';

jest.setTimeout(120_000);

describe('the runtime the npm scripts use', () => {
  let emulator: RunningEmulator;
  let stateDir: string;
  beforeAll(async () => {
    emulator = await startEmulator({ dataset: loadDataset('acme') });
    stateDir = await mkdtemp(join(tmpdir(), 'console-runtime-'));
    await loginToEmulator(emulator, { alias: 'runtime', stateDir });
  });
  afterAll(async () => {
    await emulator.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('is Node 22 or newer, which the sf CLI and @salesforce/core need', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('lets the real sf CLI query the emulated org after its access-token login', async () => {
    const result = (await runSf(
      ['data', 'query', '--query', 'SELECT Id, Username FROM User WHERE IsActive = true', '--target-org', 'runtime'],
      { env: sfEnvFor(stateDir) }
    )) as {
      totalSize: number;
      records: Array<{ Username: string }>;
    };
    expect(result.totalSize).toBe(emulator.records('User').filter((user) => user.IsActive).length);
    expect(result.records.map((record) => record.Username)).toContain('admin@acme.example');
  });

  it('runs a real @salesforce/core Connection query from the stored login, in a script started like npm starts ours', async () => {
    const script = 'scripts/test-support/connectionProbe.ts';
    const output = await runScript(script, ['runtime'], sfEnvFor(stateDir));
    expect(output.code).toBe(0);
    const probe = JSON.parse(output.stdout) as { node: string; orgId: string; users: number };
    expect(Number(probe.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    expect(probe.orgId).toBe(emulator.orgId);
    expect(probe.users).toBe(emulator.records('User').length);
    expect(output.stdout + output.stderr).not.toContain(emulator.accessToken);
  });
});
