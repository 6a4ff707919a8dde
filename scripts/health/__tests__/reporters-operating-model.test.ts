import type { Metric } from '../metrics/compute';
import { render } from '../reporters';
import type { HealthCheckResult } from '../result';
import { sampleResult } from './reporters-fixture';

const METRICS: Metric[] = [
  { id: 'mttd-hours', value: 96, unit: 'hours', target: 24, status: 'missed', basis: '3 security findings' },
  { id: 'mttr-days', value: 4.2, unit: 'days', target: 5, status: 'met', basis: '12 Health_Finding__c records' },
  {
    id: 'deploy-frequency-per-week',
    value: null,
    unit: 'per-week',
    target: 1,
    status: 'no-data',
    basis: 'DeployRequest could not be read (INSUFFICIENT_ACCESS)'
  },
  {
    id: 'forecast-accuracy',
    value: 0.68,
    unit: 'ratio',
    target: 0.85,
    status: 'missed',
    basis: '2 closed quarters from OpportunityHistory | Opportunity',
    trend: [
      { period: '2026-Q2', value: 0.71 },
      { period: '2026-Q3', value: 0.65 }
    ]
  }
];
const withMetrics = (): HealthCheckResult => ({ ...sampleResult(), metrics: METRICS });

describe('the operating model in the reports', () => {
  it('the table prints the scorecard: value against target, status and what it was computed from', () => {
    const table = render('table', withMetrics());
    expect(table).toContain('Scorecard: 1 of 4 targets met, 2 missed, 1 without data');
    expect(table).toMatch(/MTTD \(security regressions\)\s+96 h\s+≤ 24 h\s+MISSED\s+3 security findings/);
    expect(table).toMatch(/Forecast accuracy\s+68 %\s+≥ 85 %\s+MISSED/);
    expect(table).toMatch(/Deploy frequency\s+–\s+≥ 1\/week\s+no data\s+DeployRequest could not be read/);
  });

  it('leaves the scorecard out when nothing was measured (offline)', () => {
    const offline = { ...sampleResult(), metrics: METRICS.map((metric) => ({ ...metric, value: null, status: 'no-data' as const })) };
    expect(render('table', offline)).not.toContain('Scorecard');
    expect(render('html', offline)).not.toContain('Scorecard');
  });

  it('Markdown and HTML carry the scorecard, escaped', () => {
    expect(render('markdown', withMetrics())).toContain(
      '| Forecast accuracy | 68 % | ≥ 85 % | MISSED | 2026-Q2: 71 %, 2026-Q3: 65 % | 2 closed quarters from OpportunityHistory \\| Opportunity |'
    );
    const html = render('html', withMetrics());
    expect(html).toContain('<table aria-label="Operating model targets">');
    expect(html).toContain('<th scope="row">MTTR (findings)</th><td>4.2 d</td><td>≤ 5 d</td><td>met</td>');
  });

  it('--format report is the quarterly report: targets, misses, trend, open items by owner, what was not measured', () => {
    const result = withMetrics();
    const report = render('report', result);
    expect(report.split('\n')[0]).toMatch(/^# CRM operating model: quarterly report, \d{4} Q[1-4]$/);
    expect(report).toContain('- **MTTD (security regressions)** is 96 h against a target of ≤ 24 h.');
    expect(report).toContain('2026-Q2: 71 %, 2026-Q3: 65 %');
    expect(report).toContain('## Open items by owner');
    const open = result.findings.filter((finding) => finding.status === 'open');
    for (const lead of new Set(open.map((finding) => finding.lead))) expect(report).toContain(`### ${lead} (`);
    expect(report).toContain('- Deploy frequency (no data): DeployRequest could not be read (INSUFFICIENT_ACCESS)');
  });
});
