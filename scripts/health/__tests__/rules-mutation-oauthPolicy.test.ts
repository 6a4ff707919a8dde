import type { ConnectedApp } from '../snapshot';
import { liveSnapshot } from './core-fixtures';
import { evaluateRule, ruleHits } from './rules-harness';

// What an admin reads from the two OAuth policy rules: which apps are findings, at which severity,
// what the finding says and where it points; when the rule cannot know and says so instead of passing.
const IP = 'capp.ip-relaxation-bypass';
const REFRESH = 'capp.refresh-token-forever';
const appsSnapshot = (connectedApps: ConnectedApp[], unavailable: Record<string, string> = {}) =>
  liveSnapshot({ connectedApps, unavailable });

describe('capp.ip-relaxation-bypass', () => {
  it('full bypass is a finding at the rule severity, with the app label, its value and its policy location', () => {
    const hits = ruleHits(
      IP,
      appsSnapshot([
        {
          name: 'Erp_Sync',
          label: 'ERP Sync',
          ipRelaxation: 'BYPASS',
          location: { file: 'connectedApps/Erp_Sync.connectedApp-meta.xml' },
          policyLocations: { ipRelaxation: { file: 'connectedApps/Erp_Sync.connectedApp-meta.xml', line: 12 } }
        }
      ])
    );
    expect(hits).toEqual([
      {
        component: { type: 'ConnectedApp', name: 'Erp_Sync' },
        detail: "ERP Sync: IP restrictions are relaxed (BYPASS): its tokens work from any address, whatever the user's login IP ranges.",
        location: { file: 'connectedApps/Erp_Sync.connectedApp-meta.xml', line: 12 }
      }
    ]);
  });

  it('an external client app spells it Bypass: the same finding, named as an external client app, by its API name when it has no label', () => {
    const hits = ruleHits(
      IP,
      appsSnapshot([{ name: 'Billing_Eca', kind: 'ExternalClientApplication', ipRelaxation: 'Bypass', location: { file: 'eca.xml' } }])
    );
    expect(hits).toEqual([
      {
        component: { type: 'ExternalClientApplication', name: 'Billing_Eca' },
        detail: "Billing_Eca: IP restrictions are relaxed (Bypass): its tokens work from any address, whatever the user's login IP ranges.",
        location: { file: 'eca.xml' }
      }
    ]);
  });

  it('the value as written in the file, with white space around it, is still a full bypass', () => {
    const [hit] = ruleHits(IP, appsSnapshot([{ name: 'Spaced', ipRelaxation: '\n  BYPASS\n' }]));
    expect(hit.severity).toBeUndefined();
    expect(hit.detail).toContain('IP restrictions are relaxed (\n  BYPASS\n): its tokens work from any address');
  });

  it.each(['Bypass_2factor', ' Bypass_2factor '])('relaxed after a second factor (%s) is a medium finding that says so', (value) => {
    const hits = ruleHits(
      IP,
      appsSnapshot([
        {
          name: 'Mfa_App',
          label: 'MFA App',
          ipRelaxation: value,
          location: { file: 'app.xml' },
          policyLocations: { refreshTokenPolicy: { file: 'app.xml', line: 3 } }
        }
      ])
    );
    expect(hits).toEqual([
      {
        component: { type: 'ConnectedApp', name: 'Mfa_App' },
        detail: `MFA App: IP restrictions are relaxed after a second factor (${value}).`,
        location: { file: 'app.xml' },
        severity: 'medium'
      }
    ]);
  });

  it('enforced, or no policy at all, is not a finding', () => {
    const snapshot = appsSnapshot([
      { name: 'Enforced', ipRelaxation: 'ENFORCE' },
      { name: 'Eca_Enforced', kind: 'ExternalClientApplication', ipRelaxation: 'Enforce' },
      { name: 'Relaxed_Refresh_Only', kind: 'ExternalClientApplication', ipRelaxation: 'Enforce_RelaxRefresh' },
      { name: 'No_Policy' }
    ]);
    expect(ruleHits(IP, snapshot)).toEqual([]);
  });

  it("only the org's own apps are findings: a Salesforce-provided app keeps its defaults", () => {
    const snapshot = appsSnapshot([
      { name: 'Salesforce_CLI', ipRelaxation: 'BYPASS', salesforceProvided: true },
      { name: 'Own_Flagged', ipRelaxation: 'BYPASS', salesforceProvided: false },
      { name: 'Own', ipRelaxation: 'BYPASS' }
    ]);
    expect(ruleHits(IP, snapshot).map((hit) => hit.component.name)).toEqual(['Own_Flagged', 'Own']);
  });

  it("skipped with the collector's reason when the API hides the policy and no app carries it", () => {
    const reason = 'ConnectedApp.ipRelaxation is not readable by this user';
    expect(evaluateRule(IP, appsSnapshot([{ name: 'A' }, { name: 'B' }], { 'ConnectedApp.ipRelaxation': reason }))).toEqual({
      skipped: reason
    });
  });

  it('runs when one app carries the policy even though the field is named unavailable', () => {
    const snapshot = appsSnapshot([{ name: 'A' }, { name: 'B', ipRelaxation: 'BYPASS' }], {
      'ConnectedApp.ipRelaxation': 'partly hidden'
    });
    expect(ruleHits(IP, snapshot).map((hit) => hit.component.name)).toEqual(['B']);
  });

  it("a Salesforce-provided app carrying the policy does not make it known for the org's own apps", () => {
    const reason = 'hidden';
    const snapshot = appsSnapshot([{ name: 'Salesforce_CLI', ipRelaxation: 'ENFORCE', salesforceProvided: true }, { name: 'Own' }], {
      'ConnectedApp.ipRelaxation': reason
    });
    expect(evaluateRule(IP, snapshot)).toEqual({ skipped: reason });
  });

  it('another field being unavailable does not skip it', () => {
    const snapshot = appsSnapshot([{ name: 'A', ipRelaxation: 'BYPASS' }], { 'ConnectedApp.refreshTokenPolicy': 'hidden' });
    expect(ruleHits(IP, snapshot)).toHaveLength(1);
  });

  it('skipped when the connected apps are unknown', () => {
    const snapshot = liveSnapshot({ connectedApps: undefined, unavailable: { connectedApps: 'no access to ConnectedApplication' } });
    expect(evaluateRule(IP, snapshot)).toEqual({ skipped: 'no access to ConnectedApplication' });
  });
});

