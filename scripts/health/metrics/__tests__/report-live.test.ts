import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../emulator/datasets';
import { PROJECT_ROOT, runScript, startLiveOrg, type LiveOrg } from '../../../test-support/liveOrg';
import { formatValue, metricLabel, targetText } from '../../reporters/scorecard';
import type { HealthCheckResult } from '../../result';

jest.setTimeout(180_000);

/** The quarterly report (`--format report`) as a user writes it: live through the emulated org, and offline on metadata. */
describe('the quarterly report, end to end', () => {
  let org: LiveOrg;
  const dir = mkdtempSync(join(tmpdir(), 'quarterly-'));

  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
  });
  afterAll(async () => {
    await org?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('live: every missed target of the run with its value, the open items of SalesOps and IT by Accountable', async () => {
    const file = join(dir, 'live.md');
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--format', 'report', '--output', file, '--json']);
    const result = (JSON.parse(output.stdout) as { result: HealthCheckResult }).result;
    const report = readFileSync(file, 'utf8');
    expect(report.split('\n')[0]).toMatch(/^# CRM operating model: quarterly report, \d{4} Q[1-4]$/);
    const missed = result.metrics!.filter((metric) => metric.status === 'missed');
    expect(missed.length).toBeGreaterThan(0);
    for (const metric of missed)
      expect(report).toContain(
        `- **${metricLabel(metric)}** is ${formatValue(metric.value, metric.unit)} against a target of ${targetText(metric)}.`
      );
    // SalesOps has open items of its own, each owner named as the Accountable of the area.
    expect(report).toMatch(/### SalesOps \(\d+\)/);
    expect(report).toMatch(/### IT \(\d+\)/);
    expect(report).toContain('| Ivy Platform |');
    expect(report).not.toContain('## Not measured');
  });

  it('offline: says which targets it could not measure and why, rather than a clean bill', async () => {
    const file = join(dir, 'offline.md');
    const output = await runScript(
      'scripts/health/cli.ts',
      ['--metadata-dir', join(PROJECT_ROOT, 'force-app'), '--format', 'report', '--output', file],
      process.env
    );
    expect(output.stderr).toContain(`report written to ${file}`);
    const report = readFileSync(file, 'utf8');
    expect(report).toContain('## Not measured');
    for (const label of ['MTTD (security regressions)', 'Deploy frequency', 'Forecast accuracy'])
      expect(report).toMatch(new RegExp(`^- ${label.replace(/[()]/g, '\\$&')} \\(no data\\): .+`, 'm'));
  });
});
