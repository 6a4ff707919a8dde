import type { Finding } from '../result';
import type { AuditTrailEntry, OrgSnapshot } from '../snapshot';
import { help, plural } from './helpers';
import { absent, dayDiff, isSecurityRule, normalName, parseFindingKey, target, type ContractRule } from './operatingModelHelpers';
import type { RuleHit } from './types';

const GOVERNANCE_AREA = 'GOVERNANCE.OWNERSHIP';
const RELEASE_AREA = 'RELEASE.DEVOPS';

/** Audit entries that can introduce a security finding: grants, permission and profile changes, app and policy settings. */
const PRIVILEGE_CHANGE = /perm|profile|connectedapp|oauth|remoteaccess|mfa|session|password ?polic|loginip|sharing|admin/i;

/** Phrases that must each start a word of the (normalised) entry: "setmodify all data" names no permission. */
const phrases = (...words: string[]) => new RegExp(`\\b(?:${words.join('|')})`);
/**
 * What an audit entry must say (besides the component's name) to have introduced a rule's finding:
 * the permission or setting the rule is about. Rules not listed are not attributed to a change.
 */
const RULE_WORDS: Array<[RegExp, RegExp]> = [
  [/^perm\.modify-all-data$/, phrases('modify all data')],
  [/^perm\.view-all-data$/, phrases('view all data')],
  [/^perm\.admin-sprawl$/, phrases('modify all data', 'view all data')],
  [
    /^perm\.dangerous$/,
    phrases(
      'manage users',
      'author apex',
      'customize application',
      'modify metadata',
      'assign permission sets',
      'reset passwords',
      'password never expires',
      'export',
      'hard delete',
      'view all users',
      'manage sharing'
    )
  ],
  [/^perm\.object-wide-access$/, phrases('view all', 'modify all')],
  [/^mfa\./, phrases('multi factor', 'mfa')],
  [/^profile\.no-login-ip-ranges$/, phrases('login ip')],
  [/^capp\./, phrases('connected app', 'oauth', 'self authori', 'admin approved', 'refresh token', 'ip relax')]
];

type PreparedEntry = { entry: AuditTrailEntry; display: string; time: number };

/**
 * The privilege-related Setup Audit Trail entries, normalised once and indexed by word: a run holds
 * tens of thousands of findings and audit entries, and testing every entry again for every finding
 * made gov.mttd-breached the slowest step of a large org's check.
 */
export class AuditIndex {
  private readonly entries: PreparedEntry[];
  private readonly byWord = new Map<string, PreparedEntry[]>();

  public constructor(auditTrail: readonly AuditTrailEntry[]) {
    this.entries = auditTrail
      .filter((entry) => PRIVILEGE_CHANGE.test(entry.action) || PRIVILEGE_CHANGE.test(entry.section))
      .map((entry) => ({ entry, display: normalName(entry.display), time: Date.parse(entry.createdDate) }));
    for (const prepared of this.entries)
      for (const word of new Set(prepared.display.split(' '))) {
        const list = this.byWord.get(word);
        if (list) list.push(prepared);
        else this.byWord.set(word, [prepared]);
      }
  }

  /**
   * The change that introduced a finding: the latest privilege-related entry before its detection
   * that names the component (audit entries name it by label, findings by API name: compared
   * normalised, as whole words) and the permission or setting the rule is about.
   */
  public introducingChange(componentName: string, detectedAt: string, ruleId = 'perm.modify-all-data'): AuditTrailEntry | undefined {
    const name = normalName(componentName);
    const words = RULE_WORDS.find(([rule]) => rule.test(ruleId))?.[1];
    if (name.length < 3 || !words) return undefined;
    const pattern = new RegExp(`(^| )${name}( |$)`);
    const detected = Date.parse(detectedAt);
    let latest: PreparedEntry | undefined;
    // Only entries holding the name's first word can name the component.
    for (const prepared of this.byWord.get(name.split(' ')[0]) ?? []) {
      if (latest && prepared.time <= latest.time) continue;
      if (prepared.time <= detected && pattern.test(prepared.display) && words.test(prepared.display.replace(pattern, ' ')))
        latest = prepared;
    }
    return latest?.entry;
  }
}

