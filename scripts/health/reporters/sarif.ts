import type { Finding, HealthCheckResult, RuleResult, Severity } from '../result';
import { displayPath } from '../../lib/paths';
import { locationText } from './common';

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note'
};

function ruleDescriptor(rule: RuleResult, remediation: string | undefined) {
  const controls = [
    ...(rule.controls.nist ?? []).map((id) => `NIST CSF 2.0 ${id}`),
    ...(rule.controls.iso27001 ?? []).map((id) => `ISO/IEC 27001:2022 ${id}`),
    ...(rule.controls.cis ?? []).map((id) => `CIS Controls v8 ${id}`)
  ];
  const helpText = [remediation ?? rule.title, ...rule.references].join('\n');
  return {
    id: rule.id,
    name: rule.id.replace(/[^A-Za-z0-9]+/g, '_'),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}. Lead: ${rule.lead}.${controls.length ? ` Controls: ${controls.join('; ')}.` : ''}` },
    help: {
      text: helpText,
      markdown: [remediation ?? rule.title, '', ...rule.references.map((reference) => `- <${reference}>`)].join('\n')
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', `lead:${rule.lead}`, ...controls], 'security-severity': SECURITY_SEVERITY[rule.severity] }
  };
}

function sarifResult(finding: Finding, ruleIndex: number) {
  const location = finding.location
    ? {
        physicalLocation: {
          artifactLocation: { uri: displayPath(finding.location.file) },
          ...(finding.location.line ? { region: { startLine: finding.location.line } } : {})
        }
      }
    : {
        logicalLocations: [
          { name: finding.component.name, fullyQualifiedName: `${finding.component.type}/${finding.component.name}`, kind: 'object' }
        ]
      };
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${finding.title}: ${finding.detail}` },
    locations: [location],
    partialFingerprints: { 'findingKey/v1': finding.key },
    properties: { lead: finding.lead, component: finding.component, areaKey: finding.areaKey, where: locationText(finding) || undefined },
    ...(finding.status === 'accepted' && finding.suppression
      ? {
          suppressions: [
            { kind: 'external', status: 'accepted', justification: `${finding.suppression.reason} (${finding.suppression.ref})` }
          ]
        }
      : {})
  };
}

/** SARIF 2.1.0, as GitHub code scanning reads it: file and line for metadata findings. */
export function renderSarif(result: HealthCheckResult): string {
  const remediationByRule = new Map(result.findings.map((finding) => [finding.ruleId, finding.remediation]));
  const rules = result.rules.filter((rule) => rule.status !== 'skipped');
  const indexById = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crm-ownership-console',
            version: result.toolVersion,
            semanticVersion: result.toolVersion,
            rules: rules.map((rule) => ruleDescriptor(rule, remediationByRule.get(rule.id)))
          }
        },
        results: result.findings
          .filter((finding) => indexById.has(finding.ruleId))
          .map((finding) => sarifResult(finding, indexById.get(finding.ruleId) ?? 0)),
        properties: {
          score: result.score,
          grade: result.grade,
          source: result.source,
          complete: result.complete,
          coverage: result.coverage,
          ...(result.salesforceScore === undefined ? {} : { salesforceScore: result.salesforceScore }),
          partial: result.partial?.reason
        }
      }
    ]
  };
  return JSON.stringify(log, null, 2);
}
