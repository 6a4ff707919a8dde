import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateFormula, type FormulaValue } from '../formula';
import { loadObjects, picklistValues } from '../metadataModel';

/** The operating model's objects: cadence, joint backlog, runbooks. Logic evaluated from the metadata as shipped. */
const objects = loadObjects();
const formula = (object: string, field: string) => objects.get(object)!.fields.get(field)!.formula!;
const rule = (object: string, name: string) => {
  const found = objects.get(object)!.validationRules.find((candidate) => candidate.fullName === name);
  if (!found) throw new Error(`no validation rule ${object}.${name}`);
  return found.errorConditionFormula;
};
const date = (text: string) => new Date(`${text}T00:00:00Z`);
const TODAY = date('2026-11-23');
const value = (object: string, field: string, record: Record<string, FormulaValue>) =>
  evaluateFormula(formula(object, field), { record, today: TODAY });
const fires = (object: string, name: string, record: Record<string, FormulaValue>) =>
  evaluateFormula(rule(object, name), { record, today: TODAY }) === true;
const iso = (result: FormulaValue) => (result instanceof Date ? result.toISOString().slice(0, 10) : result);

describe('Governance_Review__c', () => {
  it('has the three cadences, and the next one is due by the type', () => {
    expect(picklistValues(objects.get('Governance_Review__c')!.fields.get('Review_Type__c')!)).toEqual([
      'Weekly Sync',
      'Monthly Health Review',
      'Quarterly Architecture Review'
    ]);
    const due = (type: string | null, held: string) =>
      iso(value('Governance_Review__c', 'Next_Due__c', { Review_Type__c: type, Held_On__c: date(held) }));
    expect(due('Weekly Sync', '2026-11-16')).toBe('2026-11-23');
    expect(due('Monthly Health Review', '2026-01-31')).toBe('2026-02-28');
    expect(due('Quarterly Architecture Review', '2026-07-15')).toBe('2026-10-15');
    expect(due(null, '2026-07-15')).toBeNull();
  });

  it('needs both leads, active, and is recorded once held', () => {
    const fields = objects.get('Governance_Review__c')!.fields;
    expect(fields.get('SalesOps_Lead__c')).toMatchObject({ type: 'Lookup', referenceTo: 'User', required: 'true' });
    expect(fields.get('IT_Lead__c')).toMatchObject({ type: 'Lookup', referenceTo: 'User', required: 'true' });
    expect(fires('Governance_Review__c', 'SalesOps_Lead_Must_Be_Active', { 'SalesOps_Lead__r.IsActive': false })).toBe(true);
    expect(fires('Governance_Review__c', 'IT_Lead_Must_Be_Active', { 'IT_Lead__r.IsActive': true })).toBe(false);
    expect(fires('Governance_Review__c', 'Held_On_Not_In_Future', { Held_On__c: date('2026-11-24') })).toBe(true);
    expect(fires('Governance_Review__c', 'Held_On_Not_In_Future', { Held_On__c: TODAY })).toBe(false);
    expect(objects.get('Decision__c')!.fields.get('Governance_Review__c')).toMatchObject({ referenceTo: 'Governance_Review__c' });
  });
});

