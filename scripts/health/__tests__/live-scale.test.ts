import { loadDataset } from '../../emulator/datasets';
import { sfId } from '../../emulator/datasets/builder';
import type { Dataset } from '../../emulator/types';
import { startLiveOrg } from '../../test-support/liveOrg';
import type { HealthCheckResult } from '../result';

jest.setTimeout(120_000);

const BATCH = 2000;

/** Acme with `extra` more active users, each with a profile assignment and a login today. */
function acmeWith(extra: number): Dataset {
  const dataset = loadDataset('acme');
  const standardUserSet = sfId('0PS', 2);
  for (let i = 0; i < extra; i++) {
    const userId = sfId('005', 10_000 + i);
    dataset.sobjects.User.push({
      Id: userId,
      Username: `bulk${i}@acme.example`,
      Name: `Bulk User ${i}`,
      Email: `bulk${i}@acme.example`,
      IsActive: true,
      ProfileId: sfId('00e', 2),
      UserType: 'Standard',
      LastLoginDate: new Date().toISOString(),
      CreatedDate: new Date().toISOString(),
      ManagerId: null
    });
    dataset.sobjects.PermissionSetAssignment.push({
      Id: sfId('0Pa', 10_000 + i),
      AssigneeId: userId,
      PermissionSetId: standardUserSet,
      PermissionSetGroupId: null
    });
    dataset.sobjects.LoginHistory.push({
      Id: sfId('0Ya', 10_000 + i),
      UserId: userId,
      LoginTime: new Date().toISOString(),
      LoginType: 'Application',
      Status: 'Success',
      AuthMethodReference: 'mfa',
      ApiType: null,
      Application: 'Browser',
      SourceIp: '198.51.100.1',
      Platform: 'Windows'
    });
  }
  return dataset;
}

async function runLive(dataset: Dataset, extraArgs: string[] = [], emulatorOptions: { apiUsedAtStart?: number } = {}) {
  const org = await startLiveOrg({ dataset, ...emulatorOptions });
  try {
    org.emulator.calls.reset();
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--json', ...extraArgs]);
    return {
      output,
      result: (JSON.parse(output.stdout) as { result: HealthCheckResult }).result,
      calls: { ...org.emulator.calls.byKind },
      total: org.emulator.calls.total
    };
  } finally {
    await org.stop();
  }
}

describe('live collection at scale', () => {
  it('pages every large object in batches of 2000 and stays near the lower bound of API calls', async () => {
    const extra = 4500;
    const dataset = acmeWith(extra);
    const { output, result, calls, total } = await runLive(dataset);
    expect(output.code).toBe(0);

    const active = new Set(dataset.sobjects.User.filter((user) => user.IsActive).map((user) => user.Id));
    const pages = (rows: number) => Math.max(1, Math.ceil(rows / BATCH));
    const users = dataset.sobjects.User.length;
    const assignments = dataset.sobjects.PermissionSetAssignment.filter((row) => active.has(String(row.AssigneeId))).length;
    const logins = dataset.sobjects.LoginHistory.length;
    const extraPages = pages(users) - 1 + pages(assignments) - 1 + pages(logins) - 1;
    expect(calls.queryMore).toBe(extraPages);

    const queries = calls.query + calls['tooling-query'];
    const lowerBound = queries + extraPages + calls.describe + calls.limits;
    expect(total).toBe(lowerBound);
    expect(total).toBeLessThanOrEqual(1.1 * lowerBound + 10);
    expect(result.apiCalls?.total).toBe(total);
    // Every user was read, across the pages.
    expect(result.findings.filter((finding) => finding.ruleId === 'user.dormant').length).toBe(6);
  });

  it('skips the rule whose field this org lacks instead of failing the run', async () => {
    const dataset = loadDataset('acme');
    dataset.missingFields = { PermissionSet: ['PermissionsBypassMFAForUiLogins'] };
    for (const set of dataset.sobjects.PermissionSet) delete set.PermissionsBypassMFAForUiLogins;
    const { output, result } = await runLive(dataset);
    // Incomplete: exit 3, and never graded as a pass.
    expect(output.code).toBe(3);
    expect(result.complete).toBe(false);
    const rule = result.rules.find((candidate) => candidate.id === 'mfa.bypass-granted');
    expect(rule?.status).toBe('skipped');
    expect(rule?.reason).toMatch(/PermissionsBypassMFAForUiLogins is not in this org/);
  });

  it('skips the login rules when the running user can see only their own LoginHistory', async () => {
    const dataset = loadDataset('acme');
    const reader = dataset.sobjects.User.find((user) => user.Username === dataset.user.username)!;
    const standardProfile = dataset.sobjects.Profile.find((profile) => profile.Name === 'Standard User')!;
    const standardSet = dataset.sobjects.PermissionSet.find((set) => set.ProfileId === standardProfile.Id)!;
    reader.ProfileId = standardProfile.Id;
    // The reader keeps only the Standard User profile: no Manage Users, no Monitor Login History.
    dataset.sobjects.PermissionSetAssignment = dataset.sobjects.PermissionSetAssignment.filter((row) => row.AssigneeId !== reader.Id);
    dataset.sobjects.PermissionSetAssignment.push({
      Id: sfId('0Pa', 9_999),
      AssigneeId: reader.Id,
      PermissionSetId: standardSet.Id,
      PermissionSetGroupId: null
    });
    const { output, result } = await runLive(dataset);
    // Incomplete: exit 3, and never graded as a pass.
    expect(output.code).toBe(3);
    expect(result.complete).toBe(false);
    for (const id of ['mfa.logins-without-mfa', 'user.shared-integration-user']) {
      const rule = result.rules.find((candidate) => candidate.id === id);
      expect(rule?.status).toBe('skipped');
      expect(rule?.reason).toBe(
        'admin@acme.example has neither Monitor Login History nor Manage Users, so LoginHistory shows only their own logins'
      );
    }
    expect(result.rules.find((candidate) => candidate.id === 'user.dormant')?.status).toBe('failed');
  });

  it('stops politely with partial results when the daily API budget is nearly spent', async () => {
    const { output, result, total } = await runLive(loadDataset('acme'), ['--api-budget-min-share', '0.1'], { apiUsedAtStart: 95_000 });
    // Incomplete: exit 3, and never graded as a pass.
    expect(output.code).toBe(3);
    expect(result.complete).toBe(false);
    expect(result.partial?.reason).toMatch(/API budget: .* less than 10% left/);
    expect(total).toBeLessThanOrEqual(2);
    const skipped = result.rules.filter((rule) => rule.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(20);
    expect(skipped.every((rule) => rule.reason !== undefined)).toBe(true);
  });
});
