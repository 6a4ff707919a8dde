import { standardBaseline } from '../baseline/parse';
import { baselineRules } from '../baseline/rules';
import { runHealthCheck } from '../engine';
import { defaultRuleOptions } from '../rules';
import type { Rule, RuleHit } from '../rules/types';
import type { OrgSnapshot } from '../snapshot';
import { liveSnapshot } from './core-fixtures';

// What a baseline finding tells an admin: the setting's readable title, the metadata component to open
// (the settings file that holds it, else the org), and that an unreadable settings part skips the rule.

const baseline = standardBaseline();

/** Built in each test, not at load: the rule's title, area and reads are made when baselineRules runs. */
function ruleFor(name: string): Rule {
  const rule = baselineRules(baseline).find((candidate) => candidate.id === `baseline:${name}`);
  if (!rule) throw new Error(`no baseline setting ${name}`);
  return rule;
}

/** The one hit of a setting's rule for a value the standard baseline calls non-compliant. */
function hitFor(name: string, value: string | number | boolean, extra: Partial<OrgSnapshot> = {}): RuleHit {
  const evaluation = ruleFor(name).evaluate(liveSnapshot({ settings: { [name]: { value } }, ...extra }), {
    options: defaultRuleOptions(baseline)
  });
  if (!('hits' in evaluation) || evaluation.hits.length !== 1) throw new Error(`${name}: ${JSON.stringify(evaluation)}`);
  return evaluation.hits[0];
}

describe('baseline rules: titles', () => {
  it.each([
    ['SessionSettings.lockSessionsToDomain', 'Session settings: lock sessions to domain'],
    ['PasswordPolicies.minOneDayPasswordLifetime', 'Password policies: min one day password lifetime'],
    ['FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes', 'File upload and download security: hybrid security risk file types'],
    ['CertificateAndKeyManagement.keySize', 'Certificate and key management: key size']
  ])('%s reads as "%s"', (name, title) => {
    expect(ruleFor(name).title).toBe(title);
  });
});

describe('baseline rules: the component a finding points at', () => {
  it.each([
    ['SessionSettings.lockSessionsToDomain', false, 'SecuritySettings', 'Security'],
    ['PasswordPolicies.minOneDayPasswordLifetime', false, 'SecuritySettings', 'Security'],
    ['NetworkSecurity.trustedIpRangesConfigured', 0, 'SecuritySettings', 'Security'],
    ['LoginAccessPolicies.adminLoginAsAnyUser', true, 'SecuritySettings', 'Security'],
    ['Identity.mfaEnabled', false, 'SecuritySettings', 'Security'],
    [
      'FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes',
      5,
      'FileUploadAndDownloadSecuritySettings',
      'FileUploadAndDownloadSecurity'
    ]
  ])('%s = %s lives in %s %s', (name, value, type, component) => {
    expect(hitFor(name, value).component).toEqual({ type, name: component });
  });

  it('points at the org for a setting outside any settings file: its id, or "Organization" without one', () => {
    expect(hitFor('SharingSettings.orgWideDefaults', 3).component).toEqual({ type: 'Organization', name: '00D000000000001' });
    expect(hitFor('SharingSettings.orgWideDefaults', 3, { orgId: undefined }).component).toEqual({
      type: 'Organization',
      name: 'Organization'
    });
  });
});

describe('baseline rules through the engine', () => {
  it('skips, with the collector reason, when the settings could not be read', () => {
    const name = 'SessionSettings.lockSessionsToDomain';
    const snapshot = liveSnapshot({
      settings: { [name]: { value: false } },
      unavailable: { settings: 'no settings: insufficient access' }
    });
    const [result] = runHealthCheck(snapshot, { rules: [ruleFor(name)] }).rules;
    expect({ status: result.status, reason: result.reason }).toEqual({ status: 'skipped', reason: 'no settings: insufficient access' });
  });

  it(`files its findings under SECURITY.SETTINGS, from baseline "${baseline.name}"`, () => {
    const name = 'SessionSettings.lockSessionsToDomain';
    const result = runHealthCheck(liveSnapshot({ settings: { [name]: { value: false } } }), { rules: [ruleFor(name)] });
    expect(result.findings.map((finding) => [finding.ruleId, finding.areaKey])).toEqual([[`baseline:${name}`, 'SECURITY.SETTINGS']]);
  });
});
