import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../emulator/datasets';
import type { Dataset } from '../../../emulator/types';
import { STACK_LINE, startLiveOrg, type LiveOrg } from '../../../test-support/liveOrg';
import { acquirePushLock } from '../lock';
import { RUNNER_PERMISSION_SET } from '../pushSafety';

jest.setTimeout(300_000);

type Envelope = { status: number; name?: string; message?: string; actions?: string[]; result?: { push?: { runId: string } } };

/** Acme, with the runner permission set taken from the user the token belongs to, and IsSandbox as given. */
function acmeWithoutRunnerSet(isSandbox: boolean): Dataset {
  const dataset = loadDataset('acme');
  const runner = dataset.sobjects.PermissionSet.find((set) => set.Name === RUNNER_PERMISSION_SET)!;
  dataset.sobjects.PermissionSetAssignment = dataset.sobjects.PermissionSetAssignment.filter(
    (row) => !(row.PermissionSetId === runner.Id && row.AssigneeId === dataset.user.id)
  );
  dataset.sobjects.Organization[0].IsSandbox = isSandbox;
  return dataset;
}

async function push(org: LiveOrg, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; envelope: Envelope; text: string }> {
  const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--push', '--json'], extraEnv);
  return { code: output.code, envelope: JSON.parse(output.stdout) as Envelope, text: output.stdout + output.stderr };
}

describe('unattended --push is safe by default', () => {
  it('a production org refuses --push from a user without the runner permission set; nothing is written', async () => {
    const org = await startLiveOrg({ dataset: acmeWithoutRunnerSet(false) });
    try {
      const before = JSON.stringify([org.emulator.records('Health_Finding__c'), org.emulator.records('Health_Check_Run__c')]);
      const { code, envelope, text } = await push(org);
      expect(code).toBe(1);
      expect(envelope).toMatchObject({ name: 'ProductionPushRefused' });
      expect(envelope.message).toContain(`does not hold the ${RUNNER_PERMISSION_SET} permission set`);
      expect(envelope.actions![0]).toContain(`sf org assign permset --name ${RUNNER_PERMISSION_SET} --on-behalf-of admin@acme.example`);
      expect(text).not.toMatch(STACK_LINE);
      expect(JSON.stringify([org.emulator.records('Health_Finding__c'), org.emulator.records('Health_Check_Run__c')])).toBe(before);
    } finally {
      await org.stop();
    }
  });

  it('a sandbox takes the same push', async () => {
    const org = await startLiveOrg({ dataset: acmeWithoutRunnerSet(true) });
    try {
      const { code, envelope } = await push(org);
      expect(code).toBe(0);
      expect(envelope.result?.push?.runId).toBeTruthy();
    } finally {
      await org.stop();
    }
  });

  it('a run waits for another run pushing into the same org, and gives up with PushLocked; two started at once both complete without duplicate findings', async () => {
    const org = await startLiveOrg({ dataset: loadDataset('acme') });
    const locks = mkdtempSync(join(tmpdir(), 'console-locks-'));
    try {
      const env = { CONSOLE_LOCK_DIR: locks, CONSOLE_LOCK_WAIT_SECONDS: '1' };
      const release = await acquirePushLock(org.emulator.orgId, { dir: locks });
      const runsBefore = org.emulator.records('Health_Check_Run__c').length;
      const locked = await push(org, env);
      release();
      expect(locked.code).toBe(1);
      expect(locked.envelope).toMatchObject({ name: 'PushLocked' });
      expect(locked.envelope.message).toContain(`process ${process.pid}`);
      expect(org.emulator.records('Health_Check_Run__c')).toHaveLength(runsBefore);

      const both = await Promise.all([
        push(org, { ...env, CONSOLE_LOCK_WAIT_SECONDS: '120' }),
        push(org, { ...env, CONSOLE_LOCK_WAIT_SECONDS: '120' })
      ]);
      expect(both.map((run) => run.code)).toEqual([0, 0]);
      const keys = org.emulator.records('Health_Finding__c').map((row) => row.Finding_Key__c);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      rmSync(locks, { recursive: true, force: true });
      await org.stop();
    }
  });
});
