import { runHealthCheck } from '../engine';
import type { Rule, RuleHit } from '../rules/types';
import { liveSnapshot } from './core-fixtures';

const NOW = new Date('2025-06-30T12:00:00Z');

function rule(hits: RuleHit[]): Rule {
  return {
    id: 'r.one',
    title: 'One',
    severity: 'medium',
    lead: 'IT',
    areaKey: 'ACCESS.PERMISSIONS',
    remediation: 'Fix it.',
    references: [],
    controls: {},
    reads: [],
    modes: ['org', 'metadata'],
    evaluate: () => ({ hits })
  };
}

describe('the result says where it came from, and each finding only what it knows', () => {
  it('carries the org, user and metadata folder when known, and a finding its location', () => {
    const result = runHealthCheck(liveSnapshot({ username: 'ivy@acme.test' }), {
      now: NOW,
      metadataDir: 'force-app',
      rules: [
        rule([
          { component: { type: 'Profile', name: 'Admin' }, detail: 'd', location: { file: 'profiles/Admin.profile-meta.xml', line: 4 } }
        ])
      ]
    });
    expect(result).toMatchObject({ source: 'org', orgId: '00D000000000001', username: 'ivy@acme.test', metadataDir: 'force-app' });
    expect(result.findings[0].location).toEqual({ file: 'profiles/Admin.profile-meta.xml', line: 4 });
  });

  it('leaves out what it does not know', () => {
    const result = runHealthCheck(
      { ...liveSnapshot(), orgId: undefined },
      {
        now: NOW,
        rules: [
          rule([{ component: { type: 'Profile', name: 'Admin' }, detail: 'd', route: { areaKey: 'REVENUE.STAGES', lead: 'SalesOps' } }])
        ]
      }
    );
    expect(
      Object.keys(result).filter((key) => ['orgId', 'username', 'metadataDir', 'partial', 'apiCalls', 'salesforceScore'].includes(key))
    ).toEqual([]);
    expect(result.findings[0]).toEqual({
      ruleId: 'r.one',
      key: 'r.one:Profile:Admin',
      severity: 'medium',
      lead: 'SalesOps',
      title: 'One',
      component: { type: 'Profile', name: 'Admin' },
      detail: 'd',
      remediation: 'Fix it.',
      status: 'open',
      areaKey: 'REVENUE.STAGES'
    });
  });

  it('an Accountable who is not among the users is named by id', () => {
    const result = runHealthCheck(
      liveSnapshot({ governanceAreas: [{ id: 'a1', areaKey: 'ACCESS.PERMISSIONS', name: 'P', accountableId: '005Z' }] }),
      {
        now: NOW,
        rules: [rule([{ component: { type: 'Profile', name: 'Admin' }, detail: 'd' }])]
      }
    );
    expect(result.findings[0].accountable).toEqual({ id: '005Z', name: '005Z' });
  });
});
