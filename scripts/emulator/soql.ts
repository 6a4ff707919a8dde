/**
 * The SOQL subset the tooling and the sf CLI send: field lists with relationship paths, COUNT(),
 * WHERE with AND/OR/NOT and parentheses, comparisons, LIKE, IN / NOT IN, date literals,
 * ORDER BY, LIMIT and OFFSET. Errors carry the error codes Salesforce answers with.
 */

export class SoqlError extends Error {
  public constructor(
    public readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
    message: string
  ) {
    super(message);
  }
}

/** A date literal resolves to a half-open range of epoch milliseconds. */
export type DateRange = { kind: 'range'; start: number; end: number };
export type Literal = string | number | boolean | null | DateRange | { kind: 'instant'; at: number };

export type Condition =
  | { op: 'and' | 'or'; left: Condition; right: Condition }
  | { op: 'not'; expr: Condition }
  | { op: 'compare'; field: string; comparator: '=' | '!=' | '<' | '>' | '<=' | '>='; value: Literal }
  | { op: 'like'; field: string; pattern: RegExp }
  | { op: 'in'; field: string; values: Literal[]; negate: boolean; subquery?: Query; resolved?: Set<string>; lowered?: Set<string> };

export type AggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'MAX' | 'MIN' | 'SUM';
/** An aggregate in the SELECT list: `COUNT(Id) logins`, `MAX(LoginTime)` (named expr0, expr1, ... when not aliased). */
export type Aggregate = { fn: AggregateFunction; field: string; alias: string };

export type OrderKey = { field: string; descending: boolean; nullsLast: boolean };

export type Query = {
  fields: string[];
  count: boolean;
  aggregates: Aggregate[];
  groupBy: string[];
  from: string;
  where?: Condition;
  orderBy: OrderKey[];
  limit?: number;
  offset?: number;
};

type Token = { type: 'word' | 'string' | 'number' | 'op' | 'punct'; value: string };

const DAY = 86_400_000;

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      while (i < soql.length && soql[i] !== "'") {
        if (soql[i] === '\\') {
          i++;
          const escaped = soql[i];
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
        } else {
          value += soql[i];
        }
        i++;
      }
      if (i >= soql.length) throw new SoqlError('MALFORMED_QUERY', 'unexpected end of query: unterminated string literal');
      i++;
      tokens.push({ type: 'string', value });
    } else if ('(),'.includes(c)) {
      tokens.push({ type: 'punct', value: c });
      i++;
    } else if ('=!<>'.includes(c)) {
      const two = soql.slice(i, i + 2);
      const op = ['!=', '<>', '<=', '>='].includes(two) ? two : c;
      if (op === '!') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '!'`);
      tokens.push({ type: 'op', value: op === '<>' ? '!=' : op });
      i += op.length === 2 || two === '<>' ? 2 : 1;
    } else {
      const match = /^[-+]?[\w.:+-]+/.exec(soql.slice(i));
      if (!match) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${c}'`);
      const word = match[0];
      tokens.push({ type: /^[-+]?\d+(\.\d+)?$/.test(word) ? 'number' : 'word', value: word });
      i += word.length;
    }
  }
  return tokens;
}

function startOfUtcDay(at: number): number {
  return Math.floor(at / DAY) * DAY;
}

function dateLiteral(word: string, now: number): Literal | undefined {
  const today = startOfUtcDay(now);
  const upper = word.toUpperCase();
  if (upper === 'TODAY') return { kind: 'range', start: today, end: today + DAY };
  if (upper === 'YESTERDAY') return { kind: 'range', start: today - DAY, end: today };
  const n = /^(LAST_N_DAYS|N_DAYS_AGO|NEXT_N_DAYS):(\d+)$/.exec(upper);
  if (n) {
    const days = Number(n[2]);
    if (n[1] === 'LAST_N_DAYS') return { kind: 'range', start: today - days * DAY, end: today + DAY };
    if (n[1] === 'NEXT_N_DAYS') return { kind: 'range', start: today + DAY, end: today + (days + 1) * DAY };
    return { kind: 'range', start: today - days * DAY, end: today - (days - 1) * DAY };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) {
    const start = Date.parse(`${word}T00:00:00Z`);
    return { kind: 'range', start, end: start + DAY };
  }
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(word)) return { kind: 'instant', at: Date.parse(word) };
  return undefined;
}