/** {@link AuditIndex.introducingChange} for one finding. */
export function introducingChange(
  auditTrail: AuditTrailEntry[],
  componentName: string,
  detectedAt: string,
  ruleId = 'perm.modify-all-data'
): AuditTrailEntry | undefined {
  return new AuditIndex(auditTrail).introducingChange(componentName, detectedAt, ruleId);
}

export type DetectionDelay = { findingKey: string; hours: number; change: AuditTrailEntry; detectedAt: string };

/**
 * Hours from the change that introduced each security finding to its first detection: stored
 * findings at Health_Finding__c.First_Detected__c, and this run's new ones now (the snapshot's time).
 */
export function detectionDelays(snapshot: OrgSnapshot, runFindings: readonly Finding[] = []): DetectionDelay[] {
  const delays: DetectionDelay[] = [];
  const audit = new AuditIndex(snapshot.auditTrail ?? []);
  const add = (findingKey: string, ruleId: string, name: string, detectedAt: string) => {
    const change = audit.introducingChange(name, detectedAt, ruleId);
    if (change)
      delays.push({ findingKey, hours: (Date.parse(detectedAt) - Date.parse(change.createdDate)) / 3_600_000, change, detectedAt });
  };
  const stored = new Set<string>();
  for (const finding of snapshot.findings ?? []) {
    stored.add(finding.findingKey);
    const { ruleId, name } = parseFindingKey(finding.findingKey);
    if (finding.firstDetected && isSecurityRule(ruleId)) add(finding.findingKey, ruleId, name, finding.firstDetected);
  }
  for (const finding of runFindings)
    if (!stored.has(finding.key) && isSecurityRule(finding.ruleId))
      add(finding.key, finding.ruleId, finding.component.name, snapshot.takenAt);
  return delays;
}

export const mttdBreached: ContractRule = {
  id: 'gov.mttd-breached',
  title: 'Security finding detected later than the MTTD target after the change that introduced it',
  severity: 'medium',
  lead: 'IT',
  areaKey: GOVERNANCE_AREA,
  remediation:
    'Run the health check at least daily (CI schedule or after every deploy) so a privilege change is caught within the MTTD target; review the Setup Audit Trail between runs.',
  references: [help('sf.admin_monitorsetup.htm')],
  controls: { nist: ['DE.CM-03', 'DE.AE-02'], iso27001: ['A.8.16'], cis: ['8.11'] },
  reads: ['findings', 'auditTrail'],
  modes: ['org'],
  evaluate: (snapshot, context) => {
    const skip = absent(snapshot, 'findings', 'auditTrail');
    if (skip) return skip;
    const limit = target(context, 'mttd-hours');
    return {
      hits: detectionDelays(snapshot, context.findings)
        .filter((delay) => delay.hours > limit)
        .map((delay) => ({
          component: { type: 'Health_Finding__c', name: delay.findingKey },
          detail: `Detected ${Math.round(delay.hours)} hours after the change that introduced it (target ${limit}): ${delay.change.createdDate} ${delay.change.display}`
        }))
    };
  }
};

/** How long each cadence may go without a held review, in days (a grace of one day for the weekly sync). */
const CADENCE: Array<{ type: string; days: number; area: string }> = [
  { type: 'Weekly Sync', days: 8, area: GOVERNANCE_AREA },
  { type: 'Monthly Health Review', days: 32, area: GOVERNANCE_AREA },
  { type: 'Quarterly Architecture Review', days: 93, area: GOVERNANCE_AREA }
];

export const reviewCadenceMissed: ContractRule = {
  id: 'gov.review-cadence-missed',
  title: 'Weekly sync, monthly health review or quarterly architecture review not held in time',
  severity: 'low',
  lead: 'Joint',
  areaKey: GOVERNANCE_AREA,
  remediation:
    'Hold the review with both leads and record it as a Governance_Review__c (held on, attendees, outcome, the decisions it took).',
  references: [],
  controls: { nist: ['GV.OV-01', 'GV.RR-01'], iso27001: ['A.5.1', 'A.5.35'] },
  reads: ['governanceReviews'],
  modes: ['org'],
  evaluate: (snapshot) => {
    const skip = absent(snapshot, 'governanceReviews');
    if (skip) return skip;
    const today = snapshot.takenAt.slice(0, 10);
    const hits: RuleHit[] = [];
    for (const cadence of CADENCE) {
      const held = (snapshot.governanceReviews ?? [])
        .filter((review) => review.reviewType === cadence.type && review.heldOn <= today)
        .map((review) => review.heldOn.slice(0, 10))
        .sort()
        .at(-1);
      if (held && dayDiff(held, today) <= cadence.days) continue;
      hits.push({
        component: { type: 'Governance_Review__c', name: cadence.type },
        detail: held
          ? `The last ${cadence.type} was held on ${held}, ${plural(Math.floor(dayDiff(held, today)), 'day')} ago (due every ${plural(cadence.days, 'day')}).`
          : `No ${cadence.type} has been recorded.`
      });
    }
    return { hits };
  }
};

