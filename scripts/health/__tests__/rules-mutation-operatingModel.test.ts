import { defaultRuleOptions } from '../rules';
import {
  AuditIndex,
  changeFailureRate,
  countedDeployments,
  forecastAccuracy,
  forecastAccuracyOf,
  changeRequestSlow,
  detectionDelays,
  integrationNoRunbook,
  introducingChange,
  mttdBreached,
  reviewCadenceMissed
} from '../rules/operatingModel';
import type { ContractRule } from '../rules/operatingModelHelpers';
import type { Finding } from '../result';
import type { RuleHit } from '../rules/types';
import type { AuditTrailEntry, ChangeRequestRecord, FindingRecord, OrgSnapshot, RunbookRecord } from '../snapshot';
import { liveSnapshot } from './core-fixtures';

// The operating model's rules at their boundaries: exactly at a target is on time, one past it is late;
// and each condition of a finding on its own.
const TAKEN = '2026-11-23T12:00:00.000Z';
const snapshot = (extra: Partial<OrgSnapshot>): OrgSnapshot => liveSnapshot({ takenAt: TAKEN, ...extra });
function hits(rule: ContractRule, data: OrgSnapshot, targets = {}, findings?: Finding[]): RuleHit[] {
  const outcome = rule.evaluate(data, { options: defaultRuleOptions(undefined, { targets }), findings });
  if ('skipped' in outcome) throw new Error(`${rule.id} skipped: ${outcome.skipped}`);
  return outcome.hits;
}

describe('gov.mttd-breached: which audit entry introduced a finding', () => {
  const entry = (extra: Partial<AuditTrailEntry>): AuditTrailEntry => ({
    id: '0Ym1',
    action: 'PermSetEnableUserPerm',
    section: 'Manage Users',
    display: 'Permission set Shadow Admin: Modify All Data was enabled',
    createdDate: '2026-11-01T09:00:00.000Z',
    createdById: '005a',
    ...extra
  });

  it('a component name of three characters is matched; one of two is too short to tell', () => {
    const ops = entry({ display: 'Permission set Ops: Modify All Data was enabled' });
    expect(introducingChange([ops], 'Ops', TAKEN)?.id).toBe('0Ym1');
    const ab = entry({ display: 'Permission set AB: Modify All Data was enabled' });
    expect(introducingChange([ab], 'AB', TAKEN)).toBeUndefined();
  });

  it('an entry made at the moment of detection counts; one a second later does not', () => {
    expect(introducingChange([entry({})], 'Shadow_Admin', '2026-11-01T09:00:00.000Z')?.id).toBe('0Ym1');
    expect(introducingChange([entry({})], 'Shadow_Admin', '2026-11-01T08:59:59.000Z')).toBeUndefined();
  });

  it('an entry whose action and section are not about privileges is not the change, even naming the permission', () => {
    const layout = entry({ action: 'changedLayout', section: 'Customize Accounts' });
    expect(introducingChange([layout], 'Shadow_Admin', TAKEN)).toBeUndefined();
    expect(introducingChange([entry({ action: 'changedLayout', section: 'Permission Sets' })], 'Shadow_Admin', TAKEN)?.id).toBe('0Ym1');
    expect(introducingChange([entry({ section: 'Customize Accounts' })], 'Shadow_Admin', TAKEN)?.id).toBe('0Ym1');
  });

  it('the index alone also looks for a Modify All Data change when no rule is named', () => {
    expect(new AuditIndex([entry({})]).introducingChange('Shadow_Admin', TAKEN)?.id).toBe('0Ym1');
  });

  it('the latest entry before detection is the change, in whatever order the audit trail lists them', () => {
    const later = entry({ id: '0Ym2', createdDate: '2026-11-05T09:00:00.000Z' });
    expect(introducingChange([later, entry({})], 'Shadow_Admin', TAKEN)?.id).toBe('0Ym2');
    expect(introducingChange([entry({}), later], 'Shadow_Admin', TAKEN)?.id).toBe('0Ym2');
  });

  it('of two entries made at the same moment, the first the audit trail lists is the change', () => {
    const twin = entry({ id: '0Ym3' });
    expect(introducingChange([entry({}), twin], 'Shadow_Admin', TAKEN)?.id).toBe('0Ym1');
    expect(introducingChange([twin, entry({})], 'Shadow_Admin', TAKEN)?.id).toBe('0Ym3');
  });

  it('a several-word label is found among entries naming other components', () => {
    const other = entry({
      id: '0Ym0',
      display: 'Permission set Sales Ops: Modify All Data was enabled',
      createdDate: '2026-11-02T09:00:00.000Z'
    });
    expect(introducingChange([entry({}), other], 'Shadow_Admin', TAKEN)?.id).toBe('0Ym1');
    expect(introducingChange([entry({}), other], 'Sales_Ops', TAKEN)?.id).toBe('0Ym0');
  });
});

