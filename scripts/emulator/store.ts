import { schemaOf, inferredField, type FieldSchema } from './schema';
import { compareForOrder, filteredFields, matches, parseSoql, referencedFields, SoqlError, type Condition, type Query } from './soql';
import type { Dataset, StoredRecord } from './types';

export const API_VERSION = '66.0';

/** Standard relationship names: relationship → [lookup field, target object]. */
const STANDARD_RELATIONSHIPS: Record<string, [string, string]> = {
  Profile: ['ProfileId', 'Profile'],
  UserLicense: ['UserLicenseId', 'UserLicense'],
  Assignee: ['AssigneeId', 'User'],
  PermissionSet: ['PermissionSetId', 'PermissionSet'],
  PermissionSetGroup: ['PermissionSetGroupId', 'PermissionSetGroup'],
  CreatedBy: ['CreatedById', 'User'],
  LastModifiedBy: ['LastModifiedById', 'User'],
  Owner: ['OwnerId', 'User'],
  Parent: ['ParentId', 'PermissionSet'],
  User: ['UserId', 'User'],
  Manager: ['ManagerId', 'User']
};

const KEY_PREFIXES: Record<string, string> = {
  User: '005',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetGroup: '0PG',
  PermissionSetAssignment: '0Pa',
  Organization: '00D',
  UserLicense: '100'
};

type Space = 'rest' | 'tooling';

export type QueryPage = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Record<string, unknown>[] };

type Cursor = { space: Space; object: string; query: Query; rows: StoredRecord[]; batchSize: number };

/** The emulated org's data: records, their describes, SOQL over them, and writes. */
export class OrgStore {
  private readonly objects: Record<Space, Map<string, StoredRecord[]>> = { rest: new Map(), tooling: new Map() };
  private readonly byId = new Map<string, { object: string; record: StoredRecord }>();
  private readonly fieldSets = new Map<string, Set<string>>();
  private readonly canonical = new Map<string, Map<string, string>>();
  private readonly cursors = new Map<string, Cursor>();
  /** Each query as it was first run: its object and how many rows it matched (for API-call lower bounds). */
  public readonly queryLog: Array<{ space: Space; object: string; rows: number }> = [];
  private idCounter = 1;
  private cursorCounter = 1;

  public constructor(private readonly dataset: Dataset) {
    for (const [space, source] of [
      ['rest', dataset.sobjects],
      ['tooling', dataset.tooling]
    ] as const) {
      for (const [object, records] of Object.entries(source)) {
        const copies = records.map((record) => ({ ...record }));
        this.objects[space].set(object, copies);
        // A Tooling record shares its id with the sObject it describes (a Profile's metadata); lookups resolve to the sObject.
        for (const record of copies) if (!this.byId.has(record.Id)) this.byId.set(record.Id, { object, record });
      }
    }
  }

  public has(space: Space, object: string): boolean {
    return this.objects[space].has(object);
  }

  public records(object: string, space: Space = 'rest'): StoredRecord[] {
    return this.objects[space].get(object) ?? [];
  }

  public objectNames(space: Space): string[] {
    return [...this.objects[space].keys()];
  }

  /** Describe's field list: what the dataset declares or its records show, minus what this org lacks. */
  public fields(object: string, space: Space = 'rest'): Set<string> {
    const cacheKey = `${space}:${object}`;
    const cached = this.fieldSets.get(cacheKey);
    if (cached) return cached;
    const fields = new Set<string>(['Id', ...(this.dataset.fields?.[object] ?? [])]);
    // The documented field list comes first: a real org describes every field, set or not.
    if (this.has(space, object)) for (const field of schemaOf(object, space).values()) fields.add(field.name);
    for (const record of this.records(object, space)) for (const key of Object.keys(record)) fields.add(key);
    for (const missing of this.dataset.missingFields?.[object] ?? []) fields.delete(missing);
    // Field-level security: describe leaves out what the running user cannot see, and queries name it INVALID_FIELD.
    for (const hidden of this.dataset.hiddenFields?.[object] ?? []) fields.delete(hidden);
    this.fieldSets.set(cacheKey, fields);
    return fields;
  }

  /** Type and Filter/Sort/Group properties of a field, as describe reports them. */
  public fieldSchema(object: string, name: string, space: Space = 'rest'): FieldSchema {
    const documented = schemaOf(object, space).get(name.toLowerCase());
    if (documented) return documented;
    const sample = this.records(object, space).find((record) => record[name] !== undefined && record[name] !== null)?.[name];
    return inferredField(name, sample);
  }

