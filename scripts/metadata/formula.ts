/**
 * A small evaluator for the Salesforce formula subset this package's formula fields and validation
 * rules use, so tests can check their logic as the metadata states it.
 */

export type FormulaValue = string | number | boolean | Date | null;

export type FormulaContext = {
  /** Field values by API name or relationship path (`Accountable__r.IsActive`). Picklists are strings. */
  record: Record<string, FormulaValue>;
  /** Values before the edit, for PRIORVALUE and ISCHANGED. */
  prior?: Record<string, FormulaValue>;
  isNew?: boolean;
  today?: Date;
};

type Node =
  | { kind: 'literal'; value: FormulaValue }
  | { kind: 'field'; path: string }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'negate'; operand: Node };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w.$]*)|(&&|\|\||<>|!=|<=|>=|==|[-+*/=<>(),&!]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`unexpected character at ${start}: ${text.slice(start, start + 10)}`);
    }
    if (match[1] !== undefined) tokens.push(`#${match[1]}`);
    else if (match[2] !== undefined) tokens.push(`"${match[2]}`);
    else tokens.push(match[3] ?? match[4]);
  }
  return tokens;
}

/** Field references a formula makes (for checking they exist). */
export function fieldReferences(formula: string): string[] {
  const tokens = tokenize(formula);
  return tokens.filter(
    (token, i) => /^[A-Za-z_$]/.test(token) && tokens[i + 1] !== '(' && !['TRUE', 'FALSE', 'NULL'].includes(token.toUpperCase())
  );
}