describe('capp.refresh-token-forever', () => {
  it('refresh tokens valid until revoked are a finding naming the app, its value and the policy location', () => {
    const hits = ruleHits(
      REFRESH,
      appsSnapshot([
        {
          name: 'Erp_Sync',
          label: 'ERP Sync',
          refreshTokenPolicy: 'infinite',
          location: { file: 'app.xml' },
          policyLocations: { refreshTokenPolicy: { file: 'app.xml', line: 20 } }
        },
        { name: 'Eca', kind: 'ExternalClientApplication', refreshTokenPolicy: 'Infinite', location: { file: 'eca.xml' } }
      ])
    );
    expect(hits).toEqual([
      {
        component: { type: 'ConnectedApp', name: 'Erp_Sync' },
        detail: 'ERP Sync: refresh tokens are valid until revoked (infinite): a token taken once keeps working.',
        location: { file: 'app.xml', line: 20 }
      },
      {
        component: { type: 'ExternalClientApplication', name: 'Eca' },
        detail: 'Eca: refresh tokens are valid until revoked (Infinite): a token taken once keeps working.',
        location: { file: 'eca.xml' }
      }
    ]);
  });

  it('a lifetime, an idle limit or no policy is not a finding; nor is a Salesforce-provided app', () => {
    const snapshot = appsSnapshot([
      { name: 'Lifetime', refreshTokenPolicy: 'specific_lifetime' },
      { name: 'Idle', refreshTokenPolicy: 'SpecificInactivity' },
      { name: 'Zero', refreshTokenPolicy: 'zero' },
      { name: 'None' },
      { name: 'Salesforce_CLI', refreshTokenPolicy: 'infinite', salesforceProvided: true }
    ]);
    expect(ruleHits(REFRESH, snapshot)).toEqual([]);
  });

  it("skipped with the collector's reason when the API hides the policy and no app carries it", () => {
    const reason = 'ConnectedApp.refreshTokenPolicy is not exposed by this API version';
    expect(
      evaluateRule(REFRESH, appsSnapshot([{ name: 'A', ipRelaxation: 'BYPASS' }], { 'ConnectedApp.refreshTokenPolicy': reason }))
    ).toEqual({
      skipped: reason
    });
    const known = appsSnapshot([{ name: 'A' }, { name: 'B', refreshTokenPolicy: 'infinite' }], {
      'ConnectedApp.refreshTokenPolicy': reason
    });
    expect(ruleHits(REFRESH, known).map((hit) => hit.component.name)).toEqual(['B']);
  });
});
