import type { ConnectedApp } from '../snapshot';
import { ANY_MODE, help, missing } from './helpers';
import type { Rule, RuleEvaluation } from './types';

const INTEGRATION_AREA = 'INTEGRATION.GOVERNANCE';

/**
 * The org's own apps: Salesforce-provided ones (Salesforce CLI, SalesforceA, ...) ship with their
 * defaults and are reviewed by Salesforce, not by the org.
 */
function ownApps(apps: ConnectedApp[]): ConnectedApp[] {
  return apps.filter((app) => app.salesforceProvided !== true);
}

function componentOf(app: ConnectedApp) {
  return { type: app.kind ?? 'ConnectedApp', name: app.name };
}

/**
 * Live, the API may not expose a policy field (then the collector names it in
 * `unavailable['ConnectedApp.<field>']`): the rule is skipped with that reason rather than passed.
 */
function policyMissing(
  apps: ConnectedApp[],
  field: 'ipRelaxation' | 'refreshTokenPolicy',
  unavailable: Record<string, string>
): RuleEvaluation | undefined {
  const reason = unavailable[`ConnectedApp.${field}`];
  return reason && !apps.some((app) => app[field] !== undefined) ? { skipped: reason } : undefined;
}

/** `BYPASS` (connected app) / `Bypass` (external client app): IP restrictions relaxed for everyone; `Bypass_2factor`: relaxed after a second factor. */
function ipPolicy(value: string | undefined): 'bypass' | 'second-factor' | undefined {
  const normalized = (value ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (normalized === 'bypass') return 'bypass';
  if (normalized.startsWith('bypass')) return 'second-factor';
  return undefined;
}

export const ipRelaxationBypass: Rule = {
  id: 'capp.ip-relaxation-bypass',
  reads: ['connectedApps'],
  modes: ANY_MODE,
  title: 'Connected app whose OAuth policy relaxes IP restrictions',
  severity: 'high',
  lead: 'IT',
  areaKey: INTEGRATION_AREA,
  remediation:
    'Set the app\'s OAuth policy "IP Relaxation" to "Enforce IP restrictions" (ipRelaxation ENFORCE; external client apps: ipRelaxationPolicyType Enforce) and add the integration\'s addresses to the profile\'s login IP ranges instead.',
  references: [help('sf.connected_app_manage_oauth.htm')],
  controls: { nist: ['PR.AA-05', 'PR.IR-01'], iso27001: ['A.8.20', 'A.8.5'], cis: ['6.1', '13.5'] },
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'connectedApps');
    if (skip) return skip;
    const apps = ownApps(snapshot.connectedApps ?? []);
    const unknown = policyMissing(apps, 'ipRelaxation', snapshot.unavailable);
    if (unknown) return unknown;
    return {
      hits: apps.flatMap((app) => {
        const policy = ipPolicy(app.ipRelaxation);
        if (!policy) return [];
        return [
          {
            component: componentOf(app),
            detail:
              policy === 'bypass'
                ? `${app.label ?? app.name}: IP restrictions are relaxed (${app.ipRelaxation}): its tokens work from any address, whatever the user's login IP ranges.`
                : `${app.label ?? app.name}: IP restrictions are relaxed after a second factor (${app.ipRelaxation}).`,
            location: app.policyLocations?.ipRelaxation ?? app.location,
            ...(policy === 'second-factor' ? { severity: 'medium' as const } : {})
          }
        ];
      })
    };
  }
};

export const refreshTokenForever: Rule = {
  id: 'capp.refresh-token-forever',
  reads: ['connectedApps'],
  modes: ANY_MODE,
  title: 'Connected app whose refresh tokens are valid until revoked',
  severity: 'medium',
  lead: 'IT',
  areaKey: INTEGRATION_AREA,
  remediation:
    'Set the app\'s OAuth policy "Refresh Token Policy" to expire the token after a lifetime or after a period unused (refreshTokenPolicy specific_lifetime / specific_inactivity; external client apps: SpecificLifetime / SpecificInactivity), or turn on refresh token rotation.',
  references: [help('sf.connected_app_manage_oauth.htm'), help('xcloud.connected_app_limit_idle_ttl.htm')],
  controls: { nist: ['PR.AA-01', 'PR.AA-05'], iso27001: ['A.5.17', 'A.8.5'], cis: ['6.2'] },
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'connectedApps');
    if (skip) return skip;
    const apps = ownApps(snapshot.connectedApps ?? []);
    const unknown = policyMissing(apps, 'refreshTokenPolicy', snapshot.unavailable);
    if (unknown) return unknown;
    return {
      hits: apps
        .filter((app) => (app.refreshTokenPolicy ?? '').toLowerCase() === 'infinite')
        .map((app) => ({
          component: componentOf(app),
          detail: `${app.label ?? app.name}: refresh tokens are valid until revoked (${app.refreshTokenPolicy}): a token taken once keeps working.`,
          location: app.policyLocations?.refreshTokenPolicy ?? app.location
        }))
    };
  }
};
