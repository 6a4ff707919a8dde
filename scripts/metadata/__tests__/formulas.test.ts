import { evaluateFormula, type FormulaValue } from '../formula';
import { loadObjects } from '../metadataModel';

const objects = loadObjects();
const formula = (object: string, field: string) => objects.get(object)!.fields.get(field)!.formula!;
const rule = (object: string, name: string) => {
  const found = objects.get(object)!.validationRules.find((candidate) => candidate.fullName === name);
  if (!found) throw new Error(`no validation rule ${object}.${name}`);
  return found.errorConditionFormula;
};
const date = (text: string) => new Date(`${text}T00:00:00Z`);
const TODAY = date('2026-11-23');
const fires = (
  object: string,
  name: string,
  record: Record<string, FormulaValue>,
  extra: { prior?: Record<string, FormulaValue>; isNew?: boolean } = {}
) => evaluateFormula(rule(object, name), { record, today: TODAY, ...extra }) === true;

describe('formula fields, read from the metadata', () => {
  it.each([
    [true, true, null, 'Joint'],
    [true, false, null, 'SalesOps'],
    [false, true, null, 'IT'],
    [false, false, 'IT', 'IT'],
    [false, false, null, 'SalesOps']
  ])('Decision__c.Lead__c: revenue %s, access %s, area lead %s -> %s', (revenue, access, areaLead, lead) => {
    expect(
      evaluateFormula(formula('Decision__c', 'Lead__c'), {
        record: { Changes_Revenue__c: revenue, Changes_Access__c: access, 'Governance_Area__r.Lead__c': areaLead }
      })
    ).toBe(lead);
  });

  it.each([
    [1, 4, 'Low'],
    [1, 5, 'Medium'],
    [3, 3, 'Medium'],
    [2, 5, 'High'],
    [3, 4, 'High'],
    [3, 5, 'Critical'],
    [5, 5, 'Critical']
  ])('risk level bands: likelihood %i x impact %i is %s', (likelihood, impact, level) => {
    const score = evaluateFormula(formula('Risk__c', 'Residual_Score__c'), {
      record: { Residual_Likelihood__c: likelihood, Residual_Impact__c: impact }
    });
    expect(score).toBe(likelihood * impact);
    expect(evaluateFormula(formula('Risk__c', 'Residual_Level__c'), { record: { Residual_Score__c: score } })).toBe(level);
    expect(evaluateFormula(formula('Risk__c', 'Inherent_Level__c'), { record: { Inherent_Score__c: score } })).toBe(level);
    expect(evaluateFormula(formula('Risk__c', 'Above_Appetite__c'), { record: { Residual_Score__c: score } })).toBe(
      (score as number) >= 10
    );
  });

  it('next review due follows the review frequency, and overdue follows today', () => {
    const due = (frequency: string) =>
      evaluateFormula(formula('Governance_Area__c', 'Next_Review_Due__c'), {
        record: { Last_Reviewed__c: date('2026-01-31'), Review_Frequency__c: frequency }
      }) as Date;
    expect(due('Monthly').toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(due('Quarterly').toISOString().slice(0, 10)).toBe('2026-04-30');
    expect(due('Semi-Annually').toISOString().slice(0, 10)).toBe('2026-07-31');
    expect(due('Annually').toISOString().slice(0, 10)).toBe('2027-01-31');
    expect(evaluateFormula(formula('Governance_Area__c', 'Next_Review_Due__c'), { record: { Last_Reviewed__c: null } })).toBeNull();
    const overdue = (next: Date | null) =>
      evaluateFormula(formula('Governance_Area__c', 'Review_Overdue__c'), { record: { Next_Review_Due__c: next }, today: TODAY });
    expect(overdue(date('2026-11-22'))).toBe(true);
    expect(overdue(date('2026-11-23'))).toBe(false);
    expect(overdue(null)).toBe(false);
  });

  it('MTTR is breached only for open findings older than five days', () => {
    const breached = (status: string, firstDetected: Date) =>
      evaluateFormula(formula('Health_Finding__c', 'MTTR_Breached__c'), {
        record: { Status__c: status, First_Detected__c: firstDetected },
        today: TODAY
      });
    expect(breached('Open', date('2026-11-10'))).toBe(true);
    expect(breached('Open', date('2026-11-21'))).toBe(false);
    expect(breached('Resolved', date('2026-11-10'))).toBe(false);
    const age = evaluateFormula(formula('Health_Finding__c', 'Age_Days__c'), {
      record: { First_Detected__c: date('2026-11-10'), Resolved_On__c: date('2026-11-13') }
    });
    expect(age).toBe(3);
  });
});

describe('validation rules, read from the metadata', () => {
  it('every owner lookup must be an active user', () => {
    const cases: Array<[string, string, string]> = [
      ['Governance_Area__c', 'Accountable_Must_Be_Active', 'Accountable__r.IsActive'],
      ['RACI_Assignment__c', 'Assignee_Must_Be_Active', 'Assignee__r.IsActive'],
      ['Risk__c', 'Risk_Owner_Must_Be_Active', 'Risk_Owner__r.IsActive'],
      ['Decision__c', 'Decision_Owner_Must_Be_Active', 'Decision_Owner__r.IsActive'],
      ['Integration__c', 'Owner_Must_Be_Active', 'Owner_User__r.IsActive']
    ];
    for (const [object, name, path] of cases) {
      expect(fires(object, name, { [path]: false })).toBe(true);
      expect(fires(object, name, { [path]: true })).toBe(false);
    }
    expect(fires('Governance_Area__c', 'Delegate_Must_Be_Active', { Delegate__c: '005x', 'Delegate__r.IsActive': false })).toBe(true);
    expect(fires('Governance_Area__c', 'Delegate_Must_Be_Active', { Delegate__c: null })).toBe(false);
  });

  it('a RACI row is never Accountable', () => {
    expect(fires('RACI_Assignment__c', 'Role_Never_Accountable', { Role__c: 'Accountable' })).toBe(true);
    expect(fires('RACI_Assignment__c', 'Role_Never_Accountable', { Role__c: null })).toBe(true);
    expect(fires('RACI_Assignment__c', 'Role_Never_Accountable', { Role__c: 'Responsible' })).toBe(false);
    expect(
      objects
        .get('RACI_Assignment__c')!
        .fields.get('Role__c')!
        .valueSet!.valueSetDefinition!.value!.map((value) => value.fullName)
    ).not.toContain('Accountable');
  });

  it('an Active area needs a Responsible once it exists', () => {
    expect(fires('Governance_Area__c', 'Active_Area_Needs_Responsible', { Status__c: 'Active', Responsible_Count__c: 0 })).toBe(true);
    expect(fires('Governance_Area__c', 'Active_Area_Needs_Responsible', { Status__c: 'Active', Responsible_Count__c: 1 })).toBe(false);
    expect(fires('Governance_Area__c', 'Active_Area_Needs_Responsible', { Status__c: 'Draft', Responsible_Count__c: 0 })).toBe(false);
    expect(
      fires('Governance_Area__c', 'Active_Area_Needs_Responsible', { Status__c: 'Active', Responsible_Count__c: 0 }, { isNew: true })
    ).toBe(false);
  });

  it('likelihood and impact are 1 to 5', () => {
    const base = { Inherent_Likelihood__c: 3, Inherent_Impact__c: 3, Residual_Likelihood__c: 2, Residual_Impact__c: 2 };
    expect(fires('Risk__c', 'Likelihood_And_Impact_1_To_5', base)).toBe(false);
    expect(fires('Risk__c', 'Likelihood_And_Impact_1_To_5', { ...base, Inherent_Likelihood__c: 0 })).toBe(true);
    expect(fires('Risk__c', 'Likelihood_And_Impact_1_To_5', { ...base, Residual_Impact__c: 6 })).toBe(true);
    expect(fires('Risk__c', 'Likelihood_And_Impact_1_To_5', { ...base, Residual_Impact__c: null })).toBe(false);
  });

  it('Treatment Accept needs an accepted decision that has not expired', () => {
    const accept = {
      Treatment__c: 'Accept',
      Acceptance_Decision__c: 'a04x',
      'Acceptance_Decision__r.Status__c': 'Accepted',
      'Acceptance_Decision__r.Expires_On__c': date('2027-01-01')
    };
    expect(fires('Risk__c', 'Accept_Needs_Accepted_Decision', accept)).toBe(false);
    expect(fires('Risk__c', 'Accept_Needs_Accepted_Decision', { ...accept, 'Acceptance_Decision__r.Expires_On__c': null })).toBe(false);
    expect(
      fires('Risk__c', 'Accept_Needs_Accepted_Decision', { ...accept, 'Acceptance_Decision__r.Expires_On__c': date('2026-11-01') })
    ).toBe(true);
    expect(fires('Risk__c', 'Accept_Needs_Accepted_Decision', { ...accept, 'Acceptance_Decision__r.Status__c': 'Proposed' })).toBe(true);
    expect(fires('Risk__c', 'Accept_Needs_Accepted_Decision', { ...accept, Acceptance_Decision__c: null })).toBe(true);
    expect(fires('Risk__c', 'Accept_Needs_Accepted_Decision', { Treatment__c: 'Mitigate', Acceptance_Decision__c: null })).toBe(false);
  });

  it("an accepted decision's body is locked and it only moves to Superseded or Deprecated", () => {
    const accepted = { Status__c: 'Accepted', Title__c: 'Use groups', Context__c: 'c', Outcome__c: 'o', Superseded_By__c: null };
    const edit = (record: Record<string, FormulaValue>, prior: Record<string, FormulaValue> = accepted) => ({
      record: { ...prior, ...record },
      prior
    });
    const check = (name: string, change: Record<string, FormulaValue>, prior?: Record<string, FormulaValue>) => {
      const { record, prior: before } = edit(change, prior);
      return fires('Decision__c', name, record, { prior: before });
    };
    expect(check('Accepted_Body_Is_Locked', { Title__c: 'Changed' })).toBe(true);
    expect(check('Accepted_Body_Is_Locked', { Next_Review_Date__c: date('2027-01-01') })).toBe(false);
    expect(check('Accepted_Body_Is_Locked', { Title__c: 'Changed' }, { ...accepted, Status__c: 'Proposed' })).toBe(false);
    expect(check('Accepted_Moves_Only_To_Superseded_Or_Deprecated', { Status__c: 'Proposed' })).toBe(true);
    expect(check('Accepted_Moves_Only_To_Superseded_Or_Deprecated', { Status__c: 'Rejected' })).toBe(true);
    expect(check('Accepted_Moves_Only_To_Superseded_Or_Deprecated', { Status__c: 'Deprecated' })).toBe(false);
    expect(check('Accepted_Moves_Only_To_Superseded_Or_Deprecated', { Status__c: 'Superseded', Superseded_By__c: 'a04y' })).toBe(false);
    expect(check('Superseded_Needs_Successor', { Status__c: 'Superseded' })).toBe(true);
    expect(check('Superseded_Needs_Successor', { Status__c: 'Superseded', Superseded_By__c: 'a04y' })).toBe(false);
  });
});

describe('accepting needs the custom permission', () => {
  const fires = (
    object: string,
    name: string,
    record: Record<string, FormulaValue>,
    extra: { prior?: Record<string, FormulaValue>; isNew?: boolean }
  ) => evaluateFormula(rule(object, name), { record, ...extra }) === true;
  const withoutPermission = { '$Permission.Ownership_Console_Accept_Risk': false };
  const withPermission = { '$Permission.Ownership_Console_Accept_Risk': true };

  it('refuses Treatment Accept on a risk to a user without it, and allows it to a holder', () => {
    const risk = { Treatment__c: 'Accept', Acceptance_Decision__c: 'a03000000000001AAA', Source_Ref__c: 'perm.modify-all-data' };
    const prior = { ...risk, Treatment__c: 'Mitigate' };
    expect(fires('Risk__c', 'Accept_Needs_Permission', { ...risk, ...withoutPermission }, { prior, isNew: false })).toBe(true);
    expect(fires('Risk__c', 'Accept_Needs_Permission', { ...risk, ...withPermission }, { prior, isNew: false })).toBe(false);
    // Editing the mitigation text of an already accepted risk does not need the permission.
    expect(fires('Risk__c', 'Accept_Needs_Permission', { ...risk, ...withoutPermission }, { prior: risk, isNew: false })).toBe(false);
    // Pointing an accepted risk at another rule does.
    expect(
      fires(
        'Risk__c',
        'Accept_Needs_Permission',
        { ...risk, ...withoutPermission },
        { prior: { ...risk, Source_Ref__c: 'mfa.bypass-granted' }, isNew: false }
      )
    ).toBe(true);
  });

  it('refuses status Accepted on a decision to a user without it', () => {
    const decision = { Status__c: 'Accepted' };
    expect(
      fires(
        'Decision__c',
        'Accept_Needs_Permission',
        { ...decision, ...withoutPermission },
        { prior: { Status__c: 'Proposed' }, isNew: false }
      )
    ).toBe(true);
    expect(fires('Decision__c', 'Accept_Needs_Permission', { ...decision, ...withoutPermission }, { isNew: true })).toBe(true);
    expect(fires('Decision__c', 'Accept_Needs_Permission', { ...decision, ...withPermission }, { isNew: true })).toBe(false);
    expect(fires('Decision__c', 'Accept_Needs_Permission', { Status__c: 'Proposed', ...withoutPermission }, { isNew: true })).toBe(false);
  });
});
