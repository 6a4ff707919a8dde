import { loadBaseline } from './baseline/parse';
import { computeMetrics } from './metrics/compute';
import type { Baseline } from './baseline/model';
import type { Coverage, Finding, HealthCheckResult, RuleResult, Severity, SkipKind } from './result';
import { SEVERITIES } from './result';
import { allRules, defaultRuleOptions } from './rules';
import { LIVE_ONLY } from './rules/helpers';
import type { Rule, RuleHit, RuleOptions } from './rules/types';
import { grade, score, type ScoredRule } from './scoring';
import type { OrgSnapshot, SnapshotSource } from './snapshot';
import { applySuppressions, type SuppressionEntry } from './suppressions';
import { toolVersion } from './version';

export type RunOptions = {
  baseline?: Baseline;
  options?: Partial<RuleOptions>;
  suppressions?: SuppressionEntry[];
  /** Clock for suppression expiry and run timing (tests pin it). */
  now?: Date;
  metadataDir?: string;
  /** Rules to run instead of the registry (tests). */
  rules?: Rule[];
};

export function findingKey(ruleId: string, hit: RuleHit): string {
  return `${ruleId}:${hit.component.type}:${hit.component.name}`;
}

function accountableFor(areaKey: string, snapshot: OrgSnapshot): Finding['accountable'] {
  const area = snapshot.governanceAreas?.find((candidate) => candidate.areaKey === areaKey);
  if (!area?.accountableId) return undefined;
  const user = snapshot.users?.find((candidate) => candidate.id === area.accountableId);
  if (user && !user.isActive) return undefined;
  return { id: area.accountableId, name: user?.name ?? area.accountableId };
}

const MODE_NEEDED: Record<SnapshotSource, string> = {
  org: LIVE_ONLY,
  metadata: 'needs retrieved metadata (--metadata-dir)'
};

type Outcome = { hits: RuleHit[] } | { skipped: string; kind: SkipKind };

function evaluate(rule: Rule, snapshot: OrgSnapshot, options: RuleOptions, findings: readonly Finding[] = []): Outcome {
  if (!rule.modes.includes(snapshot.source)) {
    return { skipped: rule.modes.map((mode) => MODE_NEEDED[mode]).join(' or '), kind: 'not-applicable' };
  }
  for (const part of rule.reads) {
    const reason = snapshot.unavailable[part];
    if (reason) return { skipped: reason, kind: 'incomplete' };
  }
  for (const part of rule.reads) {
    const reason = snapshot.notApplicable?.[part];
    if (reason) return { skipped: reason, kind: 'not-applicable' };
  }
  try {
    const evaluation = rule.evaluate(snapshot, { options, findings });
    if ('hits' in evaluation) return evaluation;
    return { skipped: evaluation.skipped, kind: evaluation.notApplicable ? 'not-applicable' : 'incomplete' };
  } catch (error) {
    // One broken rule must not sink the run; it says why it could not run.
    return { skipped: `rule error: ${error instanceof Error ? error.message : String(error)}`, kind: 'incomplete' };
  }
}

/** Rules run and skipped, by reason: how much of the org this result actually judged. */
export function coverageOf(rules: RuleResult[]): Coverage {
  const byReason = new Map<string, number>();
  for (const rule of rules) {
    if (rule.status === 'skipped' && rule.reason) byReason.set(rule.reason, (byReason.get(rule.reason) ?? 0) + 1);
  }
  const skipped = rules.filter((rule) => rule.status === 'skipped');
  return {
    rules: rules.length,
    run: rules.length - skipped.length,
    skipped: skipped.length,
    notApplicable: skipped.filter((rule) => rule.skipKind === 'not-applicable').length,
    byReason: [...byReason].map(([reason, count]) => ({ reason, rules: count })).sort((a, b) => b.rules - a.rules)
  };
}