describe('Change_Request__c', () => {
  it.each([
    [true, true, null, 'Joint'],
    [true, false, null, 'SalesOps'],
    [false, true, null, 'IT'],
    [false, false, 'IT', 'IT'],
    [false, false, null, 'SalesOps']
  ])('the lead follows the decision tree of Decision__c: revenue %s, access %s, area %s -> %s', (revenue, access, area, lead) => {
    const record = { Changes_Revenue__c: revenue, Changes_Access__c: access, 'Governance_Area__r.Lead__c': area };
    expect(value('Change_Request__c', 'Lead__c', record)).toBe(lead);
    expect(evaluateFormula(formula('Decision__c', 'Lead__c'), { record })).toBe(lead);
  });

  it('measures lead time, review time and days open', () => {
    const record = {
      Requested_On__c: date('2026-10-01'),
      Security_Review_Requested_On__c: date('2026-10-02'),
      Security_Review_Completed_On__c: date('2026-10-12'),
      Deployed_On__c: date('2026-10-15'),
      Status__c: 'Deployed'
    };
    expect(value('Change_Request__c', 'Lead_Time_Days__c', record)).toBe(14);
    expect(value('Change_Request__c', 'Review_Time_Days__c', record)).toBe(10);
    expect(value('Change_Request__c', 'Open_Days__c', record)).toBeNull();
    expect(value('Change_Request__c', 'Lead_Time_Days__c', { ...record, Deployed_On__c: null })).toBeNull();
    expect(value('Change_Request__c', 'Review_Time_Days__c', { ...record, Security_Review_Completed_On__c: null })).toBeNull();
    expect(value('Change_Request__c', 'Open_Days__c', { ...record, Status__c: 'In Security Review' })).toBe(53);
    expect(value('Change_Request__c', 'Open_Days__c', { ...record, Status__c: 'Cancelled' })).toBeNull();
  });

  it('requires a completed security review before an access change is approved or deployed', () => {
    const access = { Changes_Access__c: true, Status__c: 'Approved', Security_Review_Completed_On__c: null };
    expect(fires('Change_Request__c', 'Access_Change_Needs_Security_Review', access)).toBe(true);
    expect(fires('Change_Request__c', 'Access_Change_Needs_Security_Review', { ...access, Status__c: 'Deployed' })).toBe(true);
    expect(fires('Change_Request__c', 'Access_Change_Needs_Security_Review', { ...access, Status__c: 'New' })).toBe(false);
    expect(
      fires('Change_Request__c', 'Access_Change_Needs_Security_Review', { ...access, Security_Review_Completed_On__c: date('2026-11-01') })
    ).toBe(false);
    expect(fires('Change_Request__c', 'Access_Change_Needs_Security_Review', { ...access, Changes_Access__c: false })).toBe(false);
  });

  it('a joint change needs its decision; a deployed one its date; dates run in order; the owner is active', () => {
    const joint = { Changes_Revenue__c: true, Changes_Access__c: true, Status__c: 'In Progress', Decision__c: null };
    expect(fires('Change_Request__c', 'Joint_Change_Needs_Decision', joint)).toBe(true);
    expect(fires('Change_Request__c', 'Joint_Change_Needs_Decision', { ...joint, Decision__c: 'a04x' })).toBe(false);
    expect(fires('Change_Request__c', 'Joint_Change_Needs_Decision', { ...joint, Changes_Access__c: false })).toBe(false);
    expect(fires('Change_Request__c', 'Deployed_Needs_Date', { Status__c: 'Deployed', Deployed_On__c: null })).toBe(true);
    expect(fires('Change_Request__c', 'Deployed_Needs_Date', { Status__c: 'Deployed', Deployed_On__c: TODAY })).toBe(false);
    const dates = { Requested_On__c: date('2026-10-01'), Security_Review_Requested_On__c: null, Security_Review_Completed_On__c: null };
    expect(fires('Change_Request__c', 'Dates_In_Order', dates)).toBe(false);
    expect(fires('Change_Request__c', 'Dates_In_Order', { ...dates, Deployed_On__c: date('2026-09-30') })).toBe(true);
    expect(fires('Change_Request__c', 'Dates_In_Order', { ...dates, Security_Review_Completed_On__c: date('2026-10-03') })).toBe(true);
    expect(
      fires('Change_Request__c', 'Dates_In_Order', {
        ...dates,
        Security_Review_Requested_On__c: date('2026-10-04'),
        Security_Review_Completed_On__c: date('2026-10-03')
      })
    ).toBe(true);
    expect(fires('Change_Request__c', 'Change_Owner_Must_Be_Active', { 'Change_Owner__r.IsActive': false })).toBe(true);
  });
});

