import { runHealthCheck } from '../engine';
import { aiConfigUnowned, marksPersonalData, unclassifiedSensitiveField } from '../rules/dataGovernance';
import {
  changeFailureRate,
  changeRequestSlow,
  forecastAccuracy,
  forecastAccuracyOf,
  integrationNoRunbook,
  introducingChange,
  mttdBreached,
  reviewCadenceMissed
} from '../rules/operatingModel';
import type { ContractRule } from '../rules/operatingModelHelpers';
import { dashboardRunsAsUser, stageForecastMismatch, validationRuleUndocumented } from '../rules/salesOps';
import { defaultRuleOptions } from '../rules';
import type { Finding } from '../result';
import type { RuleHit } from '../rules/types';
import type { ChangeRequestRecord, OrgSnapshot } from '../snapshot';
import { liveSnapshot } from './core-fixtures';

const TAKEN = '2026-11-23T12:00:00.000Z';
const snapshot = (extra: Partial<OrgSnapshot>): OrgSnapshot => liveSnapshot({ takenAt: TAKEN, ...extra });
function hits(rule: ContractRule, data: OrgSnapshot, targets = {}): RuleHit[] {
  const outcome = rule.evaluate(data, { options: defaultRuleOptions(undefined, { targets }) });
  if ('skipped' in outcome) throw new Error(`${rule.id} skipped: ${outcome.skipped}`);
  return outcome.hits;
}
const skipped = (rule: ContractRule, data: OrgSnapshot) => {
  const outcome = rule.evaluate(data, { options: defaultRuleOptions() });
  return 'skipped' in outcome ? outcome.skipped : undefined;
};