const AGGREGATES: AggregateFunction[] = ['COUNT_DISTINCT', 'COUNT', 'MAX', 'MIN', 'SUM'];

function hasSemiJoinUnderOr(condition: Condition, underOr = false): boolean {
  switch (condition.op) {
    case 'and':
      return hasSemiJoinUnderOr(condition.left, underOr) || hasSemiJoinUnderOr(condition.right, underOr);
    case 'or':
      return hasSemiJoinUnderOr(condition.left, true) || hasSemiJoinUnderOr(condition.right, true);
    case 'not':
      return hasSemiJoinUnderOr(condition.expr, underOr);
    case 'in':
      return underOr && condition.subquery !== undefined;
    default:
      return false;
  }
}

class Parser {
  public position = 0;
  public constructor(
    private readonly tokens: Token[],
    private readonly now: number
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new SoqlError('MALFORMED_QUERY', 'unexpected end of query');
    return token;
  }

  private isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.value.toUpperCase() === keyword;
  }

  private expectKeyword(keyword: string): void {
    const token = this.next();
    if (token.type !== 'word' || token.value.toUpperCase() !== keyword) {
      throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.value}', expecting ${keyword}`);
    }
  }

  private expectPunct(value: string): void {
    const token = this.next();
    if (token.value !== value) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.value}', expecting '${value}'`);
  }

  private field(): string {
    const token = this.next();
    if (token.type !== 'word') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.value}'`);
    return token.value;
  }

  public query(): Query {
    this.expectKeyword('SELECT');
    const fields: string[] = [];
    let count = false;
    const aggregates: Aggregate[] = [];
    for (;;) {
      const fn = AGGREGATES.find((name) => this.isKeyword(name) && this.tokens[this.position + 1]?.value === '(');
      if (fn) {
        this.next();
        this.expectPunct('(');
        const field = this.peek()?.value !== ')' ? this.field() : undefined;
        this.expectPunct(')');
        const aliasToken = this.peek();
        const alias =
          aliasToken?.type === 'word' && aliasToken.value.toUpperCase() !== 'FROM' ? this.next().value : `expr${aggregates.length}`;
        if (fn === 'COUNT' && field === undefined) count = true;
        else aggregates.push({ fn, field: field ?? 'Id', alias });
      } else {
        fields.push(this.field());
      }
      if (this.peek()?.value !== ',') break;
      this.next();
    }
    this.expectKeyword('FROM');
    const from = this.field();
    const query: Query = { fields, count, aggregates, groupBy: [], from, orderBy: [] };
    if (this.isKeyword('WHERE')) {
      this.next();
      query.where = this.orExpression();
      if (hasSemiJoinUnderOr(query.where)) {
        throw new SoqlError('MALFORMED_QUERY', "Semi join sub-selects are not allowed with the 'OR' operator");
      }
    }
    if (this.isKeyword('GROUP')) {
      this.next();
      this.expectKeyword('BY');
      for (;;) {
        query.groupBy.push(this.field());
        if (this.peek()?.value !== ',') break;
        this.next();
      }
    }
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      for (;;) {
        const field = this.field();
        let descending = false;
        if (this.isKeyword('ASC')) this.next();
        else if (this.isKeyword('DESC')) {
          this.next();
          descending = true;
        }
        let nullsLast = descending;
        if (this.isKeyword('NULLS')) {
          this.next();
          const which = this.next().value.toUpperCase();
          if (which !== 'FIRST' && which !== 'LAST') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${which}'`);
          nullsLast = which === 'LAST';
        }
        query.orderBy.push({ field, descending, nullsLast });
        if (this.peek()?.value !== ',') break;
        this.next();
      }
    }
    if (this.isKeyword('LIMIT')) {
      this.next();
      query.limit = this.integer();
    }
    if (this.isKeyword('OFFSET')) {
      this.next();
      query.offset = this.integer();
    }
    const rest = this.peek();
    if (rest && !(this.nested && rest.value === ')')) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${rest.value}'`);
    if (query.groupBy.length > 0 || query.aggregates.length > 0) {
      const grouped = new Set(query.groupBy.map((field) => field.toLowerCase()));
      const loose = query.fields.find((field) => !grouped.has(field.toLowerCase()));
      if (loose) throw new SoqlError('MALFORMED_QUERY', `Field must be grouped or aggregated: ${loose}`);
    }
    return query;
  }

  /** Set while parsing a semi-join's inner SELECT, which ends at the closing parenthesis. */
  public nested = false;

  private integer(): number {
    const token = this.next();
    if (token.type !== 'number') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.value}', expecting a number`);
    return Number(token.value);
  }

  private orExpression(): Condition {
    let left = this.andExpression();
    while (this.isKeyword('OR')) {
      this.next();
      left = { op: 'or', left, right: this.andExpression() };
    }
    return left;
  }

  private andExpression(): Condition {
    let left = this.unary();
    while (this.isKeyword('AND')) {
      this.next();
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { op: 'not', expr: this.unary() };
    }
    if (this.peek()?.value === '(') {
      this.next();
      const inner = this.orExpression();
      this.expectPunct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const field = this.field();
    const token = this.next();
    if (token.type === 'op') return { op: 'compare', field, comparator: token.value as '=', value: this.literal() };
    const keyword = token.value.toUpperCase();
    if (keyword === 'LIKE') {
      const pattern = this.literal();
      if (typeof pattern !== 'string') throw new SoqlError('MALFORMED_QUERY', 'LIKE needs a string');
      const source = pattern
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.');
      return { op: 'like', field, pattern: new RegExp(`^${source}$`, 'is') };
    }
    let negate = false;
    if (keyword === 'NOT') {
      this.expectKeyword('IN');
      negate = true;
    } else if (keyword !== 'IN') {
      throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.value}'`);
    }
    this.expectPunct('(');
    if (this.isKeyword('SELECT')) {
      if (this.nested) throw new SoqlError('MALFORMED_QUERY', 'Nesting of semi join sub-selects is not supported');
      const inner = new Parser(this.tokens, this.now);
      inner.position = this.position;
      inner.nested = true;
      const subquery = inner.query();
      this.position = inner.position;
      this.expectPunct(')');
      if (subquery.fields.length !== 1 || subquery.aggregates.length > 0 || subquery.groupBy.length > 0) {
        throw new SoqlError('MALFORMED_QUERY', 'The selected field in a semi join sub-select must be a single Id or reference field');
      }
      return { op: 'in', field, values: [], negate, subquery };
    }
    const values: Literal[] = [];
    for (;;) {
      values.push(this.literal());
      const separator = this.next();
      if (separator.value === ')') break;
      if (separator.value !== ',') throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${separator.value}'`);
    }
    return { op: 'in', field, values, negate };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.type === 'string') return token.value;
    if (token.type === 'number') return Number(token.value);
    if (token.type === 'word') {
      const lower = token.value.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      const date = dateLiteral(token.value, this.now);
      if (date) return date;
    }
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.value}'`);
  }
}