describe('Incident_Runbook__c and the on-call user', () => {
  it('owner and on-call are users, required and active; escalation is optional', () => {
    const fields = objects.get('Incident_Runbook__c')!.fields;
    expect(fields.get('Runbook_Owner__c')).toMatchObject({ type: 'Lookup', referenceTo: 'User', required: 'true' });
    expect(fields.get('On_Call_User__c')).toMatchObject({ type: 'Lookup', referenceTo: 'User', required: 'true' });
    expect(fires('Incident_Runbook__c', 'On_Call_User_Must_Be_Active', { 'On_Call_User__r.IsActive': false })).toBe(true);
    expect(fires('Incident_Runbook__c', 'Escalation_User_Must_Be_Active', { Escalation_User__c: null })).toBe(false);
    expect(
      fires('Incident_Runbook__c', 'Escalation_User_Must_Be_Active', { Escalation_User__c: '005x', 'Escalation_User__r.IsActive': false })
    ).toBe(true);
    expect(fires('Incident_Runbook__c', 'Published_Needs_Runbook_URL', { Status__c: 'Published', Runbook_URL__c: null })).toBe(true);
    expect(fires('Incident_Runbook__c', 'Published_Needs_Runbook_URL', { Status__c: 'Draft', Runbook_URL__c: null })).toBe(false);
  });

  it('a published runbook not exercised in twelve months is overdue', () => {
    const overdue = (status: string, exercised: string | null) =>
      value('Incident_Runbook__c', 'Exercise_Overdue__c', { Status__c: status, Last_Exercised__c: exercised ? date(exercised) : null });
    expect(overdue('Published', '2025-11-22')).toBe(true);
    expect(overdue('Published', '2025-11-23')).toBe(false);
    expect(overdue('Published', null)).toBe(true);
    expect(overdue('Draft', null)).toBe(false);
  });

  it('Integration__c names its on-call person as a user, beside the old free text', () => {
    const fields = objects.get('Integration__c')!.fields;
    expect(fields.get('On_Call_User__c')).toMatchObject({ type: 'Lookup', referenceTo: 'User' });
    expect(fires('Integration__c', 'On_Call_User_Must_Be_Active', { On_Call_User__c: '005x', 'On_Call_User__r.IsActive': false })).toBe(
      true
    );
    expect(fires('Integration__c', 'On_Call_User_Must_Be_Active', { On_Call_User__c: null })).toBe(false);
  });
});

describe('sample data of the operating model', () => {
  const records = (file: string) =>
    (JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'data', file), 'utf8')) as { records: Array<Record<string, unknown>> })
      .records;

  it('has a runbook for each of the five top incident classes, each with an owner and an on-call user', () => {
    const runbooks = records('Incident_Runbook__c.json');
    expect(new Set(runbooks.map((runbook) => runbook.Incident_Class__c))).toEqual(
      new Set([
        'Integration Sync Failure',
        'Privileged Access Regression',
        'SSO or MFA Outage',
        'Failed Production Deployment',
        'Data Loss or Bad Data Load'
      ])
    );
    for (const runbook of runbooks) expect([runbook.Runbook_Owner__c, runbook.On_Call_User__c]).toEqual(['@setupUser', '@setupUser']);
  });

  it('has every cadence and a joint backlog with each lead', () => {
    expect(new Set(records('Governance_Review__c.json').map((review) => review.Review_Type__c)).size).toBe(3);
    const leads = records('Change_Request__c.json').map((change) =>
      evaluateFormula(formula('Change_Request__c', 'Lead__c'), {
        record: { Changes_Revenue__c: change.Changes_Revenue__c as boolean, Changes_Access__c: change.Changes_Access__c as boolean }
      })
    );
    expect(new Set(leads)).toEqual(new Set(['SalesOps', 'IT', 'Joint']));
  });
});