describe('gov.mttd-breached', () => {
  const audit = [
    {
      id: '0Ym1',
      action: 'PermSetEnableUserPerm',
      section: 'Manage Users',
      display: 'Permission set Shadow Admin: Modify All Data was enabled',
      createdDate: '2026-11-01T09:00:00.000Z',
      createdById: '005a'
    },
    {
      id: '0Ym2',
      action: 'PermSetAssign',
      section: 'Manage Users',
      display: 'Permission set Shadow Admin: assigned to user Alex Rep',
      createdDate: '2026-11-20T09:00:00.000Z',
      createdById: '005a'
    }
  ];
  const finding = (firstDetected: string) => ({
    id: 'a07',
    findingKey: 'perm.modify-all-data:PermissionSet:Shadow_Admin',
    ruleId: 'perm.modify-all-data',
    status: 'Open',
    firstDetected
  });

  it('fires when a security finding was first detected more than 24 hours after the change that introduced it', () => {
    const found = hits(mttdBreached, snapshot({ auditTrail: audit, findings: [finding('2026-11-05T09:00:00.000Z')] }));
    expect(found).toHaveLength(1);
    expect(found[0].detail).toContain('Detected 96 hours after');
    expect(found[0].detail).toContain('Modify All Data was enabled');
  });

  it('stays silent within the target, for a later change, and for non-security findings; a target can be changed', () => {
    expect(hits(mttdBreached, snapshot({ auditTrail: audit, findings: [finding('2026-11-01T20:00:00.000Z')] }))).toEqual([]);
    expect(hits(mttdBreached, snapshot({ auditTrail: audit, findings: [finding('2026-10-30T00:00:00.000Z')] }))).toEqual([]);
    const governance = { ...finding('2026-11-05T09:00:00.000Z'), findingKey: 'gov.review-overdue:Risk__c:Shadow_Admin' };
    expect(hits(mttdBreached, snapshot({ auditTrail: audit, findings: [governance] }))).toEqual([]);
    expect(
      hits(mttdBreached, snapshot({ auditTrail: audit, findings: [finding('2026-11-05T09:00:00.000Z')] }), { 'mttd-hours': 100 })
    ).toEqual([]);
  });

  it('matches the audit entry by label, as a whole name, and picks the latest change before detection', () => {
    const later = { ...audit[0], id: '0Ym3', createdDate: '2026-11-10T09:00:00.000Z' };
    expect(introducingChange([...audit, later], 'Shadow_Admin', '2026-11-21T00:00:00.000Z')?.id).toBe('0Ym3');
    expect(introducingChange(audit, 'Shadow', '2026-11-21T00:00:00.000Z')?.id).toBe('0Ym1');
    // Assigning the set exposes users; it is not the change that made the set grant Modify All Data.
    expect(introducingChange([audit[1]], 'Shadow_Admin', '2026-11-21T00:00:00.000Z', 'perm.modify-all-data')).toBeUndefined();
    expect(introducingChange(audit, 'Shadow_Admin', '2026-11-21T00:00:00.000Z', 'perm.view-all-data')).toBeUndefined();
    expect(introducingChange(audit, 'Shadow_Admins', '2026-11-21T00:00:00.000Z')).toBeUndefined();
  });

  it("times this run's new security findings at the run, so the run that detects late reports it", () => {
    const runFinding = {
      key: 'perm.modify-all-data:PermissionSet:Shadow_Admin',
      ruleId: 'perm.modify-all-data',
      component: { type: 'PermissionSet', name: 'Shadow_Admin' }
    };
    const outcome = mttdBreached.evaluate(snapshot({ auditTrail: audit, findings: [] }), {
      options: defaultRuleOptions(),
      findings: [runFinding as Finding]
    });
    expect('hits' in outcome && outcome.hits.map((hit) => hit.component.name)).toEqual(['perm.modify-all-data:PermissionSet:Shadow_Admin']);
    expect('hits' in outcome && outcome.hits[0].detail).toContain('Detected 531 hours after');
  });

  it('attributes only privilege-related changes: a password change introduces nothing', () => {
    const password = {
      ...audit[0],
      action: 'changedpassword',
      section: 'Manage Users',
      display: 'Changed password for user integration@acme.example'
    };
    expect(introducingChange([password], 'integration@acme.example', TAKEN)).toBeUndefined();
  });

  it('skips without the audit trail, with the reason', () => {
    expect(skipped(mttdBreached, snapshot({ auditTrail: undefined, unavailable: { auditTrail: 'no View Setup' } }))).toBe('no View Setup');
  });
});

describe('gov.review-cadence-missed', () => {
  const review = (reviewType: string, heldOn: string) => ({ id: heldOn, name: `REV ${heldOn}`, reviewType, heldOn });

  it('fires for each cadence not held in time, and for one never held', () => {
    const found = hits(
      reviewCadenceMissed,
      snapshot({ governanceReviews: [review('Weekly Sync', '2026-11-10'), review('Quarterly Architecture Review', '2026-07-15')] })
    );
    expect(found.map((hit) => hit.component.name)).toEqual(['Weekly Sync', 'Monthly Health Review', 'Quarterly Architecture Review']);
    expect(found[0].detail).toContain('held on 2026-11-10, 13 days ago');
    expect(found[1].detail).toBe('No Monthly Health Review has been recorded.');
  });

  it('stays silent when each was held in time', () => {
    const reviews = [
      review('Weekly Sync', '2026-11-16'),
      review('Weekly Sync', '2026-10-01'),
      review('Monthly Health Review', '2026-10-28'),
      review('Quarterly Architecture Review', '2026-09-01')
    ];
    expect(hits(reviewCadenceMissed, snapshot({ governanceReviews: reviews }))).toEqual([]);
  });
});

