import { UsageError } from '../../lib/errors';
import { runHealthCheck } from '../engine';
import type { Rule } from '../rules/types';
import { applySuppressions, loadSuppressions, parseSuppressions } from '../suppressions';
import { holder, liveSnapshot, writeTree } from './core-fixtures';
import { join } from 'node:path';

const NOW = new Date('2025-06-30T12:00:00Z');

function stubRule(id: string, severity: Rule['severity'], hitNames: string[] | { skipped: string }): Rule {
  return {
    id,
    title: `Rule ${id}`,
    severity,
    lead: 'IT',
    areaKey: 'ACCESS.PERMISSIONS',
    remediation: 'Fix it.',
    references: [],
    controls: {},
    reads: ['holders'],
    modes: ['org', 'metadata'],
    evaluate: () =>
      Array.isArray(hitNames)
        ? { hits: hitNames.map((name) => ({ component: { type: 'Profile', name }, detail: `${name} is wrong.` })) }
        : hitNames
  };
}

describe('runHealthCheck', () => {
  it('builds keyed findings, rule outcomes, open counts, score and grade', () => {
    const snapshot = liveSnapshot({
      users: [
        {
          id: '005A',
          username: 'it.lead@acme.test',
          name: 'Ida Lead',
          isActive: true,
          profileName: 'System Administrator',
          userType: 'Standard'
        }
      ],
      governanceAreas: [{ id: 'a1', areaKey: 'ACCESS.PERMISSIONS', name: 'Permissions', accountableId: '005A' }],
      apiCalls: { total: 12, byKind: { query: 12 } },
      partial: { reason: 'API budget' }
    });
    const result = runHealthCheck(snapshot, {
      now: NOW,
      rules: [
        stubRule('r.high', 'high', ['Admin', 'Admin']),
        stubRule('r.low', 'low', []),
        stubRule('r.skip', 'critical', { skipped: 'needs a live org (--target-org)' })
      ]
    });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      key: 'r.high:Profile:Admin',
      status: 'open',
      areaKey: 'ACCESS.PERMISSIONS',
      accountable: { id: '005A', name: 'Ida Lead' },
      detail: 'Admin is wrong. Admin is wrong.'
    });
    expect(result.rules.map((rule) => [rule.id, rule.status, rule.reason])).toEqual([
      ['r.high', 'failed', undefined],
      ['r.low', 'passed', undefined],
      ['r.skip', 'skipped', 'needs a live org (--target-org)']
    ]);
    expect(result.counts).toEqual({ critical: 0, high: 1, medium: 0, low: 0, info: 0 });
    expect(result.score).toBe(20);
    expect(result.grade).toBe('Very Poor');
    expect(result.apiCalls).toEqual({ total: 12, byKind: { query: 12 } });
    expect(result.partial).toEqual({ reason: 'API budget' });
    expect(result.toolVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.startedAt).toBe(NOW.toISOString());
  });

  it('a rule that throws is skipped with the error, not fatal', () => {
    const broken: Rule = {
      ...stubRule('r.broken', 'high', []),
      evaluate: () => {
        throw new Error('boom');
      }
    };
    const result = runHealthCheck(liveSnapshot(), { now: NOW, rules: [broken] });
    expect(result.rules[0]).toMatchObject({ status: 'skipped', reason: 'rule error: boom' });
  });

  it('names the Accountable of the finding’s own area, found among the other areas and users', () => {
    const snapshot = liveSnapshot({
      users: [
        { id: '005B', username: 'b@acme.test', name: 'Bea Other', isActive: true, profileName: 'Standard User', userType: 'Standard' },
        { id: '005A', username: 'a@acme.test', name: 'Ida Lead', isActive: true, profileName: 'Standard User', userType: 'Standard' }
      ],
      governanceAreas: [
        { id: 'a0', areaKey: 'SECURITY.MFA', name: 'MFA', accountableId: '005B' },
        { id: 'a1', areaKey: 'ACCESS.PERMISSIONS', name: 'Permissions', accountableId: '005A' }
      ]
    });
    const result = runHealthCheck(snapshot, { now: NOW, rules: [stubRule('r.high', 'high', ['Admin'])] });
    expect(result.findings[0].accountable).toEqual({ id: '005A', name: 'Ida Lead' });
  });

  it('gives the rules the run’s options over the defaults, and the snapshot’s last run', () => {
    const seen: unknown[] = [];
    const probe: Rule = {
      ...stubRule('r.probe', 'low', []),
      evaluate: (_snapshot, { options }) => {
        seen.push([options.lastRunAt, options.dormantDays, options.adminSprawlThreshold]);
        return { hits: [] };
      }
    };
    runHealthCheck(liveSnapshot({ lastRunAt: '2025-06-01T00:00:00Z' }), { now: NOW, rules: [probe], options: { dormantDays: 30 } });
    expect(seen).toEqual([['2025-06-01T00:00:00Z', 30, 5]]);
  });

  it('counts the skipped rules by reason, the commonest reason first', () => {
    const result = runHealthCheck(liveSnapshot(), {
      now: NOW,
      rules: [
        stubRule('r.a', 'low', { skipped: 'one' }),
        stubRule('r.b', 'low', { skipped: 'three' }),
        stubRule('r.c', 'low', { skipped: 'two' }),
        stubRule('r.d', 'low', { skipped: 'three' }),
        stubRule('r.e', 'low', { skipped: 'two' }),
        stubRule('r.f', 'low', { skipped: 'three' }),
        stubRule('r.g', 'low', [])
      ]
    });
    expect(result.coverage).toEqual({
      rules: 7,
      run: 1,
      skipped: 6,
      notApplicable: 0,
      byReason: [
        { reason: 'three', rules: 3 },
        { reason: 'two', rules: 2 },
        { reason: 'one', rules: 1 }
      ]
    });
  });

  it('passes the collector’s warnings on, and says how long the run took', () => {
    const before = Date.now();
    const result = runHealthCheck(liveSnapshot({ warnings: ['Setup Audit Trail read in part'] }), { now: NOW, rules: [] });
    const took = Date.now() - before;
    expect(result.warnings).toEqual(['Setup Audit Trail read in part']);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThanOrEqual(took);
    expect(runHealthCheck(liveSnapshot(), { now: NOW, rules: [] })).not.toHaveProperty('warnings');
  });

  it('passes on the score Salesforce’s own Health Check gave, when the snapshot has one', () => {
    expect(runHealthCheck(liveSnapshot({ salesforceScore: 72 }), { now: NOW, rules: [] }).salesforceScore).toBe(72);
    expect(runHealthCheck(liveSnapshot({ salesforceScore: 0 }), { now: NOW, rules: [] }).salesforceScore).toBe(0);
    expect(runHealthCheck(liveSnapshot(), { now: NOW, rules: [] })).not.toHaveProperty('salesforceScore');
  });

  it('runs the full registry with the baseline rules', () => {
    const result = runHealthCheck(liveSnapshot({ holders: [holder('Profile', 'Admin', ['ModifyAllData'])] }), { now: NOW });
    expect(result.rules.length).toBe(23 + 11 + 45); // DESIGN.md's rules with the two OAuth policy rules, the operating model's (operatingModel, dataGovernance, salesOps), the baseline
    expect(result.findings.find((finding) => finding.key === 'perm.modify-all-data:Profile:Admin')?.severity).toBe('critical');
    expect(result.baseline).toBe('SFDC recommended');
  });
});