  /** The object and field a path ends on (`Assignee.IsActive` → User.IsActive). */
  private target(object: string, path: string, space: Space): [string, string] {
    const parts = path.split('.');
    let current = object;
    for (let i = 0; i < parts.length - 1; i++) current = this.relationship(current, parts[i], space)?.[1] ?? current;
    return [current, parts[parts.length - 1]];
  }

  /** Salesforce rejects a WHERE, ORDER BY or GROUP BY on a field whose describe says it cannot be used there. */
  private checkProperties(query: Query, space: Space): void {
    const check = (fields: string[], property: 'filterable' | 'sortable' | 'groupable', verb: string) => {
      for (const path of fields) {
        const [object, field] = this.target(query.from, path, space);
        if (!this.fieldSchema(object, field, space)[property]) {
          throw new SoqlError('INVALID_FIELD', `field '${field}' can not be ${verb} in a query call`);
        }
      }
    };
    check(filteredFields(query), 'filterable', 'filtered');
    check(
      query.orderBy.map((key) => key.field),
      'sortable',
      'sorted'
    );
    check(query.groupBy, 'groupable', 'grouped');
  }

  /** Runs each semi-join's inner query once and keeps its ids. */
  private resolveSemiJoins(condition: Condition | undefined, space: Space): void {
    if (!condition) return;
    if (condition.op === 'and' || condition.op === 'or') {
      this.resolveSemiJoins(condition.left, space);
      this.resolveSemiJoins(condition.right, space);
    } else if (condition.op === 'not') this.resolveSemiJoins(condition.expr, space);
    else if (condition.op === 'in' && condition.subquery) {
      const inner = condition.subquery;
      const rows = this.objects[space].get(inner.from);
      if (!rows) throw new SoqlError('INVALID_TYPE', `sObject type '${inner.from}' is not supported.`);
      for (const field of referencedFields(inner)) this.validateField(inner.from, field, space);
      this.checkProperties(inner, space);
      const get = (record: StoredRecord) => this.getter(inner.from, record, space);
      const ids = new Set<string>();
      for (const record of rows) {
        if (inner.where && !matches(inner.where, get(record))) continue;
        const value = get(record)(inner.fields[0]);
        if (typeof value === 'string') ids.add(value);
      }
      condition.resolved = ids;
    }
  }

  /** Resolves `Rel.Field` / `X__r.Field` to [lookup field, target object]. */
  private relationship(object: string, name: string, space: Space): [string, string] | undefined {
    if (name.endsWith('__r')) {
      const lookup = `${name.slice(0, -3)}__c`;
      if (!this.fields(object, space).has(lookup)) return undefined;
      const declared = this.dataset.relationships?.[object]?.[lookup];
      if (declared) return [lookup, declared];
      const sample = this.records(object, space).find((record) => typeof record[lookup] === 'string');
      const target = sample ? this.byId.get(sample[lookup] as string)?.object : undefined;
      return [lookup, target ?? 'User'];
    }
    const standard = STANDARD_RELATIONSHIPS[name];
    if (standard && this.fields(object, space).has(standard[0])) return standard;
    return undefined;
  }

  private validateField(object: string, path: string, space: Space): void {
    const parts = path.split('.');
    let current = object;
    for (let i = 0; i < parts.length - 1; i++) {
      const relation = this.relationship(current, parts[i], space);
      if (!relation) throw invalidField(parts[i], current);
      current = relation[1];
    }
    const last = parts[parts.length - 1];
    if (!this.canonicalField(current, last, space)) throw invalidField(last, current);
  }

  /** The field's name as the org spells it (SOQL is case-insensitive, JSON keys are not). */
  private canonicalField(object: string, name: string, space: Space): string | undefined {
    const cacheKey = space === 'rest' ? object : `tooling:${object}`;
    let names = this.canonical.get(cacheKey);
    if (!names) {
      names = new Map([...this.fields(object, space)].flatMap((field) => [[field.toLowerCase(), field] as const, [field, field] as const]));
      this.canonical.set(cacheKey, names);
    }
    return names.get(name) ?? names.get(name.toLowerCase());
  }

