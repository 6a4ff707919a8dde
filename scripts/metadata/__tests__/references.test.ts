import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fieldReferences } from '../formula';
import { FORCE_APP, loadObjects, loadPermissionSets, readXml, STANDARD_FIELDS, USER_FIELDS, type ObjectMeta } from '../metadataModel';

const objects = loadObjects();

/** Whether `path` (a field or `X__r.Field` chain) exists on `object` in force-app. */
function resolves(object: string, path: string): boolean {
  if (path.startsWith('$')) return true;
  const [head, ...rest] = path.split('.');
  const meta = objects.get(object);
  if (!meta) return object === 'User' ? USER_FIELDS.has(path) : false;
  if (rest.length === 0) return meta.fields.has(head) || STANDARD_FIELDS.has(head);
  const lookup = meta.fields.get(head.replace(/__r$/, '__c'));
  if (!lookup?.referenceTo) return false;
  return resolves(lookup.referenceTo, rest.join('.'));
}

function references(object: ObjectMeta): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const field of object.fields.values()) {
    for (const reference of fieldReferences(field.formula ?? '')) found.push([`formula ${field.fullName}`, reference]);
    for (const filter of field.summaryFilterItems ?? []) found.push([`roll-up ${field.fullName}`, filter.field]);
  }
  for (const rule of object.validationRules) {
    for (const reference of fieldReferences(rule.errorConditionFormula)) found.push([`validation rule ${rule.fullName}`, reference]);
    if (rule.errorDisplayField) found.push([`validation rule ${rule.fullName}`, rule.errorDisplayField]);
  }
  for (const view of object.listViews) for (const column of view.columns ?? []) found.push([`list view ${view.fullName}`, column]);
  for (const layout of object.compactLayouts)
    for (const field of layout.fields ?? []) found.push([`compact layout ${layout.fullName}`, field]);
  return found;
}

describe('every field the metadata names exists', () => {
  it.each([...objects.keys()])('%s: formulas, roll-ups, validation rules, list views, compact layouts', (name) => {
    const missing = references(objects.get(name)!)
      .map(([where, reference]) => {
        // Roll-up filters name the child object's field: Child__c.Field__c.
        const [object, path] =
          reference.includes('__c.') && objects.has(reference.split('.')[0])
            ? [reference.split('.')[0], reference.split('.').slice(1).join('.')]
            : [name, reference];
        return resolves(object, path) ? undefined : `${where}: ${reference}`;
      })
      .filter(Boolean);
    expect(missing).toEqual([]);
  });

  it('roll-ups count children through a real master-detail field', () => {
    for (const object of objects.values()) {
      for (const field of object.fields.values()) {
        if (field.type !== 'Summary') continue;
        const [child, lookup] = field.summaryForeignKey!.split('.');
        expect(objects.get(child)?.fields.get(lookup)).toMatchObject({ type: 'MasterDetail', referenceTo: object.name });
      }
    }
  });

  it('page layouts place only fields that exist', () => {
    const missing: string[] = [];
    for (const file of readdirSync(join(FORCE_APP, 'layouts'))) {
      const object = file.split('-')[0];
      const layout = readXml<{
        layoutSections?: Array<{ layoutColumns?: Array<{ layoutItems?: Array<{ field?: string }> }> }>;
        relatedLists?: Array<{ relatedList: string; fields?: string[] }>;
      }>(join(FORCE_APP, 'layouts', file));
      for (const section of layout.layoutSections ?? [])
        for (const column of section.layoutColumns ?? [])
          for (const item of column.layoutItems ?? [])
            if (item.field && !resolves(object, item.field)) missing.push(`${file}: ${item.field}`);
      for (const related of layout.relatedLists ?? []) {
        const [child, lookup] = related.relatedList.split('.');
        if (!objects.get(child)?.fields.has(lookup)) missing.push(`${file}: related list ${related.relatedList}`);
        for (const field of related.fields ?? []) if (!resolves(child, field)) missing.push(`${file}: related list field ${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('permission sets grant only fields, objects and tabs that exist', () => {
    const tabs = new Set(readdirSync(join(FORCE_APP, 'tabs')).map((file) => file.replace('.tab-meta.xml', '')));
    const missing: string[] = [];
    for (const set of loadPermissionSets().values()) {
      for (const permission of set.fieldPermissions ?? []) {
        const [object, field] = permission.field.split('.');
        if (!objects.get(object)?.fields.has(field)) missing.push(`${set.name}: field ${permission.field}`);
      }
      for (const permission of set.objectPermissions ?? [])
        if (!objects.has(permission.object)) missing.push(`${set.name}: object ${permission.object}`);
      for (const setting of set.tabSettings ?? []) if (!tabs.has(setting.tab)) missing.push(`${set.name}: tab ${setting.tab}`);
    }
    expect(missing).toEqual([]);
  });

  it('the resolver itself catches a missing field', () => {
    expect(resolves('Risk__c', 'Residual_Score__c')).toBe(true);
    expect(resolves('Risk__c', 'Acceptance_Decision__r.Status__c')).toBe(true);
    expect(resolves('Risk__c', 'Acceptance_Decision__r.Nope__c')).toBe(false);
    expect(resolves('Risk__c', 'Nope__c')).toBe(false);
  });
});
