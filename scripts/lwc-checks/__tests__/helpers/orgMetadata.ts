import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { PROJECT_ROOT } from './lwcSources';

export const OBJECTS_DIR = path.join(PROJECT_ROOT, 'force-app/main/default/objects');
export const PERMISSION_SETS_DIR = path.join(PROJECT_ROOT, 'force-app/main/default/permissionsets');

export interface FieldInfo {
  type: string;
  referenceTo?: string;
  relationshipName?: string;
  required: boolean;
}

export type ObjectCatalog = Map<string, Map<string, FieldInfo>>;

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function readXml(file: string): Record<string, unknown> {
  return parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Custom objects and their fields, read from the decomposed source format. */
export function loadObjects(objectsDir: string = OBJECTS_DIR): ObjectCatalog {
  const catalog: ObjectCatalog = new Map();
  if (!fs.existsSync(objectsDir)) {
    return catalog;
  }
  for (const objectName of fs.readdirSync(objectsDir)) {
    const fieldsDir = path.join(objectsDir, objectName, 'fields');
    const fields = new Map<string, FieldInfo>();
    if (fs.existsSync(fieldsDir)) {
      for (const file of fs.readdirSync(fieldsDir).filter((name) => name.endsWith('.field-meta.xml'))) {
        const field = (readXml(path.join(fieldsDir, file)).CustomField ?? {}) as Record<string, string>;
        fields.set(file.replace('.field-meta.xml', ''), {
          type: String(field.type ?? ''),
          referenceTo: field.referenceTo ? String(field.referenceTo) : undefined,
          relationshipName: field.relationshipName ? String(field.relationshipName) : undefined,
          required: String(field.required) === 'true'
        });
      }
    }
    catalog.set(objectName, fields);
  }
  return catalog;
}

export interface PermissionSetAccess {
  readableObjects: Set<string>;
  readableFields: Set<string>;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** Objects with allowRead and fields (`Object.Field`) with readable in a permission set; null if the file is missing. */
export function loadPermissionSet(name: string, dir: string = PERMISSION_SETS_DIR): PermissionSetAccess | null {
  const file = path.join(dir, `${name}.permissionset-meta.xml`);
  if (!fs.existsSync(file)) {
    return null;
  }
  const permissionSet = (readXml(file).PermissionSet ?? {}) as Record<string, unknown>;
  const objects = asArray(permissionSet.objectPermissions as Record<string, string> | Record<string, string>[]);
  const fields = asArray(permissionSet.fieldPermissions as Record<string, string> | Record<string, string>[]);
  return {
    readableObjects: new Set(objects.filter((entry) => String(entry.allowRead) === 'true').map((entry) => String(entry.object))),
    readableFields: new Set(fields.filter((entry) => String(entry.readable) === 'true').map((entry) => String(entry.field)))
  };
}