  /** Reads fields of one record, resolving each relationship once however many fields go through it. */
  private getter(object: string, record: StoredRecord, space: Space, shared = this.relatedValues): (field: string) => unknown {
    let related: Map<string, { object: string; record: StoredRecord } | undefined> | undefined;
    return (path) => {
      const dot = path.indexOf('.');
      if (dot < 0 || path.indexOf('.', dot + 1) >= 0) return this.value(object, record, path, space);
      const name = path.slice(0, dot);
      related ??= new Map();
      if (!related.has(name)) {
        const relation = this.relationship(object, name, space);
        related.set(name, relation ? this.byId.get(record[relation[0]] as string) : undefined);
      }
      const target = related.get(name);
      if (!target) return null;
      // Many rows share one related record (a million assignments, a few thousand permission sets): read its fields once.
      let values = shared.get(target.record);
      if (!values) shared.set(target.record, (values = new Map<string, unknown>()));
      const field = path.slice(dot + 1);
      if (!values.has(field)) values.set(field, this.value(target.object, target.record, field, space));
      return values.get(field);
    };
  }

  /** Related records' field values, for the query being run (cleared at each query). */
  private relatedValues = new Map<StoredRecord, Map<string, unknown>>();

  private value(object: string, record: StoredRecord | undefined, path: string, space: Space): unknown {
    if (!record) return null;
    const dot = path.indexOf('.');
    if (dot < 0) {
      // The org's spelling first (a map lookup): scanning the record's keys for a field it does not set is what made a million rows slow.
      const name = this.canonicalField(object, path, space);
      const value = name === undefined ? fieldOf(record, path) : record[name];
      if (value !== undefined) return value;
      return name !== undefined && this.fieldSchema(object, name, space).type === 'boolean' ? false : null;
    }
    const relation = this.relationship(object, path.slice(0, dot), space);
    if (!relation) return null;
    const target = this.byId.get(record[relation[0]] as string);
    return target ? this.value(target.object, target.record, path.slice(dot + 1), space) : null;
  }

  public query(soql: string, space: Space, batchSize: number): QueryPage {
    this.relatedValues = new Map();
    const query = parseSoql(soql);
    const rows = this.objects[space].get(query.from);
    if (!rows) {
      throw new SoqlError(
        'INVALID_TYPE',
        `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`
      );
    }
    for (const field of referencedFields(query)) this.validateField(query.from, field, space);
    this.checkProperties(query, space);
    this.resolveSemiJoins(query.where, space);
    const get = (record: StoredRecord) => this.getter(query.from, record, space);
    if (query.groupBy.length > 0 || query.aggregates.length > 0) {
      const matched = query.where ? rows.filter((record) => matches(query.where!, get(record))) : rows;
      return this.aggregate(query, space, matched, get);
    }
    let selected = query.where ? rows.filter((record) => matches(query.where!, get(record))) : [...rows];
    if (query.orderBy.length > 0) {
      selected.sort((a, b) => {
        for (const key of query.orderBy) {
          const order = compareForOrder(get(a)(key.field), get(b)(key.field), key);
          if (order !== 0) return order;
        }
        return 0;
      });
    }
    if (query.offset) selected = selected.slice(query.offset);
    if (query.limit !== undefined) selected = selected.slice(0, query.limit);
    if (space === 'tooling' && selected.length > 1 && query.fields.some((field) => /^(Metadata|FullName)$/i.test(field))) {
      throw new SoqlError(
        'MALFORMED_QUERY',
        `When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval. Result size: ${selected.length}`
      );
    }
    this.queryLog.push({ space, object: query.from, rows: selected.length });
    if (query.count && query.fields.length === 0) return { totalSize: selected.length, done: true, records: [] };
    return this.page({ space, object: query.from, query, rows: selected, batchSize }, 0);
  }

