import { exitCodeFor } from '../cli';
import { runHealthCheck } from '../engine';
import { renderHtml } from '../reporters/html';
import { renderJunit } from '../reporters/junit';
import { renderMarkdown } from '../reporters/markdown';
import { renderSarif } from '../reporters/sarif';
import { renderTable } from '../reporters/table';
import type { HealthCheckResult } from '../result';
import type { Rule, RuleEvaluation } from '../rules/types';
import type { OrgSnapshot, SnapshotPart, SnapshotSource } from '../snapshot';
import { liveSnapshot } from './core-fixtures';

const NOW = new Date('2026-11-30T08:00:00Z');

function rule(id: string, reads: SnapshotPart[], modes: SnapshotSource[], evaluation: RuleEvaluation = { hits: [] }): Rule {
  return {
    id,
    title: `Rule ${id}`,
    severity: 'high',
    lead: 'IT',
    areaKey: 'ACCESS.PERMISSIONS',
    remediation: 'Fix it.',
    references: [],
    controls: {},
    reads,
    modes,
    evaluate: () => evaluation
  };
}

function run(snapshot: OrgSnapshot, rules: Rule[]): HealthCheckResult {
  return runHealthCheck(snapshot, { now: NOW, rules });
}

const BOTH: SnapshotSource[] = ['org', 'metadata'];

describe('complete and coverage', () => {
  it('a rule outside its modes does not apply: skipped, and the run stays complete', () => {
    const snapshot: OrgSnapshot = { ...liveSnapshot(), source: 'metadata' };
    const result = run(snapshot, [rule('r.live', ['users'], ['org']), rule('r.both', ['holders'], BOTH)]);
    expect(result.rules.map((r) => [r.id, r.status, r.skipKind, r.reason])).toEqual([
      ['r.live', 'skipped', 'not-applicable', 'needs a live org (--target-org)'],
      ['r.both', 'passed', undefined, undefined]
    ]);
    expect(result.complete).toBe(true);
    expect(result.coverage).toEqual({
      rules: 2,
      run: 1,
      skipped: 1,
      notApplicable: 1,
      byReason: [{ reason: 'needs a live org (--target-org)', rules: 1 }]
    });
  });

  it('a part the collector could not read skips exactly the rules that read it, with its reason, and the run is incomplete', () => {
    const reason = 'LoginHistory: QUERY_TIMEOUT (grant View Setup and Monitor Login History, or retry off-peak)';
    const snapshot = liveSnapshot({ unavailable: { logins: reason } });
    const result = run(snapshot, [
      rule('r.logins', ['users', 'logins'], ['org'], { hits: [{ component: { type: 'User', name: 'u' }, detail: 'x' }] }),
      rule('r.users', ['users'], ['org'], { hits: [{ component: { type: 'User', name: 'u' }, detail: 'y' }] })
    ]);
    expect(result.rules.map((r) => [r.id, r.status, r.skipKind, r.reason])).toEqual([
      ['r.logins', 'skipped', 'incomplete', reason],
      ['r.users', 'failed', undefined, undefined]
    ]);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['r.users']);
    expect(result.complete).toBe(false);
    expect(result.coverage).toMatchObject({ rules: 2, run: 1, skipped: 1, notApplicable: 0 });
  });

  it('a part this mode can never supply makes the rules reading it not applicable', () => {
    const snapshot = liveSnapshot({ notApplicable: { assignments: 'needs a live org (--target-org)' } });
    const result = run(snapshot, [rule('r.assign', ['assignments'], BOTH)]);
    expect(result.rules[0]).toMatchObject({ status: 'skipped', skipKind: 'not-applicable' });
    expect(result.complete).toBe(true);
  });

  it("a rule's own skip counts as incomplete unless it says it does not apply", () => {
    const missing = run(liveSnapshot(), [rule('r.field', ['holders'], BOTH, { skipped: 'PermissionSet.PermissionsX is not in this org' })]);
    expect(missing.rules[0].skipKind).toBe('incomplete');
    expect(missing.complete).toBe(false);
    const notApplicable = run(liveSnapshot(), [
      rule('r.na', ['settings'], BOTH, { skipped: 'computed from the org', notApplicable: true })
    ]);
    expect(notApplicable.rules[0].skipKind).toBe('not-applicable');
    expect(notApplicable.complete).toBe(true);
  });

  it('a partial snapshot (budget stop) is incomplete even when every rule ran', () => {
    const result = run(liveSnapshot({ partial: { reason: 'API budget below 10%' } }), [rule('r.ok', ['holders'], BOTH)]);
    expect(result.rules[0].status).toBe('passed');
    expect(result.complete).toBe(false);
  });

  it('groups skipped rules by reason, most first', () => {
    const snapshot = liveSnapshot({ unavailable: { logins: 'L', auditTrail: 'A' } });
    const result = run(snapshot, [rule('r1', ['logins'], ['org']), rule('r2', ['auditTrail'], ['org']), rule('r3', ['logins'], ['org'])]);
    expect(result.coverage.byReason).toEqual([
      { reason: 'L', rules: 2 },
      { reason: 'A', rules: 1 }
    ]);
  });
});

