/**
 * The part of the UI API GraphQL API the console's queries use, answered from the harness's records:
 * `uiapi { query { Object(first, after, where, orderBy) { edges { node } pageInfo totalCount } } }`,
 * parent and child relationships, and `uiapi { aggregate { Object(where, groupBy) { ... } } }`.
 * Shapes follow the UI API GraphQL reference (field values as `{ value, displayValue }`, cursors opaque).
 */
import type { RecordStore, StoredRecord, Value } from './store';
import { jsonText } from '../lib/json';

export type GqlValue = null | boolean | number | string | GqlValue[] | { [key: string]: GqlValue } | { $var: string } | { $enum: string };
export type Selection = { name: string; alias?: string; args: Record<string, GqlValue>; selections: Selection[] };

export class GraphqlSyntaxError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'GraphqlSyntaxError';
  }
}

const TOKEN = /\s*(?:#[^\n]*\n\s*)*(?:([{}()[\]:!=$,@])|(-?\d+(?:\.\d+)?)|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w]*))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const start = TOKEN.lastIndex;
    if (/^[\s,]*$/.test(text.slice(start))) return tokens;
    const match = TOKEN.exec(text);
    if (!match) throw new GraphqlSyntaxError(`GraphQL syntax error at ${start}: ${text.slice(start, start + 20)}`);
    if (match[1] === ',') continue;
    tokens.push(match[1] ?? (match[2] !== undefined ? `#${match[2]}` : match[3] !== undefined ? `"${match[3]}` : match[4]));
  }
}

class Parser {
  private position = 0;
  public constructor(private readonly tokens: string[]) {}
  private peek(): string | undefined {
    return this.tokens[this.position];
  }
  private next(): string {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new GraphqlSyntaxError('GraphQL syntax error: unexpected end of query');
    return token;
  }
  private expect(token: string): void {
    const actual = this.next();
    if (actual !== token) throw new GraphqlSyntaxError(`GraphQL syntax error: expected ${token}, found ${actual}`);
  }

  public document(): Selection[] {
    if (this.peek() === 'query') {
      this.next();
      if (this.peek() !== '(' && this.peek() !== '{') this.next();
      if (this.peek() === '(') this.skipVariableDefinitions();
    }
    return this.selectionSet();
  }

  private skipVariableDefinitions(): void {
    let depth = 0;
    do {
      const token = this.next();
      if (token === '(') depth++;
      if (token === ')') depth--;
    } while (depth > 0);
  }

  private selectionSet(): Selection[] {
    this.expect('{');
    const selections: Selection[] = [];
    while (this.peek() !== '}') selections.push(this.selection());
    this.next();
    return selections;
  }

  private selection(): Selection {
    let name = this.next();
    // `open: Health_Finding__c(...)`: a GraphQL alias, so one query can ask for one object twice.
    let alias: string | undefined;
    if (this.peek() === ':') {
      this.next();
      alias = name;
      name = this.next();
    }
    const args: Record<string, GqlValue> = {};
    if (this.peek() === '(') {
      this.next();
      while (this.peek() !== ')') {
        const key = this.next();
        this.expect(':');
        args[key] = this.value();
      }
      this.next();
    }
    return { name, ...(alias ? { alias } : {}), args, selections: this.peek() === '{' ? this.selectionSet() : [] };
  }

  private value(): GqlValue {
    const token = this.next();
    if (token === '$') return { $var: this.next() };
    if (token.startsWith('#')) return Number(token.slice(1));
    if (token.startsWith('"')) return JSON.parse(`"${token.slice(1)}"`) as string;
    if (token === '[') {
      const list: GqlValue[] = [];
      while (this.peek() !== ']') list.push(this.value());
      this.next();
      return list;
    }
    if (token === '{') {
      const object: Record<string, GqlValue> = {};
      while (this.peek() !== '}') {
        const key = this.next();
        this.expect(':');
        object[key] = this.value();
      }
      this.next();
      return object;
    }
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    return { $enum: token };
  }
}

export function parseQuery(text: string): Selection[] {
  return new Parser(tokenize(text)).document();
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Variables substituted and enums as strings: plain JSON. */
function resolveValue(value: GqlValue, variables: Record<string, unknown>): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, variables));
  if ('$var' in value && typeof value.$var === 'string') return (variables[value.$var] ?? null) as Json;
  if ('$enum' in value && typeof value.$enum === 'string') return value.$enum;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, variables)]));
}