describe('gov.mttd-breached: which findings are timed', () => {
  const audit: AuditTrailEntry[] = [
    {
      id: '0Ym1',
      action: 'PermSetEnableUserPerm',
      section: 'Manage Users',
      display: 'Permission set Shadow Admin: Modify All Data was enabled',
      createdDate: '2026-11-01T09:00:00.000Z',
      createdById: '005a'
    }
  ];
  const stored = (findingKey: string, firstDetected: string): FindingRecord => ({
    id: 'a07',
    findingKey,
    ruleId: findingKey.split(':')[0],
    status: 'Open',
    firstDetected
  });
  const runFinding = (key: string): Finding =>
    ({ key, ruleId: key.split(':')[0], component: { type: 'PermissionSet', name: key.split(':')[2] } }) as Finding;
  const KEY = 'perm.modify-all-data:PermissionSet:Shadow_Admin';

  it('a finding already stored is timed at its first detection, not again at this run', () => {
    const delays = detectionDelays(snapshot({ auditTrail: audit, findings: [stored(KEY, '2026-11-02T09:00:00.000Z')] }), [runFinding(KEY)]);
    expect(delays.map((delay) => [delay.findingKey, delay.hours, delay.detectedAt])).toEqual([[KEY, 24, '2026-11-02T09:00:00.000Z']]);
  });

  it("this run's new findings are timed only for security rules", () => {
    const governanceKey = 'gov.review-overdue:PermissionSet:Shadow_Admin';
    expect(detectionDelays(snapshot({ auditTrail: audit, findings: [] }), [runFinding(governanceKey)])).toEqual([]);
    expect(detectionDelays(snapshot({ auditTrail: audit, findings: [] }), [runFinding(KEY)]).map((delay) => delay.detectedAt)).toEqual([
      TAKEN
    ]);
  });

  it('detected exactly at the target is on time; an hour later is a finding on the stored finding', () => {
    const at = (firstDetected: string) => snapshot({ auditTrail: audit, findings: [stored(KEY, firstDetected)] });
    expect(hits(mttdBreached, at('2026-11-02T09:00:00.000Z'))).toEqual([]);
    expect(hits(mttdBreached, at('2026-11-02T10:00:00.000Z'))).toEqual([
      {
        component: { type: 'Health_Finding__c', name: KEY },
        detail:
          'Detected 25 hours after the change that introduced it (target 24): 2026-11-01T09:00:00.000Z Permission set Shadow Admin: Modify All Data was enabled'
      }
    ]);
  });
});