export function parseSoql(soql: string, now: number = Date.now()): Query {
  return new Parser(tokenize(soql), now).query();
}

/** The fields a query filters on (WHERE), which must be filterable. */
export function filteredFields(query: Query): string[] {
  const fields = new Set<string>();
  const visit = (condition: Condition | undefined): void => {
    if (!condition) return;
    if ('field' in condition) fields.add(condition.field);
    else if ('expr' in condition) visit(condition.expr);
    else {
      visit(condition.left);
      visit(condition.right);
    }
  };
  visit(query.where);
  return [...fields];
}

/** Every field path a query reads, for validation against the object's describe. */
export function referencedFields(query: Query): string[] {
  const fields = new Set([...query.fields, ...query.groupBy, ...query.aggregates.map((aggregate) => aggregate.field)]);
  const visit = (condition: Condition | undefined): void => {
    if (!condition) return;
    if ('field' in condition) fields.add(condition.field);
    else if ('expr' in condition) visit(condition.expr);
    else {
      visit(condition.left);
      visit(condition.right);
    }
  };
  visit(query.where);
  for (const key of query.orderBy) fields.add(key.field);
  return [...fields];
}

function asTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(at) ? undefined : at;
}

function compare(actual: unknown, comparator: string, expected: Literal): boolean {
  if (expected !== null && typeof expected === 'object') {
    const at = asTime(actual);
    if (at === undefined) return comparator === '!=';
    const [start, end] = expected.kind === 'range' ? [expected.start, expected.end] : [expected.at, expected.at + 1];
    switch (comparator) {
      case '=':
        return at >= start && at < end;
      case '!=':
        return at < start || at >= end;
      case '<':
        return at < start;
      case '<=':
        return at < end;
      case '>':
        return at >= end;
      default:
        return at >= start;
    }
  }
  const normalised = actual === undefined ? null : actual;
  if (comparator === '=')
    return typeof normalised === 'string' && typeof expected === 'string'
      ? normalised.toLowerCase() === expected.toLowerCase()
      : normalised === expected;
  if (comparator === '!=')
    return typeof normalised === 'string' && typeof expected === 'string'
      ? normalised.toLowerCase() !== expected.toLowerCase()
      : normalised !== expected;
  if (normalised === null || expected === null) return false;
  const [a, b] = [normalised as number | string, expected as number | string];
  switch (comparator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

export function matches(condition: Condition, get: (field: string) => unknown): boolean {
  switch (condition.op) {
    case 'and':
      return matches(condition.left, get) && matches(condition.right, get);
    case 'or':
      return matches(condition.left, get) || matches(condition.right, get);
    case 'not':
      return !matches(condition.expr, get);
    case 'compare':
      return compare(get(condition.field), condition.comparator, condition.value);
    case 'like': {
      const value = get(condition.field);
      return typeof value === 'string' && condition.pattern.test(value);
    }
    case 'in':
      return inList(condition, get(condition.field));
  }
}

function inList(condition: Extract<Condition, { op: 'in' }>, value: unknown): boolean {
  // A long list of strings is looked up, not scanned: an id list against a million rows.
  if (!condition.resolved && condition.values.length > 8 && condition.values.every((candidate) => typeof candidate === 'string')) {
    condition.lowered ??= new Set(condition.values.map((candidate) => String(candidate).toLowerCase()));
  }
  const found = condition.resolved
    ? typeof value === 'string' && condition.resolved.has(value)
    : condition.lowered
      ? typeof value === 'string' && condition.lowered.has(value.toLowerCase())
      : condition.values.some((candidate) => compare(value, '=', candidate));
  return condition.negate ? !found : found;
}

/**
 * The same test as `matches`, compiled once per query into a function of the record: a million
 * rows are then filtered without building a closure, or resolving a field path, for each of them.
 */
export function compileCondition<R>(condition: Condition, accessor: (field: string) => (record: R) => unknown): (record: R) => boolean {
  switch (condition.op) {
    case 'and': {
      const [left, right] = [compileCondition(condition.left, accessor), compileCondition(condition.right, accessor)];
      return (record) => left(record) && right(record);
    }
    case 'or': {
      const [left, right] = [compileCondition(condition.left, accessor), compileCondition(condition.right, accessor)];
      return (record) => left(record) || right(record);
    }
    case 'not': {
      const inner = compileCondition(condition.expr, accessor);
      return (record) => !inner(record);
    }
    case 'compare': {
      const read = accessor(condition.field);
      const { comparator, value } = condition;
      return (record) => compare(read(record), comparator, value);
    }
    case 'like': {
      const read = accessor(condition.field);
      const { pattern } = condition;
      return (record) => {
        const value = read(record);
        return typeof value === 'string' && pattern.test(value);
      };
    }
    case 'in': {
      const read = accessor(condition.field);
      return (record) => inList(condition, read(record));
    }
  }
}

export function compareForOrder(a: unknown, b: unknown, key: OrderKey): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    return (aNull ? 1 : -1) * (key.nullsLast ? 1 : -1);
  }
  const order =
    typeof a === 'string' && typeof b === 'string'
      ? a.localeCompare(b)
      : (a as number) < (b as number)
        ? -1
        : (a as number) > (b as number)
          ? 1
          : 0;
  return key.descending ? -order : order;
}