  /**
   * A GROUP BY query: one AggregateResult a group. The REST API gives no query locator for it, so an
   * answer of more groups than a batch holds ends with `done: false` and no `nextRecordsUrl`.
   */
  private aggregate(
    query: Query,
    space: Space,
    rows: StoredRecord[],
    get: (record: StoredRecord) => (field: string) => unknown
  ): QueryPage {
    const groups = new Map<string, { keys: unknown[]; members: StoredRecord[] }>();
    for (const record of rows) {
      const keys = query.groupBy.map((field) => get(record)(field) ?? null);
      const id = JSON.stringify(keys);
      const group = groups.get(id) ?? { keys, members: [] };
      group.members.push(record);
      groups.set(id, group);
    }
    if (query.groupBy.length === 0 && groups.size === 0) groups.set('[]', { keys: [], members: [] });
    const results = [...groups.values()].map(({ keys, members }) => {
      const out: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
      query.groupBy.forEach((field, i) => {
        const [object, last] = this.target(query.from, field, space);
        out[this.canonicalField(object, last, space) ?? last] = keys[i];
      });
      for (const aggregate of query.aggregates) {
        const values = members.map((record) => get(record)(aggregate.field)).filter((value) => value !== null && value !== undefined);
        const sorted = [...values].sort((a, b) => compareForOrder(a, b, { field: '', descending: false, nullsLast: true }));
        out[aggregate.alias] =
          aggregate.fn === 'COUNT'
            ? values.length
            : aggregate.fn === 'COUNT_DISTINCT'
              ? new Set(values.map(String)).size
              : aggregate.fn === 'SUM'
                ? values.reduce<number>((sum, value) => sum + Number(value), 0)
                : ((aggregate.fn === 'MAX' ? sorted[sorted.length - 1] : sorted[0]) ?? null);
      }
      return out;
    });
    this.queryLog.push({ space, object: query.from, rows: results.length });
    const limited = query.limit !== undefined ? results.slice(0, query.limit) : results;
    const BATCH = 2000;
    return { totalSize: limited.length, done: limited.length <= BATCH, records: limited.slice(0, BATCH) };
  }

  /** The `columns=true` answer: column metadata of a query, nested along relationship paths. */
  public columns(
    soql: string,
    space: Space
  ): { entityName: string; groupBy: boolean; idSelected: boolean; keyPrefix: null; columnMetadata: unknown[] } {
    const query = parseSoql(soql);
    if (!this.objects[space].has(query.from)) throw new SoqlError('INVALID_TYPE', `sObject type '${query.from}' is not supported.`);
    for (const field of query.fields) this.validateField(query.from, field, space);
    const column = (parts: string[]): Record<string, unknown> => ({
      aggregate: false,
      apexType: null,
      booleanType: false,
      columnName: parts[0],
      custom: parts[0].endsWith('__c'),
      displayName: parts[0],
      foreignKeyName: null,
      insertable: true,
      joinColumns: parts.length > 1 ? [column(parts.slice(1))] : [],
      numberType: false,
      textType: true,
      updatable: true
    });
    return {
      entityName: query.from,
      groupBy: false,
      idSelected: query.fields.some((field) => field.toLowerCase() === 'id'),
      keyPrefix: null,
      columnMetadata:
        query.count && query.fields.length === 0
          ? [{ ...column(['expr0']), aggregate: true, displayName: 'count()' }]
          : query.fields.map((field) => column(field.split('.')))
    };
  }

  public queryMore(locator: string, space: Space): QueryPage {
    const [id, offsetText] = locator.split('-');
    const cursor = this.cursors.get(id);
    if (!cursor || cursor.space !== space) throw new LocatorError();
    return this.page(cursor, Number(offsetText));
  }

  public forgetCursors(): void {
    this.cursors.clear();
  }

  private page(cursor: Cursor, offset: number): QueryPage {
    const slice = cursor.rows.slice(offset, offset + cursor.batchSize);
    const next = offset + cursor.batchSize;
    const page: QueryPage = {
      totalSize: cursor.rows.length,
      done: next >= cursor.rows.length,
      records: slice.map((record) => this.serialize(cursor.object, record, cursor.query.fields, cursor.space))
    };
    if (!page.done) {
      let id = [...this.cursors.entries()].find(([, candidate]) => candidate === cursor)?.[0];
      if (!id) {
        id = `01g${String(this.cursorCounter++).padStart(15, '0')}`;
        this.cursors.set(id, cursor);
      }
      page.nextRecordsUrl = `/services/data/v${API_VERSION}/${cursor.space === 'tooling' ? 'tooling/' : ''}query/${id}-${next}`;
    } else {
      for (const [id, candidate] of this.cursors) if (candidate === cursor) this.cursors.delete(id);
    }
    return page;
  }