/** Evaluates every rule on the snapshot and assembles the result the reporters and the push read. */
export function runHealthCheck(snapshot: OrgSnapshot, run: RunOptions = {}): HealthCheckResult {
  const started = Date.now();
  const now = run.now ?? new Date();
  const baseline = run.baseline ?? loadBaseline();
  const options = defaultRuleOptions(baseline, { lastRunAt: snapshot.lastRunAt, ...run.options });
  const rules = run.rules ?? allRules(baseline);

  const ruleResults: RuleResult[] = [];
  const scored: ScoredRule[] = [];
  let findings: Finding[] = [];
  // One lookup per area, not per finding: a large org has tens of thousands of each of findings and users.
  const accountables = new Map<string, Finding['accountable']>();
  const accountableOf = (areaKey: string) => {
    if (!accountables.has(areaKey)) accountables.set(areaKey, accountableFor(areaKey, snapshot));
    return accountables.get(areaKey);
  };
  for (const rule of rules) {
    const outcome = evaluate(rule, snapshot, options, findings);
    const base = {
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      lead: rule.lead,
      references: rule.references,
      controls: rule.controls
    };
    if ('skipped' in outcome) {
      ruleResults.push({ ...base, status: 'skipped', reason: outcome.skipped, skipKind: outcome.kind, findings: 0 });
      scored.push({ severity: rule.severity, status: 'skipped', hitSeverities: [] });
      continue;
    }
    // One finding per component: a rule that hits the same component twice merges the details.
    const byKey = new Map<string, Finding>();
    for (const hit of outcome.hits) {
      const key = findingKey(rule.id, hit);
      const existing = byKey.get(key);
      if (existing) {
        existing.detail = `${existing.detail} ${hit.detail}`;
        continue;
      }
      const areaKey = hit.route?.areaKey ?? rule.areaKey;
      const accountable = accountableOf(areaKey);
      byKey.set(key, {
        ruleId: rule.id,
        key,
        severity: hit.severity ?? rule.severity,
        lead: hit.route?.lead ?? rule.lead,
        title: rule.title,
        component: hit.component,
        detail: hit.detail,
        remediation: rule.remediation,
        ...(hit.location ? { location: hit.location } : {}),
        status: 'open',
        areaKey,
        ...(accountable ? { accountable } : {})
      });
    }
    const ruleFindings = [...byKey.values()];
    findings.push(...ruleFindings);
    const status = ruleFindings.length > 0 ? 'failed' : 'passed';
    ruleResults.push({ ...base, status, findings: ruleFindings.length });
    scored.push({ severity: rule.severity, status, hitSeverities: ruleFindings.map((finding) => finding.severity) });
  }

  findings = applySuppressions(findings, snapshot, run.suppressions ?? [], now);
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) {
    if (finding.status === 'open') counts[finding.severity] += 1;
  }
  const value = score(scored);
  const coverage = coverageOf(ruleResults);
  const complete = !snapshot.partial && ruleResults.every((rule) => rule.skipKind !== 'incomplete');
  return {
    source: snapshot.source,
    ...(snapshot.orgId ? { orgId: snapshot.orgId } : {}),
    ...(snapshot.username ? { username: snapshot.username } : {}),
    ...(run.metadataDir ? { metadataDir: run.metadataDir } : {}),
    baseline: baseline.name || baseline.file,
    score: value,
    grade: grade(value),
    counts,
    findings,
    rules: ruleResults,
    complete,
    coverage,
    ...(snapshot.salesforceScore !== undefined ? { salesforceScore: snapshot.salesforceScore } : {}),
    ...(snapshot.warnings?.length ? { warnings: snapshot.warnings } : {}),
    ...(snapshot.partial ? { partial: snapshot.partial } : {}),
    ...(snapshot.apiCalls ? { apiCalls: snapshot.apiCalls } : {}),
    startedAt: now.toISOString(),
    durationMs: Date.now() - started,
    toolVersion: toolVersion(),
    metrics: computeMetrics(snapshot, findings, options.targets)
  };
}
