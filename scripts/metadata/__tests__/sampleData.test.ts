import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluateFormula, type FormulaValue } from '../formula';
import { loadObjects, picklistValues } from '../metadataModel';
import { resolveSampleData, userPlaceholder, type SampleUsers } from '../sampleData';
import personas from '../../../config/personas.json';

const DATA = resolve(__dirname, '..', '..', '..', 'data');
const objects = loadObjects();
type PlanEntry = { sobject: string; saveRefs: boolean; resolveRefs: boolean; files: string[] };
type TreeRecord = Record<string, unknown> & { attributes: { type: string; referenceId: string } };
const plan = JSON.parse(readFileSync(join(DATA, 'sample-data-plan.json'), 'utf8')) as PlanEntry[];
const entries = plan.map((entry) => ({
  entry,
  records: entry.files.flatMap((file) => (JSON.parse(readFileSync(join(DATA, file), 'utf8')) as { records: TreeRecord[] }).records)
}));
const all = entries.flatMap(({ records }) => records);
const byRef = new Map(all.map((record) => [record.attributes.referenceId, record]));

describe('sample data', () => {
  it('resolves every reference to a record of an earlier plan entry that saves its references', () => {
    const saved = new Set<string>();
    for (const { entry, records } of entries) {
      for (const record of records) {
        for (const [field, value] of Object.entries(record)) {
          if (typeof value !== 'string' || !value.startsWith('@') || userPlaceholder(value) !== undefined) continue;
          expect({ record: record.attributes.referenceId, field, resolves: entry.resolveRefs && saved.has(value.slice(1)) }).toEqual({
            record: record.attributes.referenceId,
            field,
            resolves: true
          });
        }
      }
      if (entry.saveRefs) records.forEach((record) => saved.add(record.attributes.referenceId));
    }
  });

  it('uses only fields and picklist values the metadata has, and sets every required field', () => {
    for (const record of all) {
      const object = objects.get(record.attributes.type)!;
      for (const [field, value] of Object.entries(record)) {
        if (field === 'attributes' || field === 'Name') continue;
        const meta = object.fields.get(field);
        expect({ field: `${object.name}.${field}`, exists: Boolean(meta) }).toEqual({ field: `${object.name}.${field}`, exists: true });
        if (meta?.type === 'Picklist') expect(picklistValues(meta)).toContain(value);
        expect(meta?.formula).toBeUndefined();
      }
      for (const field of object.fields.values()) {
        if (field.required === 'true' || field.type === 'MasterDetail')
          expect({ record: record.attributes.referenceId, field: field.fullName, set: field.fullName in record }).toEqual({
            record: record.attributes.referenceId,
            field: field.fullName,
            set: true
          });
      }
    }
  });

  it('has the operating model: every area key, R/C/I on each, the five risks, a supersede chain, an accepted risk, an integration with nobody on call', () => {
    const areas = all.filter((record) => record.attributes.type === 'Governance_Area__c');
    expect(areas.map((area) => area.Area_Key__c)).toHaveLength(18);
    for (const area of areas) {
      const roles = all
        .filter(
          (record) => record.Governance_Area__c === `@${area.attributes.referenceId}` && record.attributes.type === 'RACI_Assignment__c'
        )
        .map((record) => record.Role__c);
      expect(roles.sort()).toEqual(['Consulted', 'Informed', 'Responsible']);
    }
    const risks = all.filter((record) => record.attributes.type === 'Risk__c');
    expect(risks.map((risk) => risk.Name)).toEqual(
      expect.arrayContaining([
        'Shadow admin grants Modify All',
        'Integration outage with no on-call',
        'Forecast accuracy < 70%',
        'SOC 2 finding on access control',
        'Sandbox refresh breaks staged release'
      ])
    );
    const superseded = all.find((record) => record.Status__c === 'Superseded')!;
    expect(byRef.get(String(superseded.Superseded_By__c).slice(1))?.Status__c).toBe('Accepted');
    expect(
      risks.some(
        (risk) => risk.Treatment__c === 'Accept' && byRef.get(String(risk.Acceptance_Decision__c).slice(1))?.Status__c === 'Accepted'
      )
    ).toBe(true);
    expect(all.filter((record) => record.attributes.type === 'Integration__c').some((integration) => !integration.On_Call__c)).toBe(true);
  });

  it('passes every validation rule, evaluated from the metadata', () => {
    const value = (raw: unknown): FormulaValue =>
      typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00Z`) : ((raw as FormulaValue) ?? null);
    for (const record of all) {
      const object = objects.get(record.attributes.type)!;
      const fields: Record<string, FormulaValue> = {};
      for (const field of object.fields.values()) fields[field.fullName] = value(record[field.fullName]);
      // Lookups: the setup user is active; referenced records come from the data itself.
      for (const field of object.fields.values()) {
        const raw = record[field.fullName];
        if (userPlaceholder(raw) !== undefined) fields[`${field.fullName.replace(/__c$/, '__r')}.IsActive`] = true;
        else if (typeof raw === 'string' && raw.startsWith('@')) {
          const target = byRef.get(raw.slice(1))!;
          for (const [key, targetValue] of Object.entries(target))
            fields[`${field.fullName.replace(/__c$/, '__r')}.${key}`] = value(targetValue);
        }
      }
      for (const rule of object.validationRules) {
        const fired = evaluateFormula(rule.errorConditionFormula, { record: fields, isNew: true });
        expect({ record: record.attributes.referenceId, rule: rule.fullName, fired }).toEqual({
          record: record.attributes.referenceId,
          rule: rule.fullName,
          fired: false
        });
      }
    }
  });

  it('names the personas, so the matrix has several columns: every persona is a key of config/personas.json and each holds a lookup', () => {
    const keys = new Set(personas.personas.map((persona) => persona.key));
    const used = new Map<string, number>();
    for (const record of all)
      for (const value of Object.values(record)) {
        const key = userPlaceholder(value);
        if (key !== undefined) used.set(key, (used.get(key) ?? 0) + 1);
      }
    for (const key of used.keys()) if (key !== 'setupUser') expect(keys).toContain(key);
    for (const key of keys) expect({ key, used: (used.get(key) ?? 0) > 0 }).toEqual({ key, used: true });
    // The Accountable of an area is never also one of its R, C or I rows.
    const accountable = new Map(
      all
        .filter((record) => record.attributes.type === 'Governance_Area__c')
        .map((area) => [`@${area.attributes.referenceId}`, area.Accountable__c])
    );
    const assignees = all
      .filter((record) => record.attributes.type === 'RACI_Assignment__c')
      .map((row) => ({ row: row.attributes.referenceId, same: row.Assignee__c === accountable.get(row.Governance_Area__c as string) }));
    expect(assignees.filter((row) => row.same)).toEqual([]);
  });

  it('resolves each user into a copy and leaves the originals alone', async () => {
    const users: SampleUsers = {
      setupUser: '005000000000001AAA',
      ...Object.fromEntries(personas.personas.map((persona, index) => [persona.key, `00500000000001${index}AAA`.slice(0, 18)]))
    };
    const { planPath, dir } = await resolveSampleData(DATA, users);
    try {
      const areas = JSON.parse(readFileSync(join(dir, 'Governance_Area__c.json'), 'utf8')) as { records: TreeRecord[] };
      const mfa = areas.records.find((record) => record.Area_Key__c === 'IDENTITY.MFA')!;
      expect(mfa.Accountable__c).toBe(users.itPlatformLead);
      expect(new Set(areas.records.map((record) => record.Accountable__c)).size).toBeGreaterThanOrEqual(4);
      expect(readFileSync(join(dir, 'RACI_Assignment__c.json'), 'utf8')).not.toContain('@user:');
      expect(readFileSync(planPath, 'utf8')).toContain('Governance_Area__c.json');
      expect(readFileSync(join(DATA, 'Governance_Area__c.json'), 'utf8')).toContain('@user:itPlatformLead');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(resolveSampleData(DATA, { setupUser: 'not-an-id' })).rejects.toThrow('"not-an-id" (setupUser) is not a User id.');
    await expect(resolveSampleData(DATA, { setupUser: '005000000000001AAA' })).rejects.toThrow(
      /Decision__c-accepted\.json \(record Decision_PSG_Only\): "@user:itPlatformLead" names no user the setup knows/
    );
  });
});
