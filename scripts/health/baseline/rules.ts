import type { Severity } from '../result';
import { ANY_MODE } from '../rules/helpers';
import type { Rule } from '../rules/types';
import type { OrgSnapshot } from '../snapshot';
import { classify, describeCompliant, type Baseline, type BaselineRisk, type BaselineSetting } from './model';

const SEVERITY_BY_RISK: Record<BaselineRisk, Severity> = { high: 'high', medium: 'medium', low: 'low', informational: 'info' };
/** A value in the warning bucket is reported one level below the section's severity. */
const ONE_LOWER: Record<Severity, Severity> = { critical: 'high', high: 'medium', medium: 'low', low: 'info', info: 'info' };

/** The metadata component a setting lives in, when it lives in one. */
const COMPONENT_BY_GROUP: Record<string, { type: string; name: string }> = {
  SessionSettings: { type: 'SecuritySettings', name: 'Security' },
  PasswordPolicies: { type: 'SecuritySettings', name: 'Security' },
  NetworkSecurity: { type: 'SecuritySettings', name: 'Security' },
  LoginAccessPolicies: { type: 'SecuritySettings', name: 'Security' },
  Identity: { type: 'SecuritySettings', name: 'Security' },
  FileUploadAndDownloadSecurity: { type: 'FileUploadAndDownloadSecuritySettings', name: 'FileUploadAndDownloadSecurity' }
};

/** `SessionSettings.lockSessionsToDomain` → `Session settings: lock sessions to domain`. */
function humanize(name: string): string {
  const [group, setting] = name.split('.');
  const words = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const groupWords = words(group);
  return `${groupWords.charAt(0).toUpperCase()}${groupWords.slice(1)}: ${words(setting)}`;
}

export function baselineRuleId(setting: BaselineSetting): string {
  return `baseline:${setting.name}`;
}

function baselineRule(setting: BaselineSetting, baseline: Baseline): Rule {
  const severity = SEVERITY_BY_RISK[setting.risk];
  return {
    id: baselineRuleId(setting),
    title: humanize(setting.name),
    severity,
    lead: 'IT',
    areaKey: 'SECURITY.SETTINGS',
    remediation: `Set ${setting.name} to ${describeCompliant(setting)} (Setup > Security > Health Check lists it with a Fix Risks action).`,
    references: ['https://help.salesforce.com/s/articleView?type=5&id=sf.security_health_check.htm'],
    controls: { nist: ['PR.PS-01'], iso27001: ['A.8.9'], cis: ['4.1'] },
    reads: ['settings'],
    modes: ANY_MODE,
    evaluate: (snapshot: OrgSnapshot) => {
      const actual = snapshot.settings[setting.name];
      const notApplicable = snapshot.notApplicable?.[setting.name];
      if (!actual && notApplicable) return { skipped: notApplicable, notApplicable: true };
      if (!actual) return { skipped: snapshot.unavailable[setting.name] ?? `no value for ${setting.name} in this snapshot` };
      const status = classify(setting, actual.value);
      if (status === 'compliant') return { hits: [] };
      const component = COMPONENT_BY_GROUP[setting.name.split('.')[0]] ?? { type: 'Organization', name: snapshot.orgId ?? 'Organization' };
      return {
        hits: [
          {
            component,
            detail: `${setting.name} is ${String(actual.value)}: ${status} in baseline "${baseline.name}" (${setting.risk} risk; compliant: ${describeCompliant(setting)}).`,
            location: actual.location,
            severity: status === 'warning' ? ONE_LOWER[severity] : severity
          }
        ]
      };
    }
  };
}

export function baselineRules(baseline: Baseline): Rule[] {
  return baseline.settings.map((setting) => baselineRule(setting, baseline));
}
