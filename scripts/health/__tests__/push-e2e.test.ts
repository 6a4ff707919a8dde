import { loadDataset } from '../../emulator/datasets';
import { STACK_LINE, startLiveOrg, type LiveOrg } from '../../test-support/liveOrg';
import type { HealthCheckResult } from '../result';

jest.setTimeout(180_000);

type Envelope = { status: number; result?: HealthCheckResult; name?: string; message?: string; actions?: string[] };

describe('--push into the emulated org', () => {
  let org: LiveOrg;
  const push = async (): Promise<{ code: number; envelope: Envelope; text: string }> => {
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--push', '--json']);
    return { code: output.code, envelope: JSON.parse(output.stdout) as Envelope, text: output.stdout + output.stderr };
  };
  const findings = () => org.emulator.records('Health_Finding__c');
  const keysAreUnique = () => new Set(findings().map((row) => row.Finding_Key__c)).size === findings().length;

  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
  });
  afterAll(() => org?.stop());

  it('creates the run and every finding, routed to the Accountable of its area', async () => {
    const before = findings().length;
    const { code, envelope } = await push();
    expect(code).toBe(0);
    const summary = envelope.result!.push!;
    expect(summary.created).toBeGreaterThan(30);
    expect(findings().length).toBe(before + summary.created);
    expect(keysAreUnique()).toBe(true);

    const shadowAdmin = findings().find((row) => row.Finding_Key__c === 'perm.modify-all-data:PermissionSet:Shadow_Admin')!;
    const ivy = org.emulator.records('User').find((user) => user.Username === 'ivy.platform@acme.example')!;
    expect(shadowAdmin.Assigned_To__c).toBe(ivy.Id);
    expect(shadowAdmin.Severity__c).toBe('Critical');
    // It was already open from an earlier run: its first detection is kept.
    expect(String(shadowAdmin.First_Detected__c) < String(shadowAdmin.Last_Detected__c)).toBe(true);

    // Every rule routes to an area with an active Accountable in Acme: nobody's finding is orphaned.
    expect(summary.unassigned).toBe(0);
    expect(findings().filter((row) => row.Last_Detected__c && !row.Assigned_To__c)).toEqual([]);
    const accepted = findings().find((row) => row.Finding_Key__c === 'perm.view-all-data:PermissionSet:Data_Steward')!;
    expect(accepted.Status__c).toBe('Risk Accepted');
  });

  it('creates nothing new when run twice', async () => {
    const count = findings().length;
    const runs = org.emulator.records('Health_Check_Run__c').length;
    const { envelope } = await push();
    expect(envelope.result!.push!.created).toBe(0);
    expect(findings().length).toBe(count);
    expect(org.emulator.records('Health_Check_Run__c').length).toBe(runs);
  });

  it('resolves what was fixed', async () => {
    const shadowAdmin = org.emulator.records('PermissionSet').find((set) => set.Name === 'Shadow_Admin')!;
    shadowAdmin.PermissionsModifyAllData = false;
    const { envelope } = await push();
    expect(envelope.result!.push!.resolved).toBeGreaterThanOrEqual(1);
    const fixed = findings().find((row) => row.Finding_Key__c === 'perm.modify-all-data:PermissionSet:Shadow_Admin')!;
    expect(fixed.Status__c).toBe('Resolved');
    expect(fixed.Resolved_On__c).toBeTruthy();
  });

  it('leaves no duplicate and resolves nothing when a push is cut off, and the next push completes it', async () => {
    const dataSteward = org.emulator.records('PermissionSet').find((set) => set.Name === 'Data_Steward')!;
    dataSteward.PermissionsDataExport = false; // fixes perm.dangerous:PermissionSet:Data_Steward
    const resolvedBefore = findings().filter((row) => row.Status__c === 'Resolved').length;
    org.emulator.setFaults([{ match: { kind: 'composite' }, fault: '500', after: 1, times: Infinity }]);
    const cut = await push();
    expect(cut.code).toBe(1);
    expect(cut.envelope.name).toBe('OrgUnavailableError');
    expect(cut.envelope.actions?.length).toBeGreaterThan(0);
    expect(cut.text).not.toMatch(STACK_LINE);
    expect(keysAreUnique()).toBe(true);
    expect(findings().filter((row) => row.Status__c === 'Resolved').length).toBe(resolvedBefore);

    org.emulator.setFaults([]);
    const { code, envelope } = await push();
    expect(code).toBe(0);
    expect(envelope.result!.push!.created).toBe(0);
    expect(keysAreUnique()).toBe(true);
    expect(findings().find((row) => row.Finding_Key__c === 'perm.dangerous:PermissionSet:Data_Steward')!.Status__c).toBe('Resolved');
  });

  it('never resolves anything after a partial run', async () => {
    const open = findings().filter((row) => row.Status__c !== 'Resolved').length;
    const output = await org.run('scripts/health/cli.ts', [
      '--target-org',
      org.alias,
      '--push',
      '--json',
      '--api-budget-min-share',
      '0.99999'
    ]);
    const envelope = JSON.parse(output.stdout) as Envelope;
    expect(envelope.result?.partial).toBeDefined();
    expect(envelope.result?.push?.resolved).toBe(0);
    expect(findings().filter((row) => row.Status__c !== 'Resolved').length).toBe(open);
  });
});
