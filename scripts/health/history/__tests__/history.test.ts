import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileXml, SFDX_PROJECT, SOURCE, userPermission, writeTree } from '../../__tests__/core-fixtures';
import { sampleResult } from '../../__tests__/reporters-fixture';
import { render } from '../../reporters';
import type { HealthCheckResult } from '../../result';
import { loadBaselineResult, parseBaselineResult } from '../baselineResult';
import { compareWithBaseline } from '../compare';

const ROOT = join(__dirname, '..', '..', '..', '..');

function health(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npx', ['tsx', 'scripts/health/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function previous(result: HealthCheckResult, keep: (key: string) => boolean, startedAt: string): HealthCheckResult {
  return { ...result, startedAt, score: 40, findings: result.findings.filter((finding) => keep(finding.key)) };
}

describe('compareWithBaseline', () => {
  it('marks findings new or unchanged with first-seen dates and lists the resolved ones', () => {
    const current = { ...sampleResult(), partial: undefined };
    const [kept, ...others] = current.findings;
    const baseline = parseBaselineResult(
      JSON.stringify({
        status: 0,
        result: {
          ...previous(current, (key) => key === kept.key, '2026-11-01T08:00:00.000Z'),
          findings: [
            { ...kept, firstSeen: '2026-10-01T08:00:00.000Z' },
            {
              key: 'perm.view-all-data:Profile:Gone',
              ruleId: 'perm.view-all-data',
              severity: 'high',
              component: { type: 'Profile', name: 'Gone' }
            }
          ]
        }
      }),
      'previous.json'
    );
    const history = compareWithBaseline(current, baseline);
    expect(kept.change).toBe('unchanged');
    expect(kept.firstSeen).toBe('2026-10-01T08:00:00.000Z');
    expect(others.every((finding) => finding.change === 'new' && finding.firstSeen === current.startedAt)).toBe(true);
    expect(history.newCount).toBe(others.length);
    expect(history.unchangedCount).toBe(1);
    expect(history.resolved.map((finding) => finding.key)).toEqual(['perm.view-all-data:Profile:Gone']);
    // The resolved finding came without its own first-seen date: the baseline run's time stands in.
    expect(history.resolved[0].firstSeen).toBe('2026-11-01T08:00:00.000Z');
    expect(history.trend.map((point) => point.score)).toEqual([40, current.score]);
  });

  it('resolves nothing from a partial run: a finding not read is not a finding fixed', () => {
    const current = { ...sampleResult(), partial: { reason: 'API budget' } };
    const baseline = parseBaselineResult(JSON.stringify(previous(sampleResult(), () => true, '2026-11-01T08:00:00.000Z')), 'b.json');
    baseline.findings.push({ key: 'x:Profile:Gone', ruleId: 'x' });
    expect(compareWithBaseline(current, baseline).resolved).toEqual([]);
  });

  it('shows the trend and the changes in the table, Markdown and HTML reports', () => {
    const current = sampleResult();
    const baseline = parseBaselineResult(JSON.stringify(previous(current, () => false, '2026-11-01T08:00:00.000Z')), 'b.json');
    current.history = compareWithBaseline(current, baseline);
    const table = render('table', current);
    expect(table).toContain(`Trend (2 runs)`);
    expect(table).toMatch(/2026-11-01 40: /);
    expect(table).toMatch(/NEW\s+CRITICAL perm\.modify-all-data/);
    expect(render('markdown', current)).toMatch(/\| 2026-11-01 \| 40 \|/);
    const html = render('html', current);
    expect(html).toContain('Score trend over 2 runs: 40, ');
    expect(html).toMatch(/<td>2026-11-01<\/td><td>40<\/td>/);
    // Without a comparison the reports say nothing about history.
    expect(render('table', sampleResult())).not.toContain('Trend (');
  });
});

describe('bad baseline input', () => {
  it('names a missing file and a corrupt one (with its line); both are usage errors', () => {
    expect(() => loadBaselineResult('/nonexistent/base.json')).toThrow(/--baseline-result: \/nonexistent\/base\.json does not exist/);
    const dir = writeTree({
      'bad.json': '{\n  "status": 0,\n  "result": {\n    "findings": [,]\n  }\n}\n',
      'error.json': '{"status":2,"name":"InvalidFlag"}'
    });
    let error: unknown;
    try {
      loadBaselineResult(join(dir, 'bad.json'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ exitCode: 2, name: 'InvalidBaselineResult' });
    expect((error as Error).message).toMatch(/bad\.json is not valid JSON \(line 4\)/);
    expect(() => loadBaselineResult(join(dir, 'error.json'))).toThrow(/error\.json is not a health check result.*the error InvalidFlag/);
  });
});

describe('npm run health with history (offline)', () => {
  jest.setTimeout(240_000);
  let dir: string;
  const profile = (permissions: string[]) =>
    writeFileSync(
      join(dir, `${SOURCE}/profiles/Ops.profile-meta.xml`),
      profileXml(
        permissions.map((name) => userPermission(name)),
        { custom: true, ipRanges: true }
      )
    );

  beforeAll(() => {
    dir = writeTree({ 'sfdx-project.json': SFDX_PROJECT, [`${SOURCE}/profiles/Ops.profile-meta.xml`]: '' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps runs in --history, compares with the last one, gates on new findings and lists the resolved', () => {
    const history = join(dir, 'history');
    profile(['ModifyAllData', 'ManageUsers']);
    const first = health(['-d', dir, '--allow-partial', '--history', history, '--fail-on-new', 'low', '--json']);
    // The first run kept has nothing to compare with: every finding is new, and the gate says so.
    expect(first.status).toBe(1);
    const one = JSON.parse(first.stdout).result as HealthCheckResult;
    expect(one.history?.baseline).toBeUndefined();
    expect(one.findings.every((finding) => finding.change === 'new')).toBe(true);
    expect(readdirSync(history)).toHaveLength(1);

    profile(['ModifyAllData', 'ViewAllData']);
    const second = health(['-d', dir, '--allow-partial', '--since', 'last', '--history', history, '--fail-on-new', 'critical', '--json']);
    // ViewAllData is new but high: below the critical gate; ModifyAllData (critical) is not new.
    expect(second.status).toBe(0);
    const two = JSON.parse(second.stdout).result as HealthCheckResult;
    const mad = two.findings.find((finding) => finding.key === 'perm.modify-all-data:Profile:Ops')!;
    expect(mad).toMatchObject({ change: 'unchanged', firstSeen: one.startedAt });
    expect(two.findings.find((finding) => finding.key === 'perm.view-all-data:Profile:Ops')).toMatchObject({
      change: 'new',
      firstSeen: two.startedAt
    });
    expect(two.history!.resolved.map((finding) => finding.key)).toContain('perm.dangerous:Profile:Ops');
    expect(two.history!.trend.map((point) => point.startedAt)).toEqual([one.startedAt, two.startedAt]);

    const gated = health(['-d', dir, '--baseline-result', join(history, readdirSync(history).sort()[0]), '--fail-on-new', 'high']);
    expect(gated.status).toBe(1);
    expect(gated.stdout).toMatch(/NEW\s+HIGH perm\.view-all-data Profile Ops/);
    expect(gated.stdout).toMatch(/RESOLVED\s+\S+ perm\.dangerous Profile Ops/);

    // A third run chains: the first-seen date of ModifyAllData is still the first run's.
    const third = health(['-d', dir, '--allow-partial', '--history', history, '--format', 'json', '--output', join(dir, 'third.json')]);
    expect(third.status).toBe(0);
    const three = JSON.parse(readFileSync(join(dir, 'third.json'), 'utf8')) as HealthCheckResult;
    expect(three.findings.find((finding) => finding.key === mad.key)?.firstSeen).toBe(one.startedAt);
    expect(three.history!.trend).toHaveLength(3);
  });

  it('exits 2 naming the file for a missing or corrupt baseline, and for --since last offline without --history', () => {
    const missing = health(['-d', dir, '--baseline-result', join(dir, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, 'nope.json')} does not exist`);
    writeFileSync(join(dir, 'corrupt.json'), '{"result": {"findings": [');
    const corrupt = health(['-d', dir, '--baseline-result', join(dir, 'corrupt.json'), '--json']);
    expect(corrupt.status).toBe(2);
    expect(JSON.parse(corrupt.stdout)).toMatchObject({ status: 2, name: 'InvalidBaselineResult' });
    expect(corrupt.stdout).toContain('corrupt.json is not valid JSON');
    const since = health(['-d', dir, '--since', 'last']);
    expect(since.status).toBe(2);
    expect(since.stderr).toMatch(/--since last needs --history DIR/);
    expect(since.stderr + corrupt.stdout + missing.stderr).not.toMatch(/^\s{4}at /m);
    const noBaseline = health(['-d', dir, '--fail-on-new', 'high']);
    expect(noBaseline.status).toBe(2);
  });
});
