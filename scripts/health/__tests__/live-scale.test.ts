import { loadDataset } from '../../emulator/datasets';
import { permissionSet, sfId } from '../../emulator/datasets/builder';
import type { ApiCall, Dataset } from '../../emulator/types';
import { startLiveOrg } from '../../test-support/liveOrg';
import { liveLowerBound as lowerBound } from '../../bench/liveBound';
import type { HealthCheckResult } from '../result';

jest.setTimeout(120_000);

/**
 * Acme with `extra` more active users, each with a profile assignment and a login today: every third
 * holds the Shadow_Admin permission set (privileged), every second has not logged in for 200 days
 * (a dormant candidate), so each kind of read the rules need spans several pages.
 */
function acmeWith(extra: number): Dataset {
  const dataset = loadDataset('acme');
  const standardUserSet = sfId('0PS', 2);
  const shadowAdmin = sfId('0PS', 101);
  const day = 86_400_000;
  for (let i = 0; i < extra; i++) {
    const userId = sfId('005', 10_000 + i);
    const dormant = i % 2 === 1;
    const lastLogin = new Date(Date.now() - (dormant ? 200 : 0) * day).toISOString();
    dataset.sobjects.User.push({
      Id: userId,
      Username: `bulk${i}@acme.example`,
      Name: `Bulk User ${i}`,
      Email: `bulk${i}@acme.example`,
      IsActive: true,
      ProfileId: sfId('00e', 2),
      UserType: 'Standard',
      LastLoginDate: lastLogin,
      CreatedDate: new Date(Date.now() - 700 * day).toISOString(),
      ManagerId: null
    });
    dataset.sobjects.PermissionSetAssignment.push({
      Id: sfId('0Pa', 10_000 + i),
      AssigneeId: userId,
      PermissionSetId: standardUserSet,
      PermissionSetGroupId: null
    });
    if (i % 3 === 0) {
      dataset.sobjects.PermissionSetAssignment.push({
        Id: sfId('0Pa', 20_000 + i),
        AssigneeId: userId,
        PermissionSetId: shadowAdmin,
        PermissionSetGroupId: null
      });
    }
    if (!dormant) {
      dataset.sobjects.LoginHistory.push({
        Id: sfId('0Ya', 10_000 + i),
        UserId: userId,
        LoginTime: lastLogin,
        LoginType: 'Application',
        Status: 'Success',
        AuthMethodReference: null,
        ApiType: null,
        Application: 'Browser',
        SourceIp: '198.51.100.1',
        Platform: 'Windows'
      });
    }
  }
  return dataset;
}

/** The query texts a run sent more than once: the lower bound's slack would hide a read made twice. */
function repeatedQueries(calls: ApiCall[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { soql } of calls) if (soql) (seen.has(soql) ? repeated : seen).add(soql);
  return [...repeated];
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
      total: org.emulator.calls.total,
      // The Query More operations, direct or inside composite calls.
      queryMore: org.emulator.calls.log.concat(org.emulator.calls.subrequests).filter((call) => call.kind === 'queryMore').length,
      repeated: repeatedQueries(org.emulator.calls.log.concat(org.emulator.calls.subrequests))
    };
  } finally {
    await org.stop();
  }
}