describe('gov.review-cadence-missed: boundaries', () => {
  const review = (reviewType: string, heldOn: string) => ({ id: heldOn, name: `REV ${heldOn}`, reviewType, heldOn });
  const others = [review('Monthly Health Review', '2026-11-20'), review('Quarterly Architecture Review', '2026-11-20')];

  it('a weekly sync held 8 days ago is in time; 9 days ago is a finding that says when and how often', () => {
    expect(hits(reviewCadenceMissed, snapshot({ governanceReviews: [review('Weekly Sync', '2026-11-15'), ...others] }))).toEqual([]);
    expect(hits(reviewCadenceMissed, snapshot({ governanceReviews: [review('Weekly Sync', '2026-11-14'), ...others] }))).toEqual([
      {
        component: { type: 'Governance_Review__c', name: 'Weekly Sync' },
        detail: 'The last Weekly Sync was held on 2026-11-14, 9 days ago (due every 8 days).'
      }
    ]);
  });

  it('a review held on the day of the run counts; one recorded for a later day has not been held yet', () => {
    expect(hits(reviewCadenceMissed, snapshot({ governanceReviews: [review('Weekly Sync', '2026-11-23'), ...others] }))).toEqual([]);
    const found = hits(reviewCadenceMissed, snapshot({ governanceReviews: [review('Weekly Sync', '2026-11-24'), ...others] }));
    expect(found.map((hit) => hit.detail)).toEqual(['No Weekly Sync has been recorded.']);
  });

  it('the latest held review is the one that counts', () => {
    const found = hits(
      reviewCadenceMissed,
      snapshot({ governanceReviews: [review('Weekly Sync', '2026-11-01'), review('Weekly Sync', '2026-11-22'), ...others] })
    );
    expect(found).toEqual([]);
  });
});

describe('gov.change-request-slow: boundaries and what the finding says', () => {
  const change = (extra: Partial<ChangeRequestRecord>): ChangeRequestRecord => ({
    id: 'cr1',
    name: 'CR-0001',
    request: 'New discount approval',
    status: 'In Review',
    requestedOn: '2026-11-20',
    changesRevenue: true,
    changesAccess: false,
    ...extra
  });
  const details = (changes: ChangeRequestRecord[]) =>
    hits(changeRequestSlow, snapshot({ changeRequests: changes })).map((hit) => hit.detail);

  it('a security review of exactly the target is in time; a day more is a finding', () => {
    expect(details([change({ securityReviewRequestedOn: '2026-11-10', securityReviewCompletedOn: '2026-11-17' })])).toEqual([]);
    expect(details([change({ securityReviewRequestedOn: '2026-11-10', securityReviewCompletedOn: '2026-11-18' })])).toEqual([
      'CR-0001 "New discount approval" (In Review): security review took 8 days (target 7).'
    ]);
  });

  it('a lead time of exactly the target is in time; a day more is a finding', () => {
    expect(details([change({ status: 'Deployed', requestedOn: '2026-11-01', deployedOn: '2026-11-06' })])).toEqual([]);
    expect(details([change({ status: 'Deployed', requestedOn: '2026-11-01', deployedOn: '2026-11-07' })])).toEqual([
      'CR-0001 "New discount approval" (Deployed): lead time to production 6 days (target 5).'
    ]);
  });

  it('open exactly six weeks is not yet a finding; a day more is', () => {
    expect(details([change({ requestedOn: '2026-10-12' })])).toEqual([]);
    expect(details([change({ requestedOn: '2026-10-11' })])).toEqual([
      'CR-0001 "New discount approval" (In Review): open for 43 days (six weeks is 42).'
    ]);
  });

  it("both problems in one finding, routed to the request's lead, Joint included", () => {
    const found = hits(
      changeRequestSlow,
      snapshot({ changeRequests: [change({ lead: 'Joint', requestedOn: '2026-10-01', securityReviewRequestedOn: '2026-10-02' })] })
    );
    expect(found).toEqual([
      {
        component: { type: 'Change_Request__c', name: 'CR-0001' },
        detail:
          'CR-0001 "New discount approval" (In Review): security review open for 52 days (target 7); open for 53 days (six weeks is 42).',
        route: { areaKey: 'GOVERNANCE.OWNERSHIP', lead: 'Joint' }
      }
    ]);
  });
});