describe('gov.change-request-slow', () => {
  const change = (fields: Partial<ChangeRequestRecord>): ChangeRequestRecord => ({
    id: 'cr',
    name: 'CR-0001',
    request: 'A field',
    lead: 'IT',
    status: 'Approved',
    requestedOn: '2026-11-01',
    changesRevenue: false,
    changesAccess: true,
    ...fields
  });

  it('fires on a slow security review, a long lead time and a request open six weeks, routed by its lead', () => {
    const found = hits(
      changeRequestSlow,
      snapshot({
        changeRequests: [
          change({ name: 'CR-1', securityReviewRequestedOn: '2026-11-02', securityReviewCompletedOn: '2026-11-12' }),
          change({ name: 'CR-2', status: 'Deployed', deployedOn: '2026-11-09', lead: 'SalesOps' }),
          change({ name: 'CR-3', status: 'New', requestedOn: '2026-10-01' }),
          change({ name: 'CR-4', securityReviewRequestedOn: '2026-11-10' })
        ]
      })
    );
    expect(found.map((hit) => [hit.component.name, hit.route?.lead])).toEqual([
      ['CR-1', 'IT'],
      ['CR-2', 'SalesOps'],
      ['CR-3', 'IT'],
      ['CR-4', 'IT']
    ]);
    expect(found[0].detail).toContain('security review took 10 days (target 7)');
    expect(found[1].detail).toContain('lead time to production 8 days (target 5)');
    expect(found[2].detail).toContain('open for 53 days');
    expect(found[3].detail).toContain('security review open for 13 days');
  });

  it('stays silent within the targets and for closed requests', () => {
    const quiet = [
      change({ securityReviewRequestedOn: '2026-11-02', securityReviewCompletedOn: '2026-11-06' }),
      change({ status: 'Deployed', deployedOn: '2026-11-04' }),
      change({ status: 'Cancelled', requestedOn: '2026-01-01' })
    ];
    expect(hits(changeRequestSlow, snapshot({ changeRequests: quiet }))).toEqual([]);
  });
});

describe('gov.integration-no-runbook', () => {
  const integration = { id: 'i1', name: 'ERP sync', ownerUserId: '005o', onCallUserId: '005c' };
  const runbook = { id: 'r1', name: 'Sync failure', incidentClass: 'Integration Sync Failure', integrationId: 'i1', status: 'Published' };

  it('fires without an on-call user, without a runbook, or with a runbook not exercised in 12 months', () => {
    const found = hits(
      integrationNoRunbook,
      snapshot({
        integrations: [
          { ...integration, id: 'i2', name: 'Marketing', onCallUserId: undefined, onCall: 'the marketing team' },
          { ...integration, id: 'i3', name: 'Billing' },
          integration
        ],
        runbooks: [{ ...runbook, lastExercised: '2025-10-01' }]
      })
    );
    expect(found.map((hit) => hit.detail)).toEqual([
      'Marketing: on call is free text ("the marketing team"), not a user; it has no runbook.',
      'Billing: it has no runbook.',
      'ERP sync: its runbook is not published or was not exercised in the last 12 months.'
    ]);
  });

  it('stays silent for an on-call user and a published runbook exercised this year', () => {
    expect(
      hits(integrationNoRunbook, snapshot({ integrations: [integration], runbooks: [{ ...runbook, lastExercised: '2026-03-01' }] }))
    ).toEqual([]);
  });
});

describe('dora.change-failure-rate', () => {
  const deploy = (status: string, checkOnly = false) => ({ id: status, status, checkOnly });

  it('fires above the target share of failed, partial or cancelled production deployments; validations excluded', () => {
    const deployments = [
      ...Array.from({ length: 8 }, () => deploy('Succeeded')),
      deploy('Failed'),
      deploy('Canceled'),
      ...Array.from({ length: 5 }, () => deploy('Failed', true)),
      deploy('InProgress')
    ];
    const found = hits(changeFailureRate, snapshot({ deployments }));
    expect(found[0].detail).toBe('2 of 10 production deployments failed, were partial or were cancelled (20 %, target 15 %).');
    expect(hits(changeFailureRate, snapshot({ deployments }), { 'change-failure-rate': 0.2 })).toEqual([]);
  });

  it('stays silent with no deployments or only successes', () => {
    expect(hits(changeFailureRate, snapshot({ deployments: [] }))).toEqual([]);
    expect(hits(changeFailureRate, snapshot({ deployments: [deploy('Succeeded'), deploy('Failed', true)] }))).toEqual([]);
  });
});