const CLOSED = new Set(['Deployed', 'Rejected', 'Cancelled']);

export const changeRequestSlow: ContractRule = {
  id: 'gov.change-request-slow',
  title: 'Joint-backlog request past the security-review or lead-time target, or open six weeks',
  severity: 'low',
  lead: 'Joint',
  areaKey: GOVERNANCE_AREA,
  remediation:
    'Take the request to the weekly sync: name what blocks it, finish the security review within the target, or close it with a reason.',
  references: [],
  controls: { nist: ['GV.OV-02', 'PR.PS-01'], iso27001: ['A.8.32'] },
  reads: ['changeRequests', 'governanceAreas'],
  modes: ['org'],
  evaluate: (snapshot, context) => {
    const skip = absent(snapshot, 'changeRequests');
    if (skip) return skip;
    const today = snapshot.takenAt.slice(0, 10);
    const reviewTarget = target(context, 'security-review-days');
    const leadTarget = target(context, 'lead-time-days');
    const hits: RuleHit[] = [];
    for (const change of snapshot.changeRequests ?? []) {
      const problems: string[] = [];
      if (change.securityReviewRequestedOn) {
        const reviewDays = dayDiff(change.securityReviewRequestedOn, change.securityReviewCompletedOn ?? today);
        if (reviewDays > reviewTarget)
          problems.push(
            `security review ${change.securityReviewCompletedOn ? 'took' : 'open for'} ${plural(reviewDays, 'day')} (target ${reviewTarget})`
          );
      }
      if (change.deployedOn) {
        const leadDays = dayDiff(change.requestedOn, change.deployedOn);
        if (leadDays > leadTarget) problems.push(`lead time to production ${plural(leadDays, 'day')} (target ${leadTarget})`);
      } else if (!CLOSED.has(change.status) && dayDiff(change.requestedOn, today) > 42) {
        problems.push(`open for ${plural(dayDiff(change.requestedOn, today), 'day')} (six weeks is 42)`);
      }
      if (problems.length === 0) continue;
      const lead = change.lead === 'SalesOps' || change.lead === 'IT' || change.lead === 'Joint' ? change.lead : undefined;
      hits.push({
        component: { type: 'Change_Request__c', name: change.name },
        detail: `${change.name} "${change.request}" (${change.status}): ${problems.join('; ')}.`,
        route: lead ? { areaKey: GOVERNANCE_AREA, lead } : undefined
      });
    }
    return { hits };
  }
};

export const integrationNoRunbook: ContractRule = {
  id: 'gov.integration-no-runbook',
  title: 'Integration without an on-call user or a runbook exercised in the last 12 months',
  severity: 'medium',
  lead: 'IT',
  areaKey: 'INTEGRATION.GOVERNANCE',
  remediation:
    'Set Integration__c.On_Call_User__c to the person paged when it fails, and publish an Incident_Runbook__c for it; exercise the runbook at least yearly.',
  references: [],
  controls: { nist: ['RS.MA-01', 'RC.RP-01'], iso27001: ['A.5.24', 'A.5.26'], cis: ['17.4'] },
  reads: ['integrations', 'runbooks'],
  modes: ['org'],
  evaluate: (snapshot) => {
    const skip = absent(snapshot, 'integrations', 'runbooks');
    if (skip) return skip;
    const yearAgo = new Date(Date.parse(snapshot.takenAt) - 365 * 86_400_000).toISOString().slice(0, 10);
    const hits: RuleHit[] = [];
    for (const integration of snapshot.integrations ?? []) {
      const runbooks = (snapshot.runbooks ?? []).filter(
        (runbook) => runbook.integrationId === integration.id && runbook.status !== 'Retired'
      );
      const exercised = runbooks.some((runbook) => runbook.status === 'Published' && (runbook.lastExercised ?? '') >= yearAgo);
      const problems: string[] = [];
      if (!integration.onCallUserId)
        problems.push(integration.onCall ? `on call is free text ("${integration.onCall}"), not a user` : 'nobody is on call');
      if (!exercised)
        problems.push(
          runbooks.length === 0 ? 'it has no runbook' : 'its runbook is not published or was not exercised in the last 12 months'
        );
      if (problems.length > 0)
        hits.push({
          component: { type: 'Integration__c', name: integration.name },
          detail: `${integration.name}: ${problems.join('; ')}.`
        });
    }
    return { hits };
  }
};

