import type { Finding, Lead } from '../result';
import { countedDeployments, detectionDelays, forecastAccuracyOf } from '../rules/operatingModel';
import { dayDiff, parseFindingKey } from '../rules/operatingModelHelpers';
import type { OrgSnapshot } from '../snapshot';
import { DEFAULT_TARGETS, HIGHER_IS_BETTER, type MetricId, type Targets } from './targets';

/** One operating-model metric against its target (DESIGN.md: id, value, unit, target, status, basis). */
export type Metric = {
  id: MetricId;
  /** Null when there is nothing to compute it from (status `no-data`, with the reason in `basis`). */
  value: number | null;
  unit: 'hours' | 'days' | 'per-week' | 'ratio';
  target: number;
  status: 'met' | 'missed' | 'no-data';
  /** What it was computed from: the records, how many, and the rule for counting them. */
  basis: string;
  /** MTTR by lead and by severity. */
  breakdown?: Array<{ by: 'lead' | 'severity'; key: string; value: number; count: number }>;
  /** The same measure period by period, oldest first (quarters for the forecast, 30-day windows for deployments). */
  trend?: Array<{ period: string; value: number | null }>;
};

const WINDOW_DAYS = 90;
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function metric(id: MetricId, unit: Metric['unit'], targets: Targets, values: number[] | number | null, basis: string): Metric {
  const value = Array.isArray(values) ? (values.length > 0 ? round(mean(values)) : null) : values === null ? null : round(values);
  const target = targets[id];
  const status = value === null ? 'no-data' : (HIGHER_IS_BETTER[id] ? value >= target : value <= target) ? 'met' : 'missed';
  return { id, value, unit, target, status, basis };
}

/**
 * The operating model's metrics for one run. `findings` are this run's: a security finding not yet in
 * the org is first detected now, so its detection time counts towards MTTD as well.
 */
