import { loadObjects, loadPermissionSets } from '../metadataModel';

type Access = 'none' | 'read' | 'edit';
const objects = loadObjects();
const sets = loadPermissionSets();

/** The intended access of each permission set, object by object (formula and roll-up fields are read-only everywhere). */
const INTENDED: Record<string, Record<string, Access>> = {
  Ownership_Console_User: {
    Governance_Area__c: 'read',
    RACI_Assignment__c: 'edit',
    Risk__c: 'edit',
    Decision__c: 'edit',
    Integration__c: 'edit',
    Health_Check_Run__c: 'read',
    Health_Finding__c: 'read',
    Governance_Review__c: 'edit',
    Change_Request__c: 'edit',
    Incident_Runbook__c: 'edit',
    Health_Metric__c: 'read'
  },
  Ownership_Console_Admin: Object.fromEntries([...objects.keys()].map((name) => [name, 'edit'])),
  Ownership_Console_Auditor: Object.fromEntries([...objects.keys()].map((name) => [name, 'read'])),
  Ownership_Console_Health_Runner: {
    Governance_Area__c: 'read',
    RACI_Assignment__c: 'read',
    Risk__c: 'read',
    Decision__c: 'read',
    Integration__c: 'read',
    Health_Check_Run__c: 'edit',
    Health_Finding__c: 'edit',
    Governance_Review__c: 'read',
    Change_Request__c: 'read',
    Incident_Runbook__c: 'read',
    Health_Metric__c: 'edit'
  }
};
/** Exceptions to the object-level rule: what SalesOps may change on a finding, and marking their areas reviewed. */
const FIELD_EXCEPTIONS: Record<string, Record<string, Access>> = {
  Ownership_Console_User: { 'Health_Finding__c.Status__c': 'edit', 'Governance_Area__c.Last_Reviewed__c': 'edit' }
};

describe('every custom field has the intended access in each permission set', () => {
  it.each(Object.keys(INTENDED))('%s', (setName) => {
    const set = sets.get(setName)!;
    expect(set).toBeDefined();
    const granted = new Map(
      (set.fieldPermissions ?? []).map((permission) => [
        permission.field,
        permission.editable === 'true' ? 'edit' : permission.readable === 'true' ? 'read' : 'none'
      ])
    );
    const wrong: string[] = [];
    for (const object of objects.values()) {
      for (const field of object.fields.values()) {
        const key = `${object.name}.${field.fullName}`;
        // Required and master-detail fields are always accessible; the Metadata API refuses them here.
        if (field.required === 'true' || field.type === 'MasterDetail') {
          if (granted.has(key)) wrong.push(`${key}: required fields cannot be in fieldPermissions`);
          continue;
        }
        const computed = field.type === 'Summary' || Boolean(field.formula);
        const intended =
          FIELD_EXCEPTIONS[setName]?.[key] ??
          (computed && INTENDED[setName][object.name] === 'edit' ? 'read' : INTENDED[setName][object.name]);
        const actual = granted.get(key) ?? 'none';
        if (actual !== intended) wrong.push(`${key}: ${actual}, intended ${intended}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('object permissions match, and no set can delete what it only edits', () => {
    for (const [setName, intended] of Object.entries(INTENDED)) {
      const objectPermissions = new Map((sets.get(setName)!.objectPermissions ?? []).map((permission) => [permission.object, permission]));
      for (const [object, access] of Object.entries(intended)) {
        const permission = objectPermissions.get(object);
        expect({ setName, object, read: permission?.allowRead }).toEqual({ setName, object, read: 'true' });
        if (access === 'read' && !FIELD_EXCEPTIONS[setName])
          expect({ setName, object, edit: permission?.allowEdit }).toEqual({ setName, object, edit: 'false' });
      }
    }
    expect(
      sets
        .get('Ownership_Console_Auditor')!
        .objectPermissions!.every(
          (permission) => permission.allowEdit === 'false' && permission.allowCreate === 'false' && permission.allowDelete === 'false'
        )
    ).toBe(true);
  });

  it('every tab of the app is visible in every permission set', () => {
    for (const set of sets.values()) {
      const tabs = (set.tabSettings ?? []).filter((setting) => setting.visibility === 'Visible').map((setting) => setting.tab);
      expect(tabs).toEqual(
        expect.arrayContaining([
          'Ownership_Console',
          'Governance_Area__c',
          'Risk__c',
          'Decision__c',
          'Integration__c',
          'Health_Finding__c',
          'Health_Check_Run__c',
          'Change_Request__c',
          'Governance_Review__c',
          'Incident_Runbook__c'
        ])
      );
    }
  });
});