class Parser {
  private position = 0;
  public constructor(private readonly tokens: string[]) {}
  private peek(): string | undefined {
    return this.tokens[this.position];
  }
  private next(): string {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new Error('unexpected end of formula');
    return token;
  }
  public parse(): Node {
    const node = this.or();
    if (this.peek() !== undefined) throw new Error(`unexpected token ${this.peek()}`);
    return node;
  }
  private binary(next: () => Node, ops: string[]): Node {
    let left = next();
    while (ops.includes(this.peek() ?? '')) {
      const op = this.next();
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  }
  private or = (): Node => this.binary(this.and, ['||']);
  private and = (): Node => this.binary(this.comparison, ['&&']);
  private comparison = (): Node => this.binary(this.additive, ['=', '==', '!=', '<>', '<', '>', '<=', '>=']);
  private additive = (): Node => this.binary(this.multiplicative, ['+', '-', '&']);
  private multiplicative = (): Node => this.binary(this.unary, ['*', '/']);
  private unary = (): Node => {
    if (this.peek() === '!') {
      this.next();
      return { kind: 'not', operand: this.unary() };
    }
    if (this.peek() === '-') {
      this.next();
      return { kind: 'negate', operand: this.unary() };
    }
    return this.primary();
  };
  private primary(): Node {
    const token = this.next();
    if (token === '(') {
      const inner = this.or();
      if (this.next() !== ')') throw new Error('expected )');
      return inner;
    }
    if (token.startsWith('#')) return { kind: 'literal', value: Number(token.slice(1)) };
    if (token.startsWith('"')) return { kind: 'literal', value: token.slice(1).replace(/\\(.)/g, '$1') };
    const upper = token.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
    if (upper === 'NULL') return { kind: 'literal', value: null };
    if (this.peek() === '(') {
      this.next();
      const args: Node[] = [];
      if (this.peek() !== ')') {
        for (;;) {
          args.push(this.or());
          const separator = this.next();
          if (separator === ')') break;
          if (separator !== ',') throw new Error(`expected , or ) in ${token}()`);
        }
      } else {
        this.next();
      }
      return { kind: 'call', name: upper, args };
    }
    return { kind: 'field', path: token };
  }
}

const DAY = 86_400_000;
const blank = (value: FormulaValue): boolean => value === null || value === '' || value === undefined;

function equal(a: FormulaValue, b: FormulaValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function compare(a: FormulaValue, b: FormulaValue): number {
  const x = a instanceof Date ? a.getTime() : (a as number);
  const y = b instanceof Date ? b.getTime() : (b as number);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function evaluateFormula(formula: string, context: FormulaContext): FormulaValue {
  const today = context.today ?? new Date(Date.UTC(2026, 10, 23));
  const lookup = (record: Record<string, FormulaValue> | undefined, path: string): FormulaValue =>
    record && path in record ? record[path] : null;
  const evaluate = (node: Node, record: Record<string, FormulaValue>): FormulaValue => {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'field':
        return lookup(record, node.path);
      case 'not':
        return !evaluate(node.operand, record);
      case 'negate':
        return -(evaluate(node.operand, record) as number);
      case 'binary': {
        if (node.op === '&&') return Boolean(evaluate(node.left, record)) && Boolean(evaluate(node.right, record));
        if (node.op === '||') return Boolean(evaluate(node.left, record)) || Boolean(evaluate(node.right, record));
        const left = evaluate(node.left, record);
        const right = evaluate(node.right, record);
        switch (node.op) {
          case '=':
          case '==':
            return equal(left, right);
          case '!=':
          case '<>':
            return !equal(left, right);
          case '&':
            return String(left ?? '') + String(right ?? '');
        }
        // Arithmetic and ordering on a blank operand give blank (BlankAsBlank) or false.
        if (left === null || right === null) return ['<', '>', '<=', '>='].includes(node.op) ? false : null;
        switch (node.op) {
          case '<':
            return compare(left, right) < 0;
          case '>':
            return compare(left, right) > 0;
          case '<=':
            return compare(left, right) <= 0;
          case '>=':
            return compare(left, right) >= 0;
          case '+':
            return left instanceof Date ? new Date(left.getTime() + (right as number) * DAY) : (left as number) + (right as number);
          case '-':
            if (left instanceof Date && right instanceof Date) return (left.getTime() - right.getTime()) / DAY;
            return left instanceof Date ? new Date(left.getTime() - (right as number) * DAY) : (left as number) - (right as number);
          case '*':
            return (left as number) * (right as number);
          case '/':
            return (left as number) / (right as number);
        }
        throw new Error(`unknown operator ${node.op}`);
      }
      case 'call':
        return call(node, record);
    }
  };
  const call = (node: Node & { kind: 'call' }, record: Record<string, FormulaValue>): FormulaValue => {
    const arg = (i: number) => evaluate(node.args[i], record);
    const fieldPath = (i: number): string => {
      const target = node.args[i];
      if (target.kind !== 'field') throw new Error(`${node.name} takes a field`);
      return target.path;
    };
    switch (node.name) {
      case 'IF':
        return arg(0) ? arg(1) : arg(2);
      case 'AND':
        return node.args.every((_, i) => Boolean(arg(i)));
      case 'OR':
        return node.args.some((_, i) => Boolean(arg(i)));
      case 'NOT':
        return !arg(0);
      case 'ISBLANK':
      case 'ISNULL':
        return blank(arg(0));
      case 'BLANKVALUE':
        return blank(arg(0)) ? arg(1) : arg(0);
      case 'ISPICKVAL':
        return arg(0) === arg(1);
      case 'TEXT': {
        const value = arg(0);
        return value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
      }
      case 'CASE': {
        const value = arg(0);
        for (let i = 1; i + 1 < node.args.length; i += 2) if (equal(value, arg(i))) return arg(i + 1);
        return node.args.length % 2 === 0 ? arg(node.args.length - 1) : null;
      }
      case 'ADDMONTHS': {
        const date = arg(0) as Date | null;
        if (!date) return null;
        // Salesforce keeps month ends at month ends and clamps the day: ADDMONTHS(Jan 31, 1) is Feb 28.
        const months = date.getUTCMonth() + (arg(1) as number);
        const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        const year = date.getUTCFullYear() + Math.floor(months / 12);
        const month = ((months % 12) + 12) % 12;
        const wasMonthEnd = date.getUTCDate() === lastDay(date.getUTCFullYear(), date.getUTCMonth());
        const day = wasMonthEnd ? lastDay(year, month) : Math.min(date.getUTCDate(), lastDay(year, month));
        return new Date(Date.UTC(year, month, day));
      }
      case 'TODAY':
        return today;
      case 'NOW':
        return new Date(today.getTime() + 12 * 3_600_000);
      case 'ISNEW':
        return Boolean(context.isNew);
      case 'PRIORVALUE':
        return lookup(context.prior ?? record, fieldPath(0));
      case 'ISCHANGED': {
        const path = fieldPath(0);
        return !context.isNew && !equal(lookup(record, path), lookup(context.prior ?? record, path));
      }
    }
    throw new Error(`unsupported function ${node.name}`);
  };
  return evaluate(new Parser(tokenize(formula)).parse(), context.record);
}
