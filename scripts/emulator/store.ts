import { schemaOf, inferredField, type FieldSchema } from './schema';
import {
  compareForOrder,
  compileCondition,
  filteredFields,
  parseSoql,
  referencedFields,
  SoqlError,
  type Condition,
  type Query
} from './soql';
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

/** Lookups that always point at one object, so a related field can be tested through a set of that object's ids. */
const SINGLE_TARGET_LOOKUPS = new Set(['AssigneeId', 'PermissionSetId', 'PermissionSetGroupId', 'ProfileId', 'UserLicenseId']);

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

  /**
   * Runs each semi-join's inner query and keeps its ids. The answer is kept until the next write:
   * a test double that rescans a million assignments for every windowed login query would be slower
   * than the call timeout, which says nothing about Salesforce and everything about the double.
   */
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
      const key = `${space}:${JSON.stringify(inner, (_, value: unknown) => (value instanceof RegExp ? value.source : value))}`;
      let ids = this.semiJoins.get(key);
      if (!ids) {
        const read = this.reader(inner.from, space);
        const select = read(inner.fields[0]);
        ids = new Set<string>();
        for (const record of this.matching(inner, space, rows, read)) {
          const value = select(record);
          if (typeof value === 'string') ids.add(value);
        }
        this.semiJoins.set(key, ids);
      }
      condition.resolved = ids;
    }
  }

  /** Semi-join answers by inner query, forgotten at each write. */
  private readonly semiJoins = new Map<string, Set<string>>();
  /** Row positions by a field's (lower-cased) value, built when a large object is first filtered on that field. */
  private readonly indexes = new Map<string, Map<string, number[]>>();

  /** For a caller that is handed the records to change them in place (a test's setup), and at each write. */
  public forgetSemiJoins(): void {
    this.semiJoins.clear();
    this.indexes.clear();
    this.sortedIndexes.clear();
  }

  /** The rows a query's WHERE matches, in the object's order. */
  private matching(
    query: Query,
    space: Space,
    rows: StoredRecord[],
    read: (path: string) => (record: StoredRecord) => unknown
  ): StoredRecord[] {
    if (!query.where) return rows;
    // AND commutes: a record's own fields are tested before the ones that go through a relationship.
    const tests = conjunctsOf(query.where)
      .sort((a, b) => Number(throughRelationship(a)) - Number(throughRelationship(b)))
      .map((condition) => this.throughRelatedIds(query.from, condition, space) ?? compileCondition(condition, read));
    const test = (record: StoredRecord) => tests.every((one) => one(record));
    return (this.narrow(query.from, query.where, space, rows, read) ?? rows).filter(test);
  }

  /**
   * A superset of the matching rows from an index, when one of the WHERE's top-level conditions is an
   * equality or IN on a plain field of a large object (ids from a semi-join, say); the whole WHERE is
   * still tested on every row it gives. Undefined when no such condition narrows enough to be worth it.
   */
  private narrow(
    object: string,
    where: Condition,
    space: Space,
    rows: StoredRecord[],
    read: (path: string) => (record: StoredRecord) => unknown
  ): StoredRecord[] | undefined {
    if (rows.length < 5000) return undefined;
    const conjuncts = conjunctsOf(where);
    let best: number[][] | undefined;
    let bestSize = rows.length / 2;
    for (const condition of conjuncts) {
      let values: readonly unknown[] | undefined;
      let field = '';
      if (condition.op === 'compare' && condition.comparator === '=' && typeof condition.value === 'string')
        [values, field] = [[condition.value], condition.field];
      else if (condition.op === 'in' && !condition.negate)
        [values, field] = [condition.resolved ? [...condition.resolved] : condition.values, condition.field];
      if (!values || field.includes('.') || !values.every((value) => typeof value === 'string')) continue;
      const key = `${space}:${object}:${field.toLowerCase()}`;
      let index = this.indexes.get(key);
      if (!index) {
        index = new Map();
        const value = read(field);
        for (let i = 0; i < rows.length; i++) {
          const found = value(rows[i]);
          if (typeof found !== 'string') continue;
          const bucket = index.get(found.toLowerCase());
          if (bucket) bucket.push(i);
          else index.set(found.toLowerCase(), [i]);
        }
        this.indexes.set(key, index);
      }
      const buckets = (values as string[]).map((value) => index.get(value.toLowerCase())).filter((bucket) => bucket !== undefined);
      const size = buckets.reduce((sum, bucket) => sum + bucket.length, 0);
      if (size < bestSize) [best, bestSize] = [buckets, size];
    }
    const range = this.rangeOf(object, conjuncts, space, rows, read);
    if (range && range.length < bestSize) best = [range];
    if (!best) return undefined;
    const positions = best.length === 1 ? [...best[0]] : [...new Set(best.flat())];
    return positions.sort((a, b) => a - b).map((i) => rows[i]);
  }

  /**
   * `Assignee.IsActive = true` on a million assignments: the related records that pass are found
   * once (a set of their ids), and each row is then one set lookup. A row whose lookup is empty, or
   * names no record, reads the related field as null, as the row-by-row path does.
   */
  private throughRelatedIds(object: string, condition: Condition, space: Space): ((record: StoredRecord) => boolean) | undefined {
    if (condition.op !== 'compare' && condition.op !== 'like' && !(condition.op === 'in' && !condition.subquery)) return undefined;
    const parts = condition.field.split('.');
    if (parts.length !== 2) return undefined;
    const relation = this.relationship(object, parts[0], space);
    if (!relation || !SINGLE_TARGET_LOOKUPS.has(relation[0])) return undefined;
    const [lookup, target] = relation;
    const targets = this.objects[space].get(target);
    if (!targets || targets.length < 1000) return undefined;
    const leaf = { ...condition, field: parts[1] } as Condition;
    const key = `related:${space}:${object}:${JSON.stringify(condition, (_, value: unknown) => (value instanceof RegExp ? value.source : value))}`;
    let matched = this.semiJoins.get(key);
    if (!matched) {
      const test = compileCondition(leaf, this.reader(target, space));
      matched = new Set(targets.filter(test).map((record) => record.Id));
      this.semiJoins.set(key, matched);
    }
    const allKey = `ids:${space}:${target}`;
    let all = this.semiJoins.get(allKey);
    if (!all) this.semiJoins.set(allKey, (all = new Set(targets.map((record) => record.Id))));
    const nullPasses = compileCondition(leaf, () => () => null)({});
    const [found, known] = [matched, all];
    return (record) => {
      const id = record[lookup];
      if (typeof id === 'string' && found.has(id)) return true;
      return nullPasses && !(typeof id === 'string' && known.has(id));
    };
  }

  /** Row positions within the bounds that `>=`, `>`, `<=`, `<` on one plain text field set (ranges of ids, say). */
  private rangeOf(
    object: string,
    conjuncts: Condition[],
    space: Space,
    rows: StoredRecord[],
    read: (path: string) => (record: StoredRecord) => unknown
  ): number[] | undefined {
    const bounds = new Map<string, { low?: string; high?: string }>();
    for (const condition of conjuncts) {
      if (condition.op !== 'compare' || typeof condition.value !== 'string' || condition.field.includes('.')) continue;
      const bound = bounds.get(condition.field) ?? {};
      if (condition.comparator === '>=' || condition.comparator === '>') bound.low = condition.value;
      else if (condition.comparator === '<=' || condition.comparator === '<') bound.high = condition.value;
      else continue;
      bounds.set(condition.field, bound);
    }
    const [field, bound] = [...bounds.entries()].find(([, { low, high }]) => low !== undefined && high !== undefined) ?? [];
    if (!field || !bound) return undefined;
    const key = `${space}:${object}:${field.toLowerCase()}:sorted`;
    let sorted = this.sortedIndexes.get(key);
    if (!sorted) {
      const value = read(field);
      const entries = rows.flatMap((record, i) => {
        const found = value(record);
        return typeof found === 'string' ? [[found, i] as const] : [];
      });
      sorted = entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.sortedIndexes.set(key, sorted);
    }
    const first = (target: string, after: boolean) => {
      let [lo, hi] = [0, sorted.length];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid][0] < target || (after && sorted[mid][0] === target)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    // Inclusive of both bounds: a superset, which the WHERE then tests row by row.
    return sorted.slice(first(bound.low!, false), first(bound.high!, true)).map(([, i]) => i);
  }

  private readonly sortedIndexes = new Map<string, Array<readonly [string, number]>>();

  /** Field readers for one query's object, each path compiled once. */
  private reader(object: string, space: Space): (path: string) => (record: StoredRecord) => unknown {
    const compiled = new Map<string, (record: StoredRecord) => unknown>();
    return (path) => {
      let read = compiled.get(path);
      if (!read) compiled.set(path, (read = this.accessor(object, path, space)));
      return read;
    };
  }

  /** Reads one field path off a record: the relationship hops, the org's spelling and a checkbox's default resolved once. */
  private accessor(object: string, path: string, space: Space): (record: StoredRecord) => unknown {
    const dot = path.indexOf('.');
    if (dot < 0) {
      // The org's spelling first (a map lookup): scanning the record's keys for a field it does not set is what made a million rows slow.
      const name = this.canonicalField(object, path, space);
      const isBoolean = name !== undefined && this.fieldSchema(object, name, space).type === 'boolean';
      return (record) => {
        const value = name === undefined ? fieldOf(record, path) : record[name];
        if (value !== undefined) return value;
        return isBoolean ? false : null;
      };
    }
    const relation = this.relationship(object, path.slice(0, dot), space);
    if (!relation) return () => null;
    const lookup = relation[0];
    const rest = path.slice(dot + 1);
    // The related record's own object decides how the rest of the path reads (a lookup may point at several).
    const next = new Map<string, (record: StoredRecord) => unknown>();
    return (record) => {
      const found = this.byId.get(record[lookup] as string);
      if (!found) return null;
      let read = next.get(found.object);
      if (!read) next.set(found.object, (read = this.accessor(found.object, rest, space)));
      return read(found.record);
    };
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

  public query(soql: string, space: Space, batchSize: number): QueryPage {
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
    const read = this.reader(query.from, space);
    const matched = this.matching(query, space, rows, read);
    if (query.groupBy.length > 0 || query.aggregates.length > 0) return this.aggregate(query, space, matched, read);
    let selected = matched === rows ? [...rows] : matched;
    if (query.orderBy.length > 0) {
      const keys = query.orderBy.map((key) => ({ key, read: read(key.field) }));
      selected.sort((a, b) => {
        for (const { key, read: value } of keys) {
          const order = compareForOrder(value(a), value(b), key);
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
    read: (path: string) => (record: StoredRecord) => unknown
  ): QueryPage {
    const groupBy = query.groupBy.map((field) => read(field));
    const groups = new Map<string, { keys: unknown[]; members: StoredRecord[] }>();
    for (const record of rows) {
      const keys = groupBy.map((value) => value(record) ?? null);
      const id = keys.length === 1 && typeof keys[0] === 'string' ? `s${keys[0]}` : `j${JSON.stringify(keys)}`;
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
        const value = read(aggregate.field);
        const values = members.map(value).filter((value) => value !== null && value !== undefined);
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
    this.forgetSemiJoins();
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
    this.forgetSemiJoins();
    Object.assign(record, fields, { Id: id });
    return record;
  }

  public remove(object: string, id: string): void {
    const rows = this.objects.rest.get(object);
    const index = rows?.findIndex((record) => record.Id === id) ?? -1;
    if (!rows || index < 0) throw new WriteError('ENTITY_IS_DELETED', `entity is deleted or does not exist: ${id}`);
    this.forgetSemiJoins();
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

/** The conditions a WHERE joins with AND at its top level. */
function conjunctsOf(where: Condition): Condition[] {
  return where.op === 'and' ? [...conjunctsOf(where.left), ...conjunctsOf(where.right)] : [where];
}

function throughRelationship(condition: Condition): boolean {
  if (condition.op === 'and' || condition.op === 'or') return throughRelationship(condition.left) || throughRelationship(condition.right);
  if (condition.op === 'not') return throughRelationship(condition.expr);
  return 'field' in condition && condition.field.includes('.');
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