describe('suppressions', () => {
  const snapshot = liveSnapshot({
    holders: [holder('Profile', 'Admin', ['ModifyAllData']), holder('PermissionSet', 'Ops', ['ModifyAllData'])]
  });

  it('config entries accept matching findings until they expire; expired ones stay open and say so', () => {
    const entries = parseSuppressions(
      'supp.json',
      JSON.stringify([
        { ruleId: 'perm.modify-all-data', component: 'Admin', reason: 'break-glass admin', expires: '2025-12-31' },
        { ruleId: 'perm.modify-all-data', component: 'Ops', reason: 'migration', expires: '2025-06-29' }
      ])
    );
    const result = runHealthCheck(snapshot, { now: NOW, suppressions: entries });
    const admin = result.findings.find((finding) => finding.key === 'perm.modify-all-data:Profile:Admin');
    const ops = result.findings.find((finding) => finding.key === 'perm.modify-all-data:PermissionSet:Ops');
    expect(admin).toMatchObject({
      status: 'accepted',
      suppression: { kind: 'config', reason: 'break-glass admin', expires: '2025-12-31', ref: 'supp.json#1' }
    });
    expect(ops).toMatchObject({ status: 'open', expiredSuppression: { kind: 'config', reason: 'migration', expires: '2025-06-29' } });
    expect(ops?.suppression).toBeUndefined();
    expect(result.counts.critical).toBe(1);
  });

  it('an entry without component (or "*") covers every component; the expiry day itself still counts', () => {
    const entries = parseSuppressions(
      's.json',
      JSON.stringify([{ ruleId: 'perm.modify-all-data', component: '*', reason: 'r', expires: '2025-06-30' }])
    );
    const result = runHealthCheck(snapshot, { now: NOW, suppressions: entries });
    expect(result.findings.filter((finding) => finding.ruleId === 'perm.modify-all-data').map((finding) => finding.status)).toEqual([
      'accepted',
      'accepted'
    ]);
  });

  it('decision-based: Risk__c Accept + Accepted, unexpired Decision__c, by finding key or rule id', () => {
    const live = liveSnapshot({
      holders: snapshot.holders,
      risks: [
        { id: 'r1', name: 'Admin MAD', treatment: 'Accept', sourceRef: 'perm.modify-all-data:Profile:Admin', acceptanceDecisionId: 'd1' },
        { id: 'r2', name: 'All VAD', treatment: 'Accept', sourceRef: 'perm.view-all-data', acceptanceDecisionId: 'd2' },
        { id: 'r3', name: 'Ops MAD', treatment: 'Accept', sourceRef: 'perm.modify-all-data:PermissionSet:Ops', acceptanceDecisionId: 'd3' }
      ],
      decisions: [
        { id: 'd1', name: 'DEC-0001', title: 'Keep break-glass admin', status: 'Accepted', expiresOn: '2025-12-31' },
        { id: 'd2', name: 'DEC-0002', status: 'Proposed' },
        { id: 'd3', name: 'DEC-0003', status: 'Accepted', expiresOn: '2025-06-01' }
      ]
    });
    const findings = applySuppressions(
      [
        {
          ruleId: 'perm.modify-all-data',
          key: 'perm.modify-all-data:Profile:Admin',
          severity: 'critical',
          lead: 'IT',
          title: 't',
          component: { type: 'Profile', name: 'Admin' },
          detail: '',
          remediation: '',
          status: 'open',
          areaKey: 'ACCESS.PERMISSIONS'
        },
        {
          ruleId: 'perm.view-all-data',
          key: 'perm.view-all-data:Profile:Admin',
          severity: 'high',
          lead: 'IT',
          title: 't',
          component: { type: 'Profile', name: 'Admin' },
          detail: '',
          remediation: '',
          status: 'open',
          areaKey: 'ACCESS.PERMISSIONS'
        },
        {
          ruleId: 'perm.modify-all-data',
          key: 'perm.modify-all-data:PermissionSet:Ops',
          severity: 'critical',
          lead: 'IT',
          title: 't',
          component: { type: 'PermissionSet', name: 'Ops' },
          detail: '',
          remediation: '',
          status: 'open',
          areaKey: 'ACCESS.PERMISSIONS'
        }
      ],
      live,
      [],
      NOW
    );
    expect(findings[0]).toMatchObject({ status: 'accepted', suppression: { kind: 'decision', ref: 'DEC-0001', expires: '2025-12-31' } });
    expect(findings[1]).toMatchObject({ status: 'open' });
    expect(findings[1].suppression).toBeUndefined();
    expect(findings[2]).toMatchObject({ status: 'open', expiredSuppression: { kind: 'decision', ref: 'DEC-0003' } });
  });

  it.each([
    ['not JSON', '{', /s\.json: invalid JSON/],
    ['not an array', '{}', /s\.json: expected a JSON array/],
    ['no ruleId', '[{"reason":"r","expires":"2025-01-01"}]', /s\.json: entry 1: ruleId is required/],
    ['no reason', '[{"ruleId":"a","expires":"2025-01-01"}]', /entry 1: reason is required \(a\)/],
    [
      'a bad date',
      '[{"ruleId":"a","reason":"r","expires":"2025-02-30"}]',
      /entry 1: expires must be a date YYYY-MM-DD \(a\), got "2025-02-30"/
    ],
    ['an unknown field', '[{"ruleId":"a","reason":"r","expires":"2025-01-01","until":"x"}]', /entry 1: unknown field until/],
    [
      'an empty component',
      '[{"ruleId":"a","reason":"r","expires":"2025-01-01"},{"ruleId":"b","component":"","reason":"r","expires":"2025-01-01"}]',
      /entry 2: component must be/
    ]
  ])('rejects %s, naming the file and entry', (_label, text, message) => {
    expect(() => parseSuppressions('s.json', text)).toThrow(message);
    expect(() => parseSuppressions('s.json', text)).toThrow(UsageError);
    // The error's name is what the command prints first and scripts match on.
    expect(() => parseSuppressions('s.json', text)).toThrow(expect.objectContaining({ name: 'InvalidSuppressions' }));
  });

  it('loads a file and reports a missing one', () => {
    const dir = writeTree({ 's.json': '[{"ruleId":"a","reason":"r","expires":"2025-01-01"}]' });
    expect(loadSuppressions(join(dir, 's.json'))).toHaveLength(1);
    expect(() => loadSuppressions(join(dir, 'missing.json'))).toThrow(/--suppressions .*missing\.json: file not found/);
  });
});