describe('exit codes', () => {
  const openHigh = { findings: [{ status: 'open', severity: 'high' }] } as unknown as HealthCheckResult;
  const none = { findings: [] } as unknown as HealthCheckResult;

  it('3 for an incomplete run, 0 with --allow-partial, and 1 wins over 3', () => {
    expect(exitCodeFor({ failOn: 'never', allowPartial: false }, { ...none, complete: false })).toBe(3);
    expect(exitCodeFor({ failOn: 'never', allowPartial: true }, { ...none, complete: false })).toBe(0);
    expect(exitCodeFor({ failOn: 'high', allowPartial: false }, { ...openHigh, complete: false })).toBe(1);
    expect(exitCodeFor({ failOn: 'critical', allowPartial: false }, { ...openHigh, complete: false })).toBe(3);
    expect(exitCodeFor({ failOn: 'high', allowPartial: false }, { ...openHigh, complete: true })).toBe(1);
    expect(exitCodeFor({ failOn: 'never', allowPartial: false }, { ...openHigh, complete: true })).toBe(0);
  });
});

describe('every format tells an incomplete run apart', () => {
  const snapshot = liveSnapshot({ unavailable: { logins: 'LoginHistory: QUERY_TIMEOUT' }, salesforceScore: 64 });
  const result = run(snapshot, [rule('r.logins', ['logins'], ['org']), rule('r.ok', ['holders'], BOTH)]);

  it('table and Markdown say incomplete beside the score, with coverage and the Salesforce score', () => {
    const table = renderTable(result);
    expect(table).toContain('Score 100/100 (Excellent, incomplete)');
    expect(table).toContain('Coverage: 1 of 2 rules run; 1 skipped for data that could not be read: incomplete');
    expect(table).toContain('Salesforce Health Check score: 64/100');
    const markdown = renderMarkdown(result);
    expect(markdown.split('\n')[0]).toBe('## CRM health check: 100/100 (Excellent, incomplete)');
    expect(markdown).toContain('Incomplete run');
  });

  it('HTML says incomplete in the title and as an alert', () => {
    const html = renderHtml(result);
    expect(html).toContain('<title>CRM health check: 100/100 (Excellent, incomplete)</title>');
    expect(html).toMatch(/role="alert"><strong>Incomplete run:/);
  });

  it('SARIF and JUnit carry complete and coverage', () => {
    const sarif = JSON.parse(renderSarif(result)) as { runs: Array<{ properties: Record<string, unknown> }> };
    expect(sarif.runs[0].properties).toMatchObject({ complete: false, coverage: { rules: 2, run: 1 }, salesforceScore: 64 });
    const junit = renderJunit(result);
    expect(junit).toContain('<property name="complete" value="false"/>');
    expect(junit).toContain('<property name="coverage" value="Coverage: 1 of 2 rules run;');
  });

  it('a complete run shows no incomplete mark', () => {
    const complete = run(liveSnapshot(), [rule('r.ok', ['holders'], BOTH)]);
    expect(renderTable(complete)).toContain('Score 100/100 (Excellent);');
    expect(renderMarkdown(complete)).not.toContain('Incomplete run');
  });
});