describe('revenue.forecast-accuracy', () => {
  const quarter = (name: string, forecastAmount: number, closedWonAmount: number) => ({
    quarter: name,
    start: '2026-07-01',
    end: '2026-09-30',
    forecastAmount,
    closedWonAmount,
    basis: 'OpportunityHistory'
  });

  it('fires for quarters under the target either way, led by SalesOps', () => {
    const found = runHealthCheck(
      snapshot({ forecastQuarters: [quarter('2026-Q2', 1000, 650), quarter('2026-Q3', 1000, 1300), quarter('2026-Q1', 1000, 900)] }),
      { rules: [forecastAccuracy] }
    ).findings;
    expect(found.map((finding) => [finding.component.name, finding.lead])).toEqual([
      ['2026-Q2', 'SalesOps'],
      ['2026-Q3', 'SalesOps']
    ]);
    expect(found[0].detail).toContain('accuracy 65 %, target 85 %');
    expect(forecastAccuracyOf({ forecastAmount: 100, closedWonAmount: 300 })).toBe(0);
  });
});

describe('ai.config-unowned', () => {
  const ai = [{ type: 'GenAiPromptTemplate', name: 'Account_Summary', location: { file: 'x.genAiPromptTemplate-meta.xml', line: 2 } }];
  const area = {
    id: 'ga',
    areaKey: 'AI.CONFIGURATION',
    name: 'AI configuration',
    lead: 'Joint' as const,
    accountableId: 'u1',
    status: 'Active'
  };
  const user = { id: 'u1', username: 'u@x', name: 'U', isActive: true, profileName: 'P', userType: 'Standard' };
  const decision = { id: 'd', name: 'DEC-1', status: 'Accepted', governanceAreaId: 'ga', expiresOn: '2027-01-01' };

  it('fires live when the area has no active Accountable or no accepted, unexpired decision', () => {
    const base = { aiComponents: ai, governanceAreas: [area], users: [user], decisions: [decision] };
    expect(hits(aiConfigUnowned, snapshot({ ...base, users: [{ ...user, isActive: false }] }))[0].detail).toContain(
      'has no active Accountable'
    );
    expect(hits(aiConfigUnowned, snapshot({ ...base, decisions: [{ ...decision, expiresOn: '2026-01-01' }] }))[0].detail).toContain(
      'no accepted, unexpired decision'
    );
    expect(hits(aiConfigUnowned, snapshot({ ...base, governanceAreas: [] }))[0].detail).toContain('no AI.CONFIGURATION governance area');
    expect(hits(aiConfigUnowned, snapshot(base))).toEqual([]);
    expect(hits(aiConfigUnowned, snapshot({ ...base, aiComponents: [] }))).toEqual([]);
  });

  it('offline names the AI configuration as a note, since ownership is not in metadata', () => {
    const offline: OrgSnapshot = { source: 'metadata', takenAt: TAKEN, holders: [], settings: {}, unavailable: {}, aiComponents: ai };
    const found = hits(aiConfigUnowned, offline);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', location: ai[0].location });
  });
});