const cursorOf = (offset: number) => Buffer.from(String(offset)).toString('base64');
const offsetOf = (cursor: unknown) => (typeof cursor === 'string' && cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8')) : 0);

export class GraphqlResolver {
  public constructor(private readonly store: RecordStore) {}

  public execute(query: string, variables: Record<string, unknown> = {}): { data: Json } {
    const root = parseQuery(query);
    const data: Record<string, Json> = {};
    for (const uiapi of root) {
      if (uiapi.name !== 'uiapi') throw new GraphqlSyntaxError(`Validation error: field '${uiapi.name}' is undefined on type 'Query'`);
      const out: Record<string, Json> = {};
      for (const section of uiapi.selections) {
        const objects: Record<string, Json> = {};
        for (const selection of section.selections) {
          const args = Object.fromEntries(Object.entries(selection.args).map(([key, value]) => [key, resolveValue(value, variables)]));
          objects[selection.alias ?? selection.name] =
            section.name === 'aggregate' ? this.aggregate(selection, args) : this.connection(selection.name, selection.selections, args);
        }
        out[section.name] = objects;
      }
      data.uiapi = out;
    }
    return { data };
  }

  private rows(object: string, where: Json, parentFilter?: (record: StoredRecord) => boolean): StoredRecord[] {
    if (!this.store.objects.has(object) && object !== 'User')
      throw new GraphqlSyntaxError(`Validation error: object '${object}' is not supported by UI API`);
    // A child connection filters on its parent's id first: computing every child's formulas for each parent is quadratic.
    return [...this.store.table(object).values()]
      .filter((record) => !parentFilter || parentFilter(record))
      .map((record) => this.store.view(object, record))
      .filter((record) => this.matches(object, record, where));
  }

  public connection(
    object: string,
    selections: Selection[],
    args: Record<string, Json>,
    parentFilter?: (record: StoredRecord) => boolean
  ): Json {
    const rows = this.rows(object, args.where ?? null, parentFilter);
    if (args.orderBy) rows.sort((a, b) => this.compareBy(object, a, b, args.orderBy as Record<string, Json>));
    const first = typeof args.first === 'number' ? Math.min(args.first, 2000) : 10;
    const offset = offsetOf(args.after);
    const page = rows.slice(offset, offset + first);
    const result: Record<string, Json> = {};
    for (const selection of selections) {
      if (selection.name === 'edges') {
        const node = selection.selections.find((child) => child.name === 'node');
        result.edges = page.map((record, i) => ({
          node: node ? this.node(object, record, node.selections) : null,
          cursor: cursorOf(offset + i + 1)
        }));
      } else if (selection.name === 'pageInfo') {
        result.pageInfo = {
          hasNextPage: offset + first < rows.length,
          hasPreviousPage: offset > 0,
          startCursor: page.length ? cursorOf(offset + 1) : null,
          endCursor: page.length ? cursorOf(offset + page.length) : null
        };
      } else if (selection.name === 'totalCount') {
        result.totalCount = rows.length;
      }
    }
    return result;
  }

  private node(object: string, record: StoredRecord, selections: Selection[]): Json {
    const node: Record<string, Json> = {};
    for (const selection of selections) {
      if (selection.name === 'Id') {
        node.Id = record.Id;
        continue;
      }
      if (
        selection.name.endsWith('__r') ||
        (selection.selections.length && !selection.selections.some((child) => ['value', 'displayValue'].includes(child.name)))
      ) {
        const lookup = this.store.field(object, selection.name.replace(/__r$/, '__c'));
        if (lookup?.referenceTo) {
          const related = this.store.get(lookup.referenceTo, record[lookup.fullName] as string);
          node[selection.name] = related
            ? this.node(lookup.referenceTo, this.store.view(lookup.referenceTo, related), selection.selections)
            : null;
          continue;
        }
        const child = this.store.childRelationship(object, selection.name);
        if (child) {
          const args = Object.fromEntries(Object.entries(selection.args).map(([key, value]) => [key, resolveValue(value, {})]));
          node[selection.name] = this.connection(child.object, selection.selections, args, (row) => row[child.field] === record.Id);
          continue;
        }
        throw new GraphqlSyntaxError(`Validation error: field '${selection.name}' is undefined on type '${object}'`);
      }
      if (!(selection.name in record) && object !== 'User') {
        throw new GraphqlSyntaxError(`Validation error: field '${selection.name}' is undefined on type '${object}'`);
      }
      const value = record[selection.name] ?? null;
      node[selection.name] = Object.fromEntries(
        selection.selections.map((child) => [child.name, child.name === 'displayValue' ? displayValue(value) : value])
      );
    }
    return node;
  }

  private fieldValue(object: string, record: StoredRecord, path: string[]): Value {
    if (path.length === 1) return record[path[0]] ?? null;
    const lookup = this.store.field(object, path[0].replace(/__r$/, '__c'));
    const related = lookup?.referenceTo ? this.store.get(lookup.referenceTo, record[lookup.fullName] as string) : undefined;
    return related ? this.fieldValue(lookup!.referenceTo!, this.store.view(lookup!.referenceTo!, related), path.slice(1)) : null;
  }

  private matches(object: string, record: StoredRecord, where: Json, path: string[] = []): boolean {
    if (where === null || typeof where !== 'object' || Array.isArray(where)) return true;
    return Object.entries(where).every(([key, condition]) => {
      if (key === 'and') return ((condition as Json[]) ?? []).every((part) => this.matches(object, record, part, path));
      if (key === 'or') return ((condition as Json[]) ?? []).some((part) => this.matches(object, record, part, path));
      if (key === 'not') return !this.matches(object, record, condition, path);
      const ops = condition as Record<string, Json>;
      const operators = ['eq', 'ne', 'like', 'in', 'nin', 'lt', 'gt', 'lte', 'gte'];
      if (!Object.keys(ops).some((op) => operators.includes(op))) return this.matches(object, record, condition, [...path, key]);
      const value = this.fieldValue(object, record, [...path, key]);
      return Object.entries(ops).every(([op, operand]) => compareOp(op, value, operand));
    });
  }

  private compareBy(object: string, a: StoredRecord, b: StoredRecord, orderBy: Record<string, Json>, path: string[] = []): number {
    for (const [key, spec] of Object.entries(orderBy)) {
      const order = spec as Record<string, Json>;
      if (!('order' in order) && !('nulls' in order)) {
        const nested = this.compareBy(object, a, b, order, [...path, key]);
        if (nested) return nested;
        continue;
      }
      const x = this.fieldValue(object, a, [...path, key]);
      const y = this.fieldValue(object, b, [...path, key]);
      const direction = order.order === 'DESC' ? -1 : 1;
      if (x === y) continue;
      if (x === null || y === null) return (x === null ? 1 : -1) * (order.nulls === 'FIRST' ? -1 : 1) * (order.nulls ? 1 : direction);
      return (x < y ? -1 : 1) * direction;
    }
    return 0;
  }

  /** `aggregate { Object(where, groupBy) { edges { node { aggregate { Field { value } Id { count { value } } } } } } }`. */
  private aggregate(selection: Selection, args: Record<string, Json>): Json {
    const rows = this.rows(selection.name, args.where ?? null);
    const groupFields = Object.keys((args.groupBy as Record<string, Json>) ?? {});
    const groups = new Map<string, StoredRecord[]>();
    rows.forEach((row) => {
      const key = JSON.stringify(groupFields.map((field) => row[field] ?? null));
      groups.set(key, [...(groups.get(key) ?? []), row]);
    });
    if (!groupFields.length && !groups.size) groups.set('[]', []);
    const edgesSelection = selection.selections.find((child) => child.name === 'edges');
    const aggregateSelection = edgesSelection?.selections
      .find((child) => child.name === 'node')
      ?.selections.find((child) => child.name === 'aggregate');
    const edges = [...groups.values()].map((members) => {
      const aggregate: Record<string, Json> = {};
      for (const field of aggregateSelection?.selections ?? []) {
        const values = members.map((member) => member[field.name]).filter((value) => value !== null && value !== undefined);
        const out: Record<string, Json> = {};
        for (const fn of field.selections) {
          const numbers = values.map(Number);
          const result: Json =
            fn.name === 'value'
              ? (members[0]?.[field.name] ?? null)
              : fn.name === 'count'
                ? values.length
                : fn.name === 'countDistinct'
                  ? new Set(values).size
                  : fn.name === 'sum'
                    ? numbers.reduce((sum, n) => sum + n, 0)
                    : fn.name === 'avg'
                      ? numbers.length
                        ? numbers.reduce((sum, n) => sum + n, 0) / numbers.length
                        : null
                      : fn.name === 'min'
                        ? numbers.length
                          ? Math.min(...numbers)
                          : null
                        : numbers.length
                          ? Math.max(...numbers)
                          : null;
          out[fn.name] = fn.name === 'value' ? result : { value: result };
        }
        aggregate[field.name] = out;
      }
      return { node: { aggregate } };
    });
    return { edges, totalCount: edges.length };
  }
}

function displayValue(value: Value): string | null {
  return value === null ? null : String(value);
}

function compareOp(op: string, value: Value, rawOperand: Json): boolean {
  // Date and DateTime filters take `{ value: ... }` (DateInput / DateTimeInput), compared as instants.
  const operand =
    rawOperand !== null && typeof rawOperand === 'object' && !Array.isArray(rawOperand) && 'value' in rawOperand
      ? rawOperand.value
      : rawOperand;
  if (['lt', 'gt', 'lte', 'gte'].includes(op) && typeof value === 'string' && typeof operand === 'string') {
    const [x, y] = [Date.parse(value), Date.parse(operand)];
    if (/^\d{4}-\d{2}-\d{2}/.test(value) && /^\d{4}-\d{2}-\d{2}/.test(operand) && !Number.isNaN(x) && !Number.isNaN(y))
      return op === 'lt' ? x < y : op === 'gt' ? x > y : op === 'lte' ? x <= y : x >= y;
  }
  switch (op) {
    case 'eq':
      return value === operand;
    case 'ne':
      return value !== operand;
    case 'like': {
      const pattern = new RegExp(
        `^${jsonText(operand)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')
          .replace(/_/g, '.')}$`,
        'i'
      );
      return value !== null && pattern.test(String(value));
    }
    case 'in':
      return (operand as Json[]).includes(value);
    case 'nin':
      return !(operand as Json[]).includes(value);
    case 'lt':
      return value !== null && value < (operand as string | number);
    case 'gt':
      return value !== null && value > (operand as string | number);
    case 'lte':
      return value !== null && value <= (operand as string | number);
    default:
      return value !== null && value >= (operand as string | number);
  }
}