describe('live collection at scale', () => {
  it('reads only what the rules need, paging the large reads in batches of 2000, near the lower bound computed from the dataset', async () => {
    const dataset = acmeWith(6000);
    const { output, result, calls, total, queryMore, repeated } = await runLive(dataset);
    expect(output.code).toBe(0);
    expect(result.complete).toBe(true);

    const { bound, extraPages } = lowerBound(dataset);
    expect(extraPages).toBeGreaterThanOrEqual(3);
    expect(queryMore).toBe(extraPages);
    // Queries share composite calls, five a call at most.
    expect(calls['composite-query']).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(bound);
    expect(total).toBeLessThanOrEqual(1.1 * bound + 10);
    expect(repeated).toEqual([]);
    expect(result.apiCalls?.total).toBe(total);
    // Every dormant user was found across the pages, and every privileged one judged.
    expect(result.findings.filter((finding) => finding.ruleId === 'user.dormant').length).toBe(6 + 3000);
    const shadow = result.findings.find((finding) => finding.key === 'perm.modify-all-data:PermissionSet:Shadow_Admin');
    expect(shadow?.detail).toMatch(/2001 active users/);
  });

  it('reads a large org in ranges of profiles side by side, missing and doubling no one', async () => {
    // 42,000 more active users spread over three unprivileged profiles: past the 40,000 above which reads are split.
    const dataset = acmeWith(42_000);
    const profiles = ['Standard User', 'Marketing Lite', 'Minimum Access - Salesforce'].map((name) => {
      const profile = dataset.sobjects.Profile.find((candidate) => candidate.Name === name)!;
      return { id: profile.Id, setId: dataset.sobjects.PermissionSet.find((set) => set.ProfileId === profile.Id)!.Id };
    });
    const standardUserSet = profiles[0].setId;
    const bulk = new Map(
      dataset.sobjects.User.filter((user) => String(user.Username).startsWith('bulk')).map((user, i) => [String(user.Id), i])
    );
    for (const user of dataset.sobjects.User) if (bulk.has(String(user.Id))) user.ProfileId = profiles[bulk.get(String(user.Id))! % 3].id;
    // Logins spread over the last 20 days, as a real org's are (one instant would hold more users than a GROUP BY answers).
    const lastLogin = new Map<string, string>();
    for (const login of dataset.sobjects.LoginHistory) {
      const i = bulk.get(String(login.UserId));
      if (i === undefined) continue;
      const time = new Date(Date.now() - (i % 20) * 86_400_000).toISOString();
      login.LoginTime = time;
      lastLogin.set(String(login.UserId), time);
    }
    for (const user of dataset.sobjects.User) if (lastLogin.has(String(user.Id))) user.LastLoginDate = lastLogin.get(String(user.Id))!;
    for (const row of dataset.sobjects.PermissionSetAssignment) {
      const i = bulk.get(String(row.AssigneeId));
      if (i !== undefined && row.PermissionSetId === standardUserSet) row.PermissionSetId = profiles[i % 3].setId;
    }
    const org = await startLiveOrg({ dataset });
    try {
      const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--json']);
      const { result } = JSON.parse(output.stdout) as { result: HealthCheckResult };
      expect(result.rules.filter((rule) => rule.status === 'skipped').map((rule) => `${rule.id}: ${rule.reason}`)).toEqual([]);
      expect(result.complete).toBe(true);
      // The dormant candidates and the privileged users, each read in more than one range of profiles.
      const reads = org.emulator.queries();
      expect(reads.filter((query) => query.object === 'User').length).toBeGreaterThanOrEqual(5);
      expect(reads.filter((query) => query.object === 'PermissionSetAssignment').length).toBeGreaterThanOrEqual(3);
      // Every dormant user once, and every holder of Shadow_Admin (one in three of the bulk users, and the one Acme has).
      const dormant = result.findings.filter((finding) => finding.ruleId === 'user.dormant');
      expect(dormant.length).toBe(6 + 21_000);
      expect(new Set(dormant.map((finding) => finding.key)).size).toBe(dormant.length);
      const shadow = result.findings.find((finding) => finding.key === 'perm.modify-all-data:PermissionSet:Shadow_Admin');
      expect(shadow?.detail).toMatch(/14001 active users/);
    } finally {
      await org.stop();
    }
  });

  it("keeps every request under Salesforce's 16,384-byte limit where the org has more privileged sets and named people than one id list holds", async () => {
    const dataset = loadDataset('acme');
    const reader = dataset.sobjects.User.find((user) => user.Username === dataset.user.username)!;
    // 400 privileged permission sets (too many to name by id in a semi-join) and 700 governance areas naming 700 other people.
    for (let i = 0; i < 400; i++) {
      const set = permissionSet({ Id: sfId('0PS', 50_000 + i), Name: `Delegated_Admin_${i}` }, ['ManageUsers']);
      dataset.sobjects.PermissionSet.push(set);
      dataset.sobjects.PermissionSetAssignment.push({
        Id: sfId('0Pa', 50_000 + i),
        AssigneeId: reader.Id,
        PermissionSetId: set.Id,
        PermissionSetGroupId: null
      });
    }
    const template = dataset.sobjects.Governance_Area__c[0];
    for (let i = 0; i < 700; i++) {
      const userId = sfId('005', 50_000 + i);
      dataset.sobjects.User.push({ ...dataset.sobjects.User[1], Id: userId, Username: `named${i}@acme.example`, IsActive: false });
      dataset.sobjects.Governance_Area__c.push({
        ...template,
        Id: sfId('a01', 50_000 + i),
        Area_Key__c: `BULK.${i}`,
        Accountable__c: userId
      });
    }
    const org = await startLiveOrg({ dataset });
    try {
      org.emulator.calls.reset();
      const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--json']);
      const result = (JSON.parse(output.stdout) as { result: HealthCheckResult }).result;
      // The emulator answers 414/431 past the limit, as the org's front door does: a complete run never met it.
      expect(result.complete).toBe(true);
      expect(result.rules.filter((rule) => rule.status === 'skipped')).toEqual([]);
      const governed = org.emulator.queries().filter((query) => query.object === 'User');
      expect(governed.length).toBeGreaterThan(3);
      // Every inactive Accountable was read (in id lists a few hundred long), so each is named.
      const inactive = result.findings.filter((finding) => finding.ruleId === 'gov.area-no-accountable');
      expect(inactive.length).toBeGreaterThanOrEqual(700);
    } finally {
      await org.stop();
    }
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
