import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveFromUser } from '../../lib/userCwd';
import type { Finding, HealthCheckResult, RuleResult, Severity } from '../result';
import { locationText } from './common';

/** The base every artifact URI is relative to, declared in originalUriBaseIds as code scanning expects. */
const SRCROOT = 'SRCROOT';

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
    ...(rule.references[0] ? { helpUri: rule.references[0] } : {}),
    help: {
      text: helpText,
      markdown: [remediation ?? rule.title, '', ...rule.references.map((reference) => `- <${reference}>`)].join('\n')
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', `lead:${rule.lead}`, ...controls], 'security-severity': SECURITY_SEVERITY[rule.severity] }
  };
}

/**
 * SRCROOT: the repository that holds the metadata folder (so code scanning places each result on
 * the repository's file), or the folder itself when it is in no repository.
 */
export function sourceRoot(metadataDir: string): string {
  const start = resolveFromUser(metadataDir);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(`${dir}${sep}.git`)) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** A path as a URI reference: each segment percent-encoded (spaces, `%` of encoded file names, non-ASCII), forward slashes. */
function encodePath(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** The artifact of a file: relative to SRCROOT when inside it, an absolute file URI otherwise. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const absolute = resolveFromUser(file);
  const fromRoot = relative(root, absolute);
  if (!fromRoot.startsWith('..') && !isAbsolute(fromRoot)) return { uri: encodePath(fromRoot), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(absolute).href };
}

function sarifResult(finding: Finding, ruleIndex: number, root: string) {
  const location = finding.location
    ? {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.location.file, root),
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
  // The folder the user passed (or, live, where they ran the check): its repository, else itself.
  const root = sourceRoot(result.metadataDir ?? '.');
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
          .map((finding) => sarifResult(finding, indexById.get(finding.ruleId) ?? 0, root)),
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
        invocations: [
          {
            executionSuccessful: true,
            // Warnings about the input (duplicate copies, sections not retrieved, group members missing).
            toolExecutionNotifications: (result.warnings ?? []).map((warning) => ({ level: 'warning', message: { text: warning } }))
          }
        ],
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