/** Production deployments that count: check-only validations and ones still running excluded. */
export function countedDeployments(snapshot: OrgSnapshot): { total: number; failed: number } {
  const done = (snapshot.deployments ?? []).filter(
    (deployment) => !deployment.checkOnly && ['Succeeded', 'SucceededPartial', 'Failed', 'Canceled'].includes(deployment.status)
  );
  return { total: done.length, failed: done.filter((deployment) => deployment.status !== 'Succeeded').length };
}

export const changeFailureRate: ContractRule = {
  id: 'dora.change-failure-rate',
  title: 'Failed or rolled-back production deployments above the target share',
  severity: 'medium',
  lead: 'IT',
  areaKey: RELEASE_AREA,
  remediation:
    'Validate every deployment against a full-copy sandbox with tests before production, and review each failed deployment at the monthly health review.',
  references: ['https://dora.dev/guides/dora-metrics-four-keys/'],
  controls: { nist: ['PR.PS-01', 'ID.IM-03'], iso27001: ['A.8.32', 'A.8.33'], cis: ['16.1'] },
  reads: ['deployments'],
  modes: ['org'],
  evaluate: (snapshot, context) => {
    const skip = absent(snapshot, 'deployments');
    if (skip) return skip;
    const { total, failed } = countedDeployments(snapshot);
    const limit = target(context, 'change-failure-rate');
    if (total === 0 || failed / total <= limit) return { hits: [] };
    return {
      hits: [
        {
          component: { type: 'Organization', name: snapshot.orgId ?? 'org' },
          detail: `${failed} of ${plural(total, 'production deployment')} failed, were partial or were cancelled (${Math.round((failed / total) * 100)} %, target ${Math.round(limit * 100)} %).`
        }
      ]
    };
  }
};

export const forecastAccuracy: ContractRule = {
  id: 'revenue.forecast-accuracy',
  title: 'Closed quarter whose closed-won amount missed the forecast by more than the target',
  severity: 'medium',
  lead: 'SalesOps',
  areaKey: 'REVENUE.STAGES',
  remediation:
    'Review stage definitions, probabilities and close-date hygiene with sales leadership; make the forecast category follow the stage, and track the accuracy each quarter.',
  references: [help('sf.forecasts3_overview.htm')],
  controls: { nist: ['GV.OC-01'] },
  reads: ['forecastQuarters'],
  modes: ['org'],
  evaluate: (snapshot, context) => {
    const skip = absent(snapshot, 'forecastQuarters');
    if (skip) return skip;
    const limit = target(context, 'forecast-accuracy');
    return {
      hits: (snapshot.forecastQuarters ?? [])
        .filter((quarter) => quarter.forecastAmount > 0 && forecastAccuracyOf(quarter) < limit)
        .map((quarter) => ({
          component: { type: 'ForecastQuarter', name: quarter.quarter },
          detail: `${quarter.quarter}: closed won ${quarter.closedWonAmount.toFixed(0)} against ${quarter.forecastAmount.toFixed(0)} forecast at the quarter's start (${quarter.basis}): accuracy ${Math.round(forecastAccuracyOf(quarter) * 100)} %, target ${Math.round(limit * 100)} %.`
        }))
    };
  }
};

/** 1 − |actual − forecast| / forecast, floored at 0: over- and under-forecasting miss alike. */
export function forecastAccuracyOf(quarter: { forecastAmount: number; closedWonAmount: number }): number {
  if (quarter.forecastAmount <= 0) return 0;
  return Math.max(0, 1 - Math.abs(quarter.closedWonAmount - quarter.forecastAmount) / quarter.forecastAmount);
}

export const OPERATING_MODEL_RULES: readonly ContractRule[] = [
  mttdBreached,
  reviewCadenceMissed,
  changeRequestSlow,
  integrationNoRunbook,
  changeFailureRate,
  forecastAccuracy
];
