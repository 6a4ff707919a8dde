import type { SnapshotPart } from '../../snapshot';
import type { SObjectRecord } from '../api/orgApi';
import { jsonText } from '../../../lib/json';

/**
 * One declaration per object: which fields to SELECT and how each becomes a snapshot property, so the
 * query and the mapping cannot drift apart. A field is read where the answer puts it: a relationship
 * path (`UserLicense.Name`) as nested objects, an aggregate (`COUNT(Id) logins`) under its alias.
 */
/** `select`: the SELECT expressions; `key`: where the answer holds the value ('' for the whole record). */
export type Field<T> = { select: string | readonly string[]; key: string; read: (value: unknown) => T };
export type Shape<T> = { [K in keyof T]: Field<T[K]> };

export type Declaration<T> = {
  object: string;
  tooling?: boolean;
  /** The snapshot parts this object feeds: a failed read marks exactly these unavailable. */
  parts: SnapshotPart[];
  /** What the running user needs to read it, for the reason a skipped rule shows. */
  grant: string;
  shape: Shape<T>;
  groupBy?: string[];
};

export function declare<T>(declaration: Declaration<T>): Declaration<T> {
  return declaration;
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export const field = {
  id: (path = 'Id'): Field<string> => ({ select: path, key: path, read: (value) => jsonText(value) }),
  text: (path: string): Field<string | undefined> => ({ select: path, key: path, read: asText }),
  required: (path: string): Field<string> => ({
    select: path,
    key: path,
    read: (value) => jsonText(value)
  }),
  flag: (path: string): Field<boolean> => ({ select: path, key: path, read: (value) => value === true }),
  maybeFlag: (path: string): Field<boolean | undefined> => ({
    select: path,
    key: path,
    read: (value) => (typeof value === 'boolean' ? value : undefined)
  }),
  number: (path: string): Field<number | undefined> => ({
    select: path,
    key: path,
    read: (value) => (value === null || value === undefined || value === '' || !Number.isFinite(Number(value)) ? undefined : Number(value))
  }),
  raw: (path: string): Field<unknown> => ({ select: path, key: path, read: (value) => value }),
  /** A GROUP BY field: the answer names it by its last path segment. */
  group: (path: string): Field<string | undefined> => ({ select: path, key: path.split('.').pop()!, read: asText }),
  count: (alias: string, of = 'Id'): Field<number> => ({
    select: `COUNT(${of}) ${alias}`,
    key: alias,
    read: (value) => Number(value ?? 0)
  }),
  max: (alias: string, of: string): Field<string | undefined> => ({ select: `MAX(${of}) ${alias}`, key: alias, read: asText })
};

export function selectList<T>(declaration: Declaration<T>): string[] {
  return [...new Set(Object.values<Field<unknown>>(declaration.shape as Record<string, Field<unknown>>).flatMap((entry) => entry.select))];
}

export function valueAt(record: SObjectRecord, key: string): unknown {
  if (key === '') return record;
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), record);
}

export function mapRecord<T>(declaration: Declaration<T>, record: SObjectRecord): T {
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries<Field<unknown>>(declaration.shape as Record<string, Field<unknown>>)) {
    out[name] = entry.read(valueAt(record, entry.key));
  }
  return out as T;
}

export function soql<T>(declaration: Declaration<T>, select: string[], where?: string, suffix = ''): string {
  const group = declaration.groupBy?.length ? ` GROUP BY ${declaration.groupBy.join(', ')}` : '';
  return `SELECT ${select.join(', ')} FROM ${declaration.object}${where ? ` WHERE ${where}` : ''}${group}${suffix}`;
}