export function computeMetrics(snapshot: OrgSnapshot, findings: Finding[], targetOverrides: Partial<Targets> = {}): Metric[] {
  const targets = { ...DEFAULT_TARGETS, ...targetOverrides };
  const now = snapshot.takenAt;
  const metrics: Metric[] = [];

  // MTTD: audit-trail change → first detection, for stored findings and for those this run detects first.
  if (snapshot.findings && snapshot.auditTrail) {
    const delays = detectionDelays(snapshot, findings).map((delay) => delay.hours);
    metrics.push(
      metric(
        'mttd-hours',
        'hours',
        targets,
        delays,
        `${delays.length} security findings whose introducing change is in the Setup Audit Trail (180 days): change time to Health_Finding__c.First_Detected__c, or to this run`
      )
    );
  } else {
    metrics.push(metric('mttd-hours', 'hours', targets, null, unavailableBasis(snapshot, ['findings', 'auditTrail'])));
  }

  // MTTR over every stored finding: resolved ones at their time to resolve, open ones at their age so far.
  if (snapshot.findings) {
    const byKey = new Map(findings.map((finding) => [finding.key, finding]));
    const rows = snapshot.findings
      .filter((finding) => finding.firstDetected && finding.status !== 'Risk Accepted')
      .map((finding) => ({
        days: dayDiff(finding.firstDetected!, finding.resolvedOn ?? now),
        lead: byKey.get(finding.findingKey)?.lead ?? leadOf(parseFindingKey(finding.findingKey).ruleId),
        severity: byKey.get(finding.findingKey)?.severity
      }));
    const mttr = metric(
      'mttr-days',
      'days',
      targets,
      rows.map((row) => row.days),
      `${rows.length} Health_Finding__c records (${rows.length - snapshot.findings.filter((finding) => finding.resolvedOn).length} still open, counted at their age so far)`
    );
    const group = (by: 'lead' | 'severity', key: (row: (typeof rows)[number]) => string | undefined) => {
      const groups = new Map<string, number[]>();
      for (const row of rows) {
        const name = key(row);
        if (name) groups.set(name, [...(groups.get(name) ?? []), row.days]);
      }
      return [...groups].map(([name, days]) => ({ by, key: name, value: round(mean(days)), count: days.length }));
    };
    mttr.breakdown = [...group('lead', (row) => row.lead), ...group('severity', (row) => row.severity)];
    metrics.push(mttr);
  } else {
    metrics.push(metric('mttr-days', 'days', targets, null, unavailableBasis(snapshot, ['findings'])));
  }

  // Deploy frequency and change-failure rate from DeployRequest (check-only validations excluded).
  if (snapshot.deployments) {
    const { total, failed } = countedDeployments(snapshot);
    const deployments = snapshot.deployments;
    const windows = [60, 30, 0].map((fromDaysAgo) => {
      const end = Date.parse(now) - fromDaysAgo * 86_400_000;
      const inWindow = {
        ...snapshot,
        deployments: deployments.filter((deployment) => {
          const at = Date.parse(deployment.completedDate ?? deployment.startDate ?? '');
          return at <= end && at > end - 30 * 86_400_000;
        })
      };
      const counted = countedDeployments(inWindow);
      return { period: `${fromDaysAgo + 30}-${fromDaysAgo} days ago`, ...counted };
    });
    metrics.push(
      metric(
        'deploy-frequency-per-week',
        'per-week',
        targets,
        (total - failed) / (WINDOW_DAYS / 7),
        `${total - failed} successful production deployments (DeployRequest, not check-only) in the last ${WINDOW_DAYS} days`
      ),
      metric(
        'change-failure-rate',
        'ratio',
        targets,
        total > 0 ? failed / total : null,
        total > 0
          ? `${failed} of ${total} production deployments failed, were partial or cancelled (DeployRequest, ${WINDOW_DAYS} days)`
          : `no completed production deployments in the last ${WINDOW_DAYS} days`
      )
    );
    metrics.at(-2)!.trend = windows.map((window) => ({ period: window.period, value: round((window.total - window.failed) / (30 / 7)) }));
    metrics.at(-1)!.trend = windows.map((window) => ({
      period: window.period,
      value: window.total > 0 ? round(window.failed / window.total) : null
    }));
  } else {
    const basis = unavailableBasis(snapshot, ['deployments']);
    metrics.push(
      metric('deploy-frequency-per-week', 'per-week', targets, null, basis),
      metric('change-failure-rate', 'ratio', targets, null, basis)
    );
  }

  // Lead time and security-review time from the joint backlog.
  if (snapshot.changeRequests) {
    const deployed = snapshot.changeRequests.filter((change) => change.deployedOn);
    const reviewed = snapshot.changeRequests.filter((change) => change.securityReviewRequestedOn && change.securityReviewCompletedOn);
    metrics.push(
      metric(
        'lead-time-days',
        'days',
        targets,
        deployed.map((change) => dayDiff(change.requestedOn, change.deployedOn!)),
        `${deployed.length} deployed Change_Request__c: Requested_On__c to Deployed_On__c`
      ),
      metric(
        'security-review-days',
        'days',
        targets,
        reviewed.map((change) => dayDiff(change.securityReviewRequestedOn!, change.securityReviewCompletedOn!)),
        `${reviewed.length} security-reviewed Change_Request__c: review requested to completed`
      )
    );
  } else {
    const basis = unavailableBasis(snapshot, ['changeRequests']);
    metrics.push(metric('lead-time-days', 'days', targets, null, basis), metric('security-review-days', 'days', targets, null, basis));
  }

  if (snapshot.forecastQuarters) {
    const quarters = snapshot.forecastQuarters.filter((quarter) => quarter.forecastAmount > 0);
    metrics.push(
      metric(
        'forecast-accuracy',
        'ratio',
        targets,
        quarters.map(forecastAccuracyOf),
        quarters.length > 0
          ? `${quarters.length} closed quarters (${quarters.map((quarter) => quarter.quarter).join(', ')}) from ${quarters[0].basis}`
          : 'no closed quarter with a Commit forecast at its start'
      )
    );
    metrics.at(-1)!.trend = quarters.map((quarter) => ({ period: quarter.quarter, value: round(forecastAccuracyOf(quarter)) }));
  } else {
    metrics.push(metric('forecast-accuracy', 'ratio', targets, null, unavailableBasis(snapshot, ['forecastQuarters'])));
  }
  return metrics;
}

function unavailableBasis(snapshot: OrgSnapshot, parts: string[]): string {
  const reasons = parts.map((part) => snapshot.unavailable[part] ?? snapshot.notApplicable?.[part]).filter(Boolean);
  return reasons[0] ?? (snapshot.source === 'metadata' ? 'needs a live org (--target-org)' : 'not collected');
}

function leadOf(ruleId: string): Lead {
  if (ruleId.startsWith('revenue.') || ruleId.startsWith('salesops.')) return 'SalesOps';
  if (ruleId.startsWith('gov.') || ruleId.startsWith('ai.') || ruleId.startsWith('data.')) return 'Joint';
  return 'IT';
}
