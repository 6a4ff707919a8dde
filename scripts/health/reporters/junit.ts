import type { HealthCheckResult, Lead, RuleResult } from '../result';
import { LEAD_ORDER, componentText, coverageText, locationText } from './common';
import { escapeXml } from './escape';

function testcase(rule: RuleResult, result: HealthCheckResult): string {
  const name = escapeXml(`${rule.id}: ${rule.title}`);
  const open = result.findings.filter((finding) => finding.ruleId === rule.id && finding.status === 'open');
  const head = `    <testcase classname="health.${escapeXml(rule.lead)}" name="${name}">`;
  if (rule.status === 'skipped') {
    return `${head}\n      <skipped message="${escapeXml(rule.reason ?? 'skipped')}"/>\n    </testcase>`;
  }
  if (open.length === 0) return `${head}</testcase>`;
  const body = open
    .map((finding) => {
      const where = locationText(finding);
      return `[${finding.severity}] ${componentText(finding)}${where ? ` (${where})` : ''}: ${finding.detail}\n  Fix: ${finding.remediation}`;
    })
    .join('\n');
  return `${head}\n      <failure message="${escapeXml(`${open.length} open finding(s)`)}" type="${escapeXml(rule.severity)}">${escapeXml(body)}</failure>\n    </testcase>`;
}

function failed(rule: RuleResult, result: HealthCheckResult): boolean {
  return rule.status !== 'skipped' && result.findings.some((finding) => finding.ruleId === rule.id && finding.status === 'open');
}

/** JUnit XML for CI test tabs: a suite per lead, a test case per rule, a failure per rule with open findings. */
export function renderJunit(result: HealthCheckResult): string {
  const suites = LEAD_ORDER.map((lead: Lead) => ({ lead, rules: result.rules.filter((rule) => rule.lead === lead) })).filter(
    (suite) => suite.rules.length > 0
  );
  const totals = { tests: 0, failures: 0, skipped: 0 };
  const suiteXml = suites.map(({ lead, rules }) => {
    const failures = rules.filter((rule) => failed(rule, result)).length;
    const skipped = rules.filter((rule) => rule.status === 'skipped').length;
    totals.tests += rules.length;
    totals.failures += failures;
    totals.skipped += skipped;
    return [
      `  <testsuite name="health check: ${escapeXml(lead)}" tests="${rules.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${escapeXml(result.startedAt)}">`,
      '    <properties>',
      `      <property name="complete" value="${String(result.complete)}"/>`,
      `      <property name="coverage" value="${escapeXml(coverageText(result))}"/>`,
      '    </properties>',
      ...rules.map((rule) => testcase(rule, result)),
      '  </testsuite>'
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="crm-ownership-console health check" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}" time="${(result.durationMs / 1000).toFixed(3)}">`,
    ...suiteXml,
    '</testsuites>'
  ].join('\n');
}
