import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export const FORCE_APP = resolve(__dirname, '..', '..', 'force-app', 'main', 'default');

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    [
      'fieldPermissions',
      'objectPermissions',
      'tabSettings',
      'userPermissions',
      'columns',
      'fields',
      'layoutSections',
      'layoutColumns',
      'layoutItems',
      'relatedLists',
      'value',
      'summaryFilterItems',
      'permissionSets',
      'tabs'
    ].includes(name)
});

export function readXml<T = Record<string, unknown>>(path: string): T {
  const parsed = parser.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const root = Object.keys(parsed).find((key) => key !== '?xml');
  return parsed[root!] as T;
}

export type FieldMeta = {
  fullName: string;
  label: string;
  type: string;
  required?: string;
  formula?: string;
  referenceTo?: string;
  relationshipName?: string;
  summaryForeignKey?: string;
  summaryFilterItems?: Array<{ field: string; operation: string; value: string }>;
  valueSet?: { valueSetDefinition?: { value?: Array<{ fullName: string }> } };
  trackHistory?: string;
  externalId?: string;
  unique?: string;
};
export type ValidationRuleMeta = {
  fullName: string;
  errorConditionFormula: string;
  errorDisplayField?: string;
  errorMessage: string;
  active: string;
};
export type ObjectMeta = {
  name: string;
  fields: Map<string, FieldMeta>;
  validationRules: ValidationRuleMeta[];
  listViews: Array<{ fullName: string; columns?: string[]; filterScope: string }>;
  compactLayouts: Array<{ fullName: string; fields?: string[] }>;
  object: Record<string, unknown>;
};

function listDir(path: string): string[] {
  return existsSync(path) ? readdirSync(path) : [];
}

export function loadObjects(root = FORCE_APP): Map<string, ObjectMeta> {
  const objects = new Map<string, ObjectMeta>();
  for (const name of listDir(join(root, 'objects'))) {
    const dir = join(root, 'objects', name);
    objects.set(name, {
      name,
      object: readXml(join(dir, `${name}.object-meta.xml`)),
      fields: new Map(
        listDir(join(dir, 'fields')).map((file) => {
          const field = readXml<FieldMeta>(join(dir, 'fields', file));
          return [field.fullName, field];
        })
      ),
      validationRules: listDir(join(dir, 'validationRules')).map((file) => readXml<ValidationRuleMeta>(join(dir, 'validationRules', file))),
      listViews: listDir(join(dir, 'listViews')).map((file) => readXml(join(dir, 'listViews', file))),
      compactLayouts: listDir(join(dir, 'compactLayouts')).map((file) => readXml(join(dir, 'compactLayouts', file)))
    });
  }
  return objects;
}

export type PermissionSetMeta = {
  name: string;
  fieldPermissions?: Array<{ field: string; readable: string; editable: string }>;
  objectPermissions?: Array<{
    object: string;
    allowRead: string;
    allowCreate: string;
    allowEdit: string;
    allowDelete: string;
    viewAllRecords: string;
    modifyAllRecords: string;
  }>;
  tabSettings?: Array<{ tab: string; visibility: string }>;
  userPermissions?: Array<{ name: string; enabled: string }>;
};

export function loadPermissionSets(root = FORCE_APP): Map<string, PermissionSetMeta> {
  return new Map(
    listDir(join(root, 'permissionsets')).map((file) => {
      const name = file.replace('.permissionset-meta.xml', '');
      return [name, { ...readXml<PermissionSetMeta>(join(root, 'permissionsets', file)), name }];
    })
  );
}

export function picklistValues(field: FieldMeta): string[] {
  return field.valueSet?.valueSetDefinition?.value?.map((value) => value.fullName) ?? [];
}

/** Fields every object has, that no field file declares. */
export const STANDARD_FIELDS = new Set([
  'Id',
  'Name',
  'OwnerId',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'NAME'
]);
/** Fields of the User object our formulas read through lookups. */
export const USER_FIELDS = new Set(['IsActive', 'Name', 'Id', 'Email', 'Username']);
