import { loadDataset } from '../../../emulator/datasets';
import { startLiveOrg, type LiveOrg } from '../../../test-support/liveOrg';
import type { HealthCheckResult } from '../../result';

jest.setTimeout(240_000);

describe('--since last against the emulated org', () => {
  let org: LiveOrg;
  const run = async (args: string[]) => {
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--since', 'last', '--json', ...args]);
    if (output.code === 2) throw new Error(output.stdout + output.stderr);
    return { code: output.code, result: (JSON.parse(output.stdout) as { result: HealthCheckResult }).result };
  };

  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
  });
  afterAll(() => org?.stop());

  it('compares with the last pushed Health_Check_Run__c, first-seen from First_Detected__c, then with its own push', async () => {
    const stored = org.emulator.records('Health_Finding__c');
    const shadow = stored.find((row) => row.Finding_Key__c === 'perm.modify-all-data:PermissionSet:Shadow_Admin')!;
    const { code, result } = await run(['--fail-on-new', 'critical', '--push']);
    const [seeded] = org.emulator.records('Health_Check_Run__c');
    expect(result.history?.baseline?.startedAt).toBe(seeded.Run_At__c);
    expect(result.findings.find((finding) => finding.key === shadow.Finding_Key__c)).toMatchObject({
      change: 'unchanged',
      firstSeen: shadow.First_Detected__c
    });
    // Acme has critical findings the org never held: they are new, and the gate fails on them.
    const newCritical = result.findings.filter((finding) => finding.change === 'new' && finding.severity === 'critical');
    expect(newCritical.length > 0).toBe(code === 1);
    expect(result.history!.trend.map((point) => point.score)).toEqual([Number(seeded.Score__c), result.score]);
    // A stored finding this run no longer sees is listed as resolved, with what the org knew of it.
    const seen = new Set(result.findings.map((finding) => finding.key));
    const gone = stored.filter((row) => !seen.has(String(row.Finding_Key__c))).map((row) => row.Finding_Key__c);
    expect(result.history!.resolved.map((finding) => finding.key).sort()).toEqual(gone.sort());

    // The next run compares with the one just pushed: nothing is new any more.
    const again = await run(['--fail-on-new', 'low']);
    expect(again.code).toBe(0);
    expect(again.result.history!.newCount).toBe(0);
    expect(again.result.history!.trend).toHaveLength(3);
    const pushed = org.emulator.records('Health_Finding__c').find((row) => row.Finding_Key__c === newCritical[0]?.key);
    expect(again.result.findings.find((finding) => finding.key === newCritical[0]?.key)?.firstSeen).toBe(pushed?.First_Detected__c);
  });
});
