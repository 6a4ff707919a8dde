/**
 * The console workflows' validation rules, evaluated from the metadata as the platform would: what the
 * console's forms offer is what these rules let through.
 */
import { evaluateFormula, type FormulaValue } from '../formula';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadObjects, picklistValues } from '../metadataModel';

const objects = loadObjects();
const rule = (object: string, name: string) => {
  const found = objects.get(object)!.validationRules.find((candidate) => candidate.fullName === name);
  if (!found) throw new Error(`no validation rule ${object}.${name}`);
  return found;
};
const fires = (object: string, name: string, record: Record<string, FormulaValue>) =>
  evaluateFormula(rule(object, name).errorConditionFormula, { record, today: new Date('2026-11-23T00:00:00Z') }) === true;

describe("a risk's acceptance decision is owned by someone else", () => {
  const risk = {
    Treatment__c: 'Accept',
    Risk_Owner__c: '005000000000001AAA',
    Acceptance_Decision__c: 'a03000000000001AAA',
    'Acceptance_Decision__r.Decision_Owner__c': '005000000000002AAA'
  };

  it('is active and shows its message on the decision field', () => {
    expect(rule('Risk__c', 'Acceptance_Decision_Not_Own')).toMatchObject({ active: 'true', errorDisplayField: 'Acceptance_Decision__c' });
  });

  it('refuses a decision owned by the risk owner and allows one owned by another user', () => {
    expect(fires('Risk__c', 'Acceptance_Decision_Not_Own', risk)).toBe(false);
    expect(
      fires('Risk__c', 'Acceptance_Decision_Not_Own', { ...risk, 'Acceptance_Decision__r.Decision_Owner__c': risk.Risk_Owner__c })
    ).toBe(true);
  });

  it('does not apply to a risk without a decision', () => {
    expect(
      fires('Risk__c', 'Acceptance_Decision_Not_Own', {
        ...risk,
        Treatment__c: 'Mitigate',
        Acceptance_Decision__c: null,
        'Acceptance_Decision__r.Decision_Owner__c': null
      })
    ).toBe(false);
  });
});

describe("an area's review is recorded by its Accountable or Delegate", () => {
  const name = 'Review_By_Accountable_Or_Delegate';
  const area = {
    Accountable__c: '005000000000001AAA',
    Delegate__c: '005000000000002AAA',
    Last_Reviewed__c: new Date('2026-11-23T00:00:00Z')
  };
  const prior = { ...area, Last_Reviewed__c: new Date('2026-01-05T00:00:00Z') };
  const review = (user: string, extra: Record<string, FormulaValue> = {}, options: { isNew?: boolean } = {}) =>
    evaluateFormula(rule('Governance_Area__c', name).errorConditionFormula, {
      record: { ...area, '$User.Id': user, '$Permission.Ownership_Console_Accept_Risk': false, ...extra },
      prior,
      isNew: options.isNew ?? false,
      today: new Date('2026-11-23T00:00:00Z')
    }) === true;

  it('lets the Accountable and the Delegate mark it reviewed today', () => {
    expect(review('005000000000001AAA')).toBe(false);
    expect(review('005000000000002AAA')).toBe(false);
  });

  it('refuses anyone else unless they hold the admin permission', () => {
    expect(review('005000000000009AAA')).toBe(true);
    expect(review('005000000000009AAA', { '$Permission.Ownership_Console_Accept_Risk': true })).toBe(false);
  });

  it('refuses a future date, and leaves imports and other edits alone', () => {
    expect(review('005000000000001AAA', { Last_Reviewed__c: new Date('2026-12-01T00:00:00Z') })).toBe(true);
    expect(review('005000000000009AAA', {}, { isNew: true })).toBe(false);
    expect(review('005000000000009AAA', { Last_Reviewed__c: prior.Last_Reviewed__c })).toBe(false);
  });
});

describe("the risk form's picklist fixtures are the field metadata's", () => {
  // The form reads its options with getPicklistValues; its jest tests drive the wire with these fixtures.
  const dataDir = join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'lwc', 'riskForm', '__tests__', 'data');
  const fixture = (field: string) =>
    JSON.parse(readFileSync(join(dataDir, `getPicklistValues${field}.json`), 'utf8')) as { url: string; values: Array<{ value: string }> };

  it.each([
    ['Category', 'Category__c'],
    ['Treatment', 'Treatment__c']
  ])('getPicklistValues%s.json lists Risk__c.%s in order', (name, field) => {
    const values = picklistValues(objects.get('Risk__c')!.fields.get(field)!);
    expect(values.length).toBeGreaterThan(0);
    expect(fixture(name).values.map((entry) => entry.value)).toEqual(values);
    expect(fixture(name).url).toMatch(new RegExp(`/object-info/Risk__c/picklist-values/012000000000000AAA/${field}$`));
  });
});