  private serialize(object: string, record: StoredRecord, fields: string[], space: Space): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: attributes(object, record.Id, space) };
    for (const path of fields) {
      const parts = path.split('.');
      let targetObject = object;
      let targetRecord: StoredRecord | undefined = record;
      let node = out;
      for (let i = 0; i < parts.length - 1; i++) {
        const relation = this.relationship(targetObject, parts[i], space)!;
        const found: { object: string; record: StoredRecord } | undefined = targetRecord
          ? this.byId.get(targetRecord[relation[0]] as string)
          : undefined;
        const key = parts[i];
        if (!found) {
          node[key] = null;
          targetRecord = undefined;
          break;
        }
        targetObject = found.object;
        targetRecord = found.record;
        const existing = node[key];
        node =
          existing && typeof existing === 'object'
            ? (existing as Record<string, unknown>)
            : (node[key] = { attributes: attributes(found.object, found.record.Id, space) });
      }
      if (targetRecord) {
        const last = parts[parts.length - 1];
        const name = this.canonicalField(targetObject, last, space) ?? last;
        const value = fieldOf(targetRecord, last);
        // A documented checkbox the dataset leaves unset is false, as in a real org.
        node[name] = value ?? (this.fieldSchema(targetObject, name, space).type === 'boolean' ? false : null);
      }
    }
    return out;
  }

  public objectOf(id: string): string | undefined {
    return this.byId.get(id)?.object;
  }

  public get(object: string, id: string): StoredRecord | undefined {
    const found = this.byId.get(id);
    return found && found.object === object ? found.record : undefined;
  }

  public newId(object: string): string {
    const prefix = KEY_PREFIXES[object] ?? `a0${String.fromCharCode(65 + (hash(object) % 26))}`;
    return `${prefix}${String(this.idCounter++).padStart(12, '0')}AAA`;
  }

  public insert(object: string, fields: Record<string, unknown>): StoredRecord {
    this.checkFields(object, fields);
    const record: StoredRecord = { ...fields, Id: this.newId(object) };
    if (!this.objects.rest.has(object)) this.objects.rest.set(object, []);
    this.objects.rest.get(object)!.push(record);
    this.byId.set(record.Id, { object, record });
    return record;
  }

  public update(object: string, id: string, fields: Record<string, unknown>): StoredRecord {
    const record = this.get(object, id);
    if (!record) throw new WriteError('ENTITY_IS_DELETED', `entity is deleted or does not exist: ${id}`);
    this.checkFields(object, fields);
    Object.assign(record, fields, { Id: id });
    return record;
  }

  public remove(object: string, id: string): void {
    const rows = this.objects.rest.get(object);
    const index = rows?.findIndex((record) => record.Id === id) ?? -1;
    if (!rows || index < 0) throw new WriteError('ENTITY_IS_DELETED', `entity is deleted or does not exist: ${id}`);
    rows.splice(index, 1);
    this.byId.delete(id);
  }

  /** Upsert by an external id field: one record a key, whatever the number of pushes. */
  public upsert(object: string, externalIdField: string, fields: Record<string, unknown>): { record: StoredRecord; created: boolean } {
    const key = fields[externalIdField];
    if (typeof key !== 'string' || key === '') {
      throw new WriteError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${externalIdField}]`);
    }
    const matchesKey = this.records(object).filter((record) => record[externalIdField] === key);
    if (matchesKey.length > 1)
      throw new WriteError('DUPLICATE_EXTERNAL_ID', `${externalIdField}: more than one record found for external id field: ${key}`);
    if (matchesKey.length === 1) return { record: this.update(object, matchesKey[0].Id, fields), created: false };
    return { record: this.insert(object, fields), created: true };
  }

  private checkFields(object: string, fields: Record<string, unknown>): void {
    const known = this.fields(object);
    for (const field of Object.keys(fields)) {
      if (field === 'attributes' || field === 'Id') continue;
      if (!known.has(field)) throw new WriteError('INVALID_FIELD', `No such column '${field}' on sobject of type ${object}`);
    }
  }
}

export class LocatorError extends Error {
  public readonly errorCode = 'INVALID_QUERY_LOCATOR';
  public constructor() {
    super('invalid query locator');
  }
}

export class WriteError extends Error {
  public constructor(
    public readonly errorCode: string,
    message: string
  ) {
    super(message);
  }
}

function invalidField(field: string, object: string): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
  );
}

function fieldOf(record: StoredRecord, name: string): unknown {
  if (name in record) return record[name];
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key ? record[key] : null;
}

function attributes(object: string, id: string, space: Space): { type: string; url: string } {
  return { type: object, url: `/services/data/v${API_VERSION}/${space === 'tooling' ? 'tooling/' : ''}sobjects/${object}/${id}` };
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}
