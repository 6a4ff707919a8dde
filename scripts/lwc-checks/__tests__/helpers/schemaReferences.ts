import { Selection, extractGqlQueries, extractSchemaImports, nodeOf, parseSelections, queryRoots } from './lwcSources';
import { ObjectCatalog, PermissionSetAccess } from './orgMetadata';

/** Standard objects the components may read, with the standard fields they may name. */
export const STANDARD_OBJECT_FIELDS: Record<string, string[]> = {
  User: ['Id', 'Name', 'FirstName', 'LastName', 'Email', 'IsActive', 'Username', 'Title', 'SmallPhotoUrl']
};

/** Standard fields every custom object has; readable whenever the object is. */
export const STANDARD_CUSTOM_OBJECT_FIELDS = [
  'Id',
  'Name',
  'OwnerId',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp'
];

const STRUCTURAL = new Set([
  'edges',
  'node',
  'pageInfo',
  'totalCount',
  'hasNextPage',
  'hasPreviousPage',
  'startCursor',
  'endCursor',
  '__typename'
]);

export interface Reference {
  object: string;
  field?: string;
  /** Where it was named: the import or the query path, for the failure message. */
  source: string;
}

/** Every object and field a component's JavaScript names, through schema imports and GraphQL queries. */
export function collectReferences(source: string, catalog: ObjectCatalog): { refs: Reference[]; problems: string[] } {
  const refs: Reference[] = [];
  const problems: string[] = [];

  for (const target of extractSchemaImports(source)) {
    const parts = target.split('.');
    const origin = `@salesforce/schema/${target}`;
    if (parts.length === 1) {
      refs.push({ object: parts[0], source: origin });
      continue;
    }
    refs.push({ object: parts[0], source: origin });
    let object = parts[0];
    for (const [index, part] of parts.slice(1).entries()) {
      const isLast = index === parts.length - 2;
      if (isLast) {
        refs.push({ object, field: part, source: origin });
      } else {
        const lookup = resolveLookup(object, part, catalog);
        if (!lookup) {
          problems.push(`${origin}: ${object}.${part} is not a lookup field in force-app/main/default/objects`);
          break;
        }
        refs.push({ object, field: lookup.field, source: origin });
        object = lookup.target;
      }
    }
  }

  for (const query of extractGqlQueries(source)) {
    for (const root of queryRoots(parseSelections(query))) {
      refs.push({ object: root.object, source: `gql ${root.object}` });
      walkNode(root.object, root.node, `gql ${root.object}`, catalog, refs, problems);
    }
  }
  return { refs, problems };
}

function resolveLookup(object: string, relationship: string, catalog: ObjectCatalog): { field: string; target: string } | null {
  if (!relationship.endsWith('__r')) {
    return null;
  }
  const field = relationship.replace(/__r$/, '__c');
  const target = catalog.get(object)?.get(field)?.referenceTo;
  return target ? { field, target } : null;
}

function resolveChildRelationship(parent: string, relationship: string, catalog: ObjectCatalog): { object: string; field: string } | null {
  const relationshipName = relationship.replace(/__r$/, '');
  for (const [object, fields] of catalog) {
    for (const [field, info] of fields) {
      if (info.referenceTo === parent && info.relationshipName === relationshipName) {
        return { object, field };
      }
    }
  }
  return null;
}

function walkNode(
  object: string,
  selections: Selection[],
  path: string,
  catalog: ObjectCatalog,
  refs: Reference[],
  problems: string[]
): void {
  for (const selection of selections) {
    if (STRUCTURAL.has(selection.name)) {
      continue;
    }
    const at = `${path} > ${selection.name}`;
    const isConnection = selection.children.some((child) => child.name === 'edges');
    const isValue =
      selection.children.length === 0 || selection.children.every((child) => child.name === 'value' || child.name === 'displayValue');
    if (isConnection) {
      const child = resolveChildRelationship(object, selection.name, catalog);
      if (!child) {
        problems.push(`${at}: no field with referenceTo ${object} and relationshipName ${selection.name.replace(/__r$/, '')}`);
        continue;
      }
      refs.push({ object: child.object, source: at }, { object: child.object, field: child.field, source: at });
      walkNode(child.object, nodeOf(selection), at, catalog, refs, problems);
    } else if (isValue) {
      refs.push({ object, field: selection.name, source: at });
    } else {
      const lookup = resolveLookup(object, selection.name, catalog);
      if (!lookup) {
        problems.push(`${at}: ${object}.${selection.name.replace(/__r$/, '__c')} is not a lookup field in force-app/main/default/objects`);
        continue;
      }
      refs.push({ object, field: lookup.field, source: at });
      walkNode(lookup.target, selection.children, at, catalog, refs, problems);
    }
  }
}

/** Why a reference is missing or unreadable, or null when it exists and the permission set can read it. */
export function checkReference(ref: Reference, catalog: ObjectCatalog, access: PermissionSetAccess): string | null {
  const standardFields = STANDARD_OBJECT_FIELDS[ref.object];
  if (standardFields) {
    return !ref.field || standardFields.includes(ref.field)
      ? null
      : `${ref.source}: ${ref.object}.${ref.field} is not in the allowed standard fields`;
  }
  const fields = catalog.get(ref.object);
  if (!fields) {
    return `${ref.source}: object ${ref.object} does not exist in force-app/main/default/objects`;
  }
  if (!access.readableObjects.has(ref.object)) {
    return `${ref.source}: object ${ref.object} is not readable (objectPermissions allowRead) in the permission set`;
  }
  if (!ref.field || STANDARD_CUSTOM_OBJECT_FIELDS.includes(ref.field)) {
    return null;
  }
  const field = fields.get(ref.field);
  if (!field) {
    return `${ref.source}: field ${ref.object}.${ref.field} does not exist in force-app/main/default/objects`;
  }
  // Required and master-detail fields are always readable and cannot appear in fieldPermissions.
  if (field.required || field.type === 'MasterDetail') {
    return null;
  }
  return access.readableFields.has(`${ref.object}.${ref.field}`)
    ? null
    : `${ref.source}: field ${ref.object}.${ref.field} is not readable in the permission set`;
}
