import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHealthCheck } from '../engine';
import { computeMetrics } from '../metrics/compute';
import { DEFAULT_TARGETS, parseTargets } from '../metrics/targets';
import type { Finding } from '../result';
import type { OrgSnapshot } from '../snapshot';
import { liveSnapshot, writeTree } from './core-fixtures';

const TAKEN = '2026-11-23T12:00:00.000Z';
const snapshot = (extra: Partial<OrgSnapshot> = {}): OrgSnapshot => liveSnapshot({ takenAt: TAKEN, ...extra });
const byId = (metrics: ReturnType<typeof computeMetrics>) => Object.fromEntries(metrics.map((metric) => [metric.id, metric]));

describe('operating-model metrics', () => {
  it('has every DESIGN.md metric with its default target', () => {
    const metrics = computeMetrics(snapshot(), []);
    expect(metrics.map((metric) => [metric.id, metric.target])).toEqual([
      ['mttd-hours', 24],
      ['mttr-days', 5],
      ['deploy-frequency-per-week', 1],
      ['change-failure-rate', 0.15],
      ['lead-time-days', 5],
      ['security-review-days', 7],
      ['forecast-accuracy', 0.85]
    ]);
  });

  it('computes each from its records, says from what, and compares with the target', () => {
    const audit = {
      id: '0Ym',
      action: 'PermSetEnableUserPerm',
      section: 'Manage Users',
      display: 'Permission set Shadow Admin: Modify All Data enabled',
      createdDate: '2026-11-22T12:00:00.000Z',
      createdById: '005'
    };
    const newFinding = {
      key: 'perm.modify-all-data:PermissionSet:Shadow_Admin',
      ruleId: 'perm.modify-all-data',
      component: { type: 'PermissionSet', name: 'Shadow_Admin' }
    } as Finding;
    const metrics = byId(
      computeMetrics(
        snapshot({
          auditTrail: [audit],
          findings: [
            {
              id: 'f1',
              findingKey: 'perm.view-all-data:Profile:Admin',
              ruleId: 'perm.view-all-data',
              status: 'Resolved',
              firstDetected: '2026-11-01T00:00:00.000Z',
              resolvedOn: '2026-11-04T00:00:00.000Z'
            },
            {
              id: 'f2',
              findingKey: 'revenue.forecast-accuracy:ForecastQuarter:2026-Q3',
              ruleId: 'revenue.forecast-accuracy',
              status: 'Open',
              firstDetected: '2026-11-13T12:00:00.000Z'
            }
          ],
          deployments: [
            { id: 'd1', status: 'Succeeded', checkOnly: false },
            { id: 'd2', status: 'Succeeded', checkOnly: false },
            { id: 'd3', status: 'Failed', checkOnly: false },
            { id: 'd4', status: 'Failed', checkOnly: true }
          ],
          changeRequests: [
            {
              id: 'c1',
              name: 'CR-1',
              request: 'r',
              status: 'Deployed',
              requestedOn: '2026-11-01',
              deployedOn: '2026-11-04',
              changesAccess: true,
              changesRevenue: false,
              securityReviewRequestedOn: '2026-11-01',
              securityReviewCompletedOn: '2026-11-03'
            },
            {
              id: 'c2',
              name: 'CR-2',
              request: 'r',
              status: 'Deployed',
              requestedOn: '2026-11-01',
              deployedOn: '2026-11-11',
              changesAccess: false,
              changesRevenue: true
            }
          ],
          forecastQuarters: [
            { quarter: '2026-Q2', start: '', end: '', forecastAmount: 100, closedWonAmount: 90, basis: 'OpportunityHistory' },
            { quarter: '2026-Q3', start: '', end: '', forecastAmount: 100, closedWonAmount: 60, basis: 'OpportunityHistory' }
          ]
        }),
        [newFinding]
      )
    );
    expect(metrics['mttd-hours']).toMatchObject({ value: 24, status: 'met', unit: 'hours' });
    expect(metrics['mttr-days']).toMatchObject({ value: 6.5, status: 'missed' });
    expect(metrics['mttr-days'].breakdown).toEqual([
      { by: 'lead', key: 'IT', value: 3, count: 1 },
      { by: 'lead', key: 'SalesOps', value: 10, count: 1 }
    ]);
    expect(metrics['deploy-frequency-per-week']).toMatchObject({ value: 0.16, status: 'missed' });
    expect(metrics['change-failure-rate']).toMatchObject({ value: 0.33, status: 'missed' });
    expect(metrics['change-failure-rate'].basis).toBe(
      '1 of 3 production deployments failed, were partial or cancelled (DeployRequest, 90 days)'
    );
    expect(metrics['lead-time-days']).toMatchObject({ value: 6.5, status: 'missed' });
    expect(metrics['security-review-days']).toMatchObject({ value: 2, status: 'met' });
    expect(metrics['forecast-accuracy']).toMatchObject({ value: 0.75, status: 'missed' });
    expect(metrics['forecast-accuracy'].basis).toContain('2026-Q2, 2026-Q3');
  });

  it('has no data offline, saying why, and rides on every result', () => {
    const offline: OrgSnapshot = {
      source: 'metadata',
      takenAt: TAKEN,
      holders: [],
      settings: {},
      unavailable: {},
      notApplicable: { findings: 'needs a live org (--target-org)' }
    };
    const metrics = runHealthCheck(offline).metrics!;
    expect(metrics.every((metric) => metric.status === 'no-data' && metric.value === null)).toBe(true);
    expect(metrics[1].basis).toBe('needs a live org (--target-org)');
  });

  it('changes targets from a JSON file or inline pairs, and rejects bad ones naming the input', () => {
    expect(parseTargets(undefined)).toEqual(DEFAULT_TARGETS);
    expect(parseTargets('mttd-hours=12, lead-time-days=3')).toMatchObject({ 'mttd-hours': 12, 'lead-time-days': 3, 'mttr-days': 5 });
    const dir = writeTree({ 'targets.json': JSON.stringify({ 'forecast-accuracy': 0.7 }) });
    expect(parseTargets(join(dir, 'targets.json'))['forecast-accuracy']).toBe(0.7);
    writeFileSync(join(dir, 'bad.json'), '{"forecast-accuracy": 85}');
    expect(() => parseTargets(join(dir, 'bad.json'))).toThrow(/bad\.json: forecast-accuracy is a share from 0 to 1, not 85/);
    expect(() => parseTargets('mttd=1')).toThrow('--targets: "mttd" is not a metric id');
    expect(() => parseTargets('nope')).toThrow('--targets: nope is neither a file nor id=value pairs');
    const result = runHealthCheck(snapshot({ changeRequests: [] }), { options: { targets: { 'lead-time-days': 2 } } });
    expect(result.metrics?.find((metric) => metric.id === 'lead-time-days')?.target).toBe(2);
  });
});

describe('--targets on the command line', () => {
  it('exits 2 naming the flag for a bad target, before reading anything', async () => {
    const { main } = await import('../cli');
    let stderr = '';
    const sink = { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WritableStream;
    const code = await main(['--metadata-dir', 'force-app', '--targets', 'mttd-hours=-1'], { stdout: sink, stderr: sink });
    expect(code).toBe(2);
    expect(stderr).toContain('--targets: mttd-hours must be a number of at least 0, not "-1"');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