describe('data.unclassified-sensitive-field', () => {
  const field = (name: string, type: string, extra = {}) => ({ object: 'Contact', name, type, ...extra });

  it('fires on personal-data fields missing a sensitivity level or a compliance category', () => {
    const found = hits(
      unclassifiedSensitiveField,
      snapshot({
        customFields: [
          field('Work_Email__c', 'Email'),
          field('Birth_Date__c', 'Date', { securityClassification: 'Confidential' }),
          field('Home_Street__c', 'Text', { complianceGroup: 'PII' }),
          field('Passport_No__c', 'Text', { securityClassification: 'Restricted', complianceGroup: 'PII;GDPR' }),
          field('Region__c', 'Picklist')
        ]
      })
    );
    expect(found.map((hit) => hit.component.name)).toEqual(['Contact.Work_Email__c', 'Contact.Birth_Date__c', 'Contact.Home_Street__c']);
    expect(found[0].detail).toBe(
      'Contact.Work_Email__c (Email) looks like personal data and has no data sensitivity level and no compliance category.'
    );
    expect(found[1].detail).toMatch(/has no compliance category\.$/);
  });

  it('recognises personal data by type, name or label, not by unrelated words', () => {
    expect(marksPersonalData(field('Contact_Point__c', 'Phone'))).toBe(true);
    expect(marksPersonalData(field('DOB__c', 'Date'))).toBe(true);
    expect(marksPersonalData(field('X__c', 'Text', { label: 'National ID' }))).toBe(true);
    expect(marksPersonalData(field('Stage_Reason__c', 'Text'))).toBe(false);
  });
});

describe('SalesOps hygiene rules', () => {
  const stage = (name: string, extra: object) => ({ name, active: true, closed: false, won: false, ...extra });

  it('salesops.stage-forecast-mismatch fires on stages whose probability or category contradicts them', () => {
    const found = hits(
      stageForecastMismatch,
      snapshot({
        opportunityStages: [
          stage('Prospecting', { probability: 10, forecastCategory: 'Pipeline' }),
          stage('Verbal', { probability: 100, forecastCategory: 'Forecast' }),
          stage('Closed Won', { closed: true, won: true, probability: 90, forecastCategory: 'Closed' }),
          stage('Closed Lost', { closed: true, probability: 0, forecastCategory: 'Pipeline' }),
          stage('Old', { active: false, probability: 100, forecastCategory: 'Omitted' })
        ]
      })
    );
    expect(found.map((hit) => hit.detail)).toEqual([
      'Stage Verbal: open at 100 %; the forecast counts it wrongly.',
      'Stage Closed Won: won at 90 %; the forecast counts it wrongly.',
      'Stage Closed Lost: lost but forecast as Pipeline; the forecast counts it wrongly.'
    ]);
  });

  it('salesops.validation-rule-undocumented fires only on active, undescribed rules of revenue objects', () => {
    const rules = [
      { object: 'Opportunity', name: 'Close_Date_Required', active: true },
      { object: 'Opportunity', name: 'Amount_Positive', active: true, description: 'Finance asked for it (CR-0004).' },
      { object: 'Opportunity', name: 'Old', active: false },
      { object: 'Case', name: 'Reason_Required', active: true }
    ];
    expect(hits(validationRuleUndocumented, snapshot({ validationRules: rules })).map((hit) => hit.component.name)).toEqual([
      'Opportunity.Close_Date_Required'
    ]);
  });

  it('salesops.dashboard-runs-as-user fires on dashboards that run as a specified user', () => {
    const dashboards = [
      { name: 'Pipeline', folder: 'Sales', dashboardType: 'SpecifiedUser' },
      { name: 'My_Team', dashboardType: 'LoggedInUser' }
    ];
    expect(hits(dashboardRunsAsUser, snapshot({ dashboards })).map((hit) => hit.component.name)).toEqual(['Sales/Pipeline']);
  });

  it('each rule declares what it reads and where it runs, and skips when the part is unknown', () => {
    for (const rule of [stageForecastMismatch, validationRuleUndocumented, dashboardRunsAsUser, unclassifiedSensitiveField]) {
      expect(rule.modes).toEqual(['org', 'metadata']);
      expect(skipped(rule, snapshot({ unavailable: { [rule.reads[0]]: 'not retrieved' } }))).toBe('not retrieved');
    }
    for (const rule of [mttdBreached, reviewCadenceMissed, changeRequestSlow, integrationNoRunbook, changeFailureRate, forecastAccuracy])
      expect(rule.modes).toEqual(['org']);
  });
});