describe('gov.integration-no-runbook: which runbook counts', () => {
  const integration = { id: 'i1', name: 'ERP', onCallUserId: '005oncall' };
  const runbook = (extra: Partial<RunbookRecord>): RunbookRecord => ({
    id: 'rb1',
    name: 'ERP outage',
    incidentClass: 'Integration',
    integrationId: 'i1',
    status: 'Published',
    lastExercised: '2026-06-01',
    ...extra
  });
  const details = (data: Partial<OrgSnapshot>) =>
    hits(integrationNoRunbook, snapshot({ integrations: [integration], runbooks: [], ...data })).map((hit) => hit.detail);

  it('a runbook exercised exactly a year before the run still counts; the day before does not', () => {
    expect(details({ runbooks: [runbook({ lastExercised: '2025-11-23' })] })).toEqual([]);
    expect(details({ runbooks: [runbook({ lastExercised: '2025-11-22' })] })).toEqual([
      'ERP: its runbook is not published or was not exercised in the last 12 months.'
    ]);
  });

  it('a published runbook never exercised does not count', () => {
    expect(details({ runbooks: [runbook({ lastExercised: undefined })] })).toEqual([
      'ERP: its runbook is not published or was not exercised in the last 12 months.'
    ]);
  });

  it('a runbook exercised recently but not published does not count', () => {
    expect(details({ runbooks: [runbook({ status: 'Draft' })] })).toEqual([
      'ERP: its runbook is not published or was not exercised in the last 12 months.'
    ]);
  });

  it('a retired runbook is as if there were none', () => {
    expect(details({ runbooks: [runbook({ status: 'Retired' })] })).toEqual(['ERP: it has no runbook.']);
  });

  it('nobody on call and no runbook: both in one finding', () => {
    expect(hits(integrationNoRunbook, snapshot({ integrations: [{ id: 'i2', name: 'Billing' }], runbooks: [] }))).toEqual([
      { component: { type: 'Integration__c', name: 'Billing' }, detail: 'Billing: nobody is on call; it has no runbook.' }
    ]);
  });
});

describe('dora.change-failure-rate: the org it names', () => {
  it('a snapshot without an org id names the org as such', () => {
    const deployments = [
      { id: 'd1', status: 'Failed', checkOnly: false },
      { id: 'd2', status: 'Succeeded', checkOnly: false }
    ];
    const found = hits(changeFailureRate, snapshot({ orgId: undefined, deployments }));
    expect(found.map((hit) => hit.component)).toEqual([{ type: 'Organization', name: 'org' }]);
  });
});

describe('dora.change-failure-rate: which deployments count', () => {
  it('a partly succeeded deployment counts, as a failure; check-only and unfinished ones do not count', () => {
    const deployments = [
      { id: 'd1', status: 'Succeeded', checkOnly: false },
      { id: 'd2', status: 'SucceededPartial', checkOnly: false },
      { id: 'd3', status: 'Failed', checkOnly: true },
      { id: 'd4', status: 'InProgress', checkOnly: false }
    ];
    expect(countedDeployments(snapshot({ deployments }))).toEqual({ total: 2, failed: 1 });
  });
});

describe('revenue.forecast-accuracy: boundaries', () => {
  const quarter = (forecastAmount: number, closedWonAmount: number) => ({
    quarter: '2026-Q3',
    start: '2026-07-01',
    end: '2026-09-30',
    forecastAmount,
    closedWonAmount,
    basis: 'OpportunityHistory'
  });
  const found = (quarters: ReturnType<typeof quarter>[]) =>
    hits(forecastAccuracy, snapshot({ forecastQuarters: quarters }), { 'forecast-accuracy': 0.8 });

  it('an accuracy of exactly the target is no finding; below it is one, named after the quarter', () => {
    expect(found([quarter(100, 80)])).toEqual([]);
    expect(found([quarter(100, 79)]).map((hit) => hit.component)).toEqual([{ type: 'ForecastQuarter', name: '2026-Q3' }]);
  });

  it('a quarter without a forecast is not judged', () => {
    expect(found([quarter(0, 50)])).toEqual([]);
  });

  it('the accuracy of a quarter without a forecast is 0, however much was won', () => {
    expect(forecastAccuracyOf({ forecastAmount: 0, closedWonAmount: 0 })).toBe(0);
    expect(forecastAccuracyOf({ forecastAmount: 0, closedWonAmount: 50 })).toBe(0);
    expect(forecastAccuracyOf({ forecastAmount: 100, closedWonAmount: 120 })).toBeCloseTo(0.8);
  });
});
