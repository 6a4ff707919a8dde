import type { Connection } from '@salesforce/core';
import { ConsoleError } from '../../../lib/errors';
import { MalformedResponseError, OrgApiError, OrgUnavailableError, SessionExpiredError } from './errors';

export type CallKind =
  | 'query'
  | 'queryMore'
  | 'tooling-query'
  | 'tooling-queryMore'
  | 'describe'
  | 'limits'
  | 'composite'
  /** The Composite resource (POST .../composite) carrying up to five query subrequests and REST describes: one call toward the API limit. */
  | 'composite-query'
  | 'tooling-composite-query'
  | 'other';
export type SObjectRecord = Record<string, unknown>;

type QueryResponse = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: SObjectRecord[] };
type Describe = { fields: Array<{ name: string }> };

const MAX_TRIES = 4;
/** Salesforce's Composite resource takes up to 25 subrequests, of which at most 5 query operations (Query, QueryAll, Query More). */
export const MAX_COMPOSITE_QUERIES = 5;
export const MAX_COMPOSITE_SUBREQUESTS = 25;
const QUERY_OPERATIONS: ReadonlySet<CallKind> = new Set<CallKind>(['query', 'queryMore', 'tooling-query', 'tooling-queryMore']);
/** How long queries wait for an answer already on its way (whose next pages could go with them) before they go anyway. */
const MAX_HOLD_MS = 1000;
/** A composite that fails with a transient error is tried this often before its queries go one by one. */
const COMPOSITE_TRIES = 2;
/** A call no answer came for in this long is abandoned and retried. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/** The whole collection, retries included, ends by then: what was read stays, the rest is marked unavailable. */
export const DEFAULT_DEADLINE_MS = 10 * 60_000;

/** The collection must stop (API budget, daily limit, deadline): what was read stays, the rest is unavailable. */
export class CollectionStopped extends ConsoleError {
  public constructor(public readonly reason: string) {
    super('CollectionStopped', `The run stopped before it was done: ${reason}.`, [
      'Nothing was resolved. Run the health check again once the API budget or the time allows (--api-budget-min-share, --wait).'
    ]);
  }
}

/** Raised when the API budget runs low: the collector stops politely and keeps what it has. */
export class BudgetExhausted extends CollectionStopped {}

/** A small semaphore: at most `limit` calls in flight. */
class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  public constructor(private readonly limit: number) {}
  public async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

function errorCodeOf(error: unknown): string {
  const candidate = error as { errorCode?: string; name?: string; code?: string; cause?: { code?: unknown } };
  // undici's "fetch failed" names the network error (ECONNRESET on a kept-alive socket the server closed, ...) only in its cause.
  const cause = typeof candidate.cause?.code === 'string' ? candidate.cause.code : undefined;
  return candidate.errorCode ?? candidate.code ?? cause ?? candidate.name ?? 'UNKNOWN';
}

function isTransient(code: string, message: string): boolean {
  return (
    /^ERROR_HTTP_5\d\d$/.test(code) ||
    [
      'UNKNOWN_EXCEPTION',
      'SERVER_UNAVAILABLE',
      'QUERY_TIMEOUT',
      'ECONNRESET',
      'ETIMEDOUT',
      'ESOCKETTIMEDOUT',
      'ECONNREFUSED',
      'EPIPE',
      'AbortError',
      'TimeoutError',
      'UND_ERR_SOCKET',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT'
    ].includes(code) ||
    /timed? ?out|socket hang up|ECONNRESET|terminated|aborted/i.test(message)
  );
}

/** The waiting GETs, from the first, that one Composite call takes: five query operations and 25 subrequests at most. */
function nextBatch(queue: readonly Waiting[]): { length: number; full: boolean } {
  let queries = 0;
  let length = 0;
  for (const waiting of queue) {
    const query = QUERY_OPERATIONS.has(waiting.kind) ? 1 : 0;
    if (length === MAX_COMPOSITE_SUBREQUESTS || queries + query > MAX_COMPOSITE_QUERIES) break;
    queries += query;
    length += 1;
  }
  // Full: nothing more would go with these (a query would not, at five).
  return { length, full: length < queue.length || length === MAX_COMPOSITE_SUBREQUESTS || queries === MAX_COMPOSITE_QUERIES };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isTimeout(code: string, message: string): boolean {
  return (
    ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'AbortError', 'TimeoutError', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'].includes(code) ||
    /timed? ?out|aborted/i.test(message)
  );
}

type Space = 'rest' | 'tooling';
type Request = { method: 'GET' | 'POST' | 'PATCH'; url: string; body?: string; headers?: Record<string, string> };
/** How call() tries: `giveUpOnTimeout` ends at the first call never answered (a composite then goes query by query). */
type CallPolicy = { maxTries?: number; firstAttempt?: number; giveUpOnTimeout?: boolean };
/** A GET waiting to go out in a composite call: a query or queryMore, or a REST describe. */
type Waiting = {
  kind: CallKind;
  url: string;
  headers: Record<string, string>;
  what: string;
  resolve: (body: unknown) => void;
  reject: (error: unknown) => void;
};
type SubResponse = { body?: unknown; httpHeaders?: Record<string, string>; httpStatusCode?: number; referenceId?: string };

export type OrgApiOptions = {
  org: string;
  minApiBudgetShare: number;
  concurrency: number;
  /** Base delay of the retry backoff. */
  retryDelayMs?: number;
  /** How long one call may go unanswered (default 30 s). */
  callTimeoutMs?: number;
  /** Epoch ms by which every call must be done (default: 10 minutes from now). */
  deadlineAt?: number;
};

/**
 * Every API call the live collector makes goes through here: counted by kind, bounded in time (the
 * transport's timeout is passed with each request, so it holds whatever order modules loaded in),
 * retried with backoff on 5xx, timeouts and the concurrent-request limit, bounded in concurrency,
 * and checked against the daily API budget and the run's deadline.
 */
export class OrgApi {
  public readonly calls: { total: number; byKind: Record<string, number> } = { total: 0, byKind: {} };
  private readonly limiter: Limiter;
  private readonly describes = new Map<string, Promise<Set<string>>>();
  private budget?: { used: number; max: number };
  private readonly deadlineAt: number;
  private readonly waiting: Record<Space, Waiting[]> = { rest: [], tooling: [] };
  private readonly compositeAllowed: Record<Space, boolean> = { rest: true, tooling: true };
  private readonly inFlight: Record<Space, number> = { rest: 0, tooling: 0 };

  public constructor(
    private readonly connection: Connection,
    private readonly options: OrgApiOptions
  ) {
    this.limiter = new Limiter(options.concurrency);
    this.deadlineAt = options.deadlineAt ?? Date.now() + DEFAULT_DEADLINE_MS;
  }

  public get apiVersion(): string {
    return this.connection.getApiVersion();
  }

  private base(tooling: boolean): string {
    return `/services/data/v${this.apiVersion}${tooling ? '/tooling' : ''}`;
  }

  /** The share of the daily API budget still left, when known. */
  public remainingShare(): number | undefined {
    return this.budget ? Math.max(0, this.budget.max - this.budget.used) / this.budget.max : undefined;
  }

  private checkBudget(): void {
    const remaining = this.remainingShare();
    if (remaining !== undefined && remaining < this.options.minApiBudgetShare) {
      throw new BudgetExhausted(
        `API budget: ${this.budget!.used} of ${this.budget!.max} daily API requests used, less than ${Math.round(this.options.minApiBudgetShare * 100)}% left`
      );
    }
  }

  private timeLeft(): number {
    const left = this.deadlineAt - Date.now();
    if (left <= 0) {
      throw new CollectionStopped(
        `the run's deadline passed (--wait) before the org answered everything; raise --wait or run the health check again`
      );
    }
    return left;
  }

  /** One API call: budget check, count, retries; returns the parsed JSON body. */
  public async call<T>(kind: CallKind, request: Request, what: string, policy: CallPolicy = {}): Promise<T> {
    const maxTries = policy.maxTries ?? MAX_TRIES;
    return this.limiter.run(async () => {
      let lastError = '';
      for (let attempt = policy.firstAttempt ?? 1; attempt <= maxTries; attempt++) {
        this.checkBudget();
        const timeout = Math.min(this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS, this.timeLeft());
        this.calls.total += 1;
        this.calls.byKind[kind] = (this.calls.byKind[kind] ?? 0) + 1;
        try {
          // The timeout and retry options go to jsforce's transport with this very request; jsforce's own
          // retries are off so that every try is counted and bounded here.
          const body = await this.connection.request<T>(
            {
              method: request.method,
              url: request.url,
              body: request.body,
              headers: { 'Content-Type': 'application/json', ...request.headers }
            },
            { timeout, retry: { maxRetries: 0 } }
          );
          this.readBudget();
          if (typeof body === 'string') {
            lastError = 'malformed JSON';
            if (attempt === maxTries) throw new MalformedResponseError(what);
          } else {
            return body;
          }
        } catch (error) {
          this.readBudget();
          if (error instanceof MalformedResponseError || error instanceof CollectionStopped) throw error;
          const code = errorCodeOf(error);
          const message = error instanceof Error ? error.message : String(error);
          lastError = this.judge(kind, what, code, message);
          if (attempt === maxTries || (policy.giveUpOnTimeout && isTimeout(code, message))) throw new OrgUnavailableError(what, lastError);
        }
        await this.backoff(attempt);
      }
      throw new OrgUnavailableError(what, lastError);
    });
  }

  /**
   * What an error answer means, the same for a direct call and a composite's subrequest: throws what
   * ends the read or the run (an expired session, the daily limit, an expired locator, an error that a
   * retry cannot cure), or answers the reason a retry is worth it (5xx, timeouts, the concurrent limit).
   */
  private judge(kind: CallKind, what: string, code: string, message: string): string {
    if (code === 'INVALID_SESSION_ID' || /session expired|invalid session|no refresh token|refresh token/i.test(message))
      throw new SessionExpiredError(this.options.org);
    const concurrent = code === 'REQUEST_LIMIT_EXCEEDED' && /concurrent/i.test(message);
    if (code === 'REQUEST_LIMIT_EXCEEDED' && !concurrent) {
      throw new CollectionStopped(
        `the org's daily API request limit is exhausted (${message}); run again when the 24-hour window frees up`
      );
    }
    if (code === 'INVALID_QUERY_LOCATOR' && kind.endsWith('queryMore')) throw new LocatorExpired();
    if (!concurrent && !isTransient(code, message)) throw new OrgApiError(what, code, message);
    return `${code}: ${message}`;
  }

  private backoff(attempt: number): Promise<unknown> {
    const delay = (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1);
    return sleep(Math.min(delay / 2 + Math.random() * (delay / 2), Math.max(0, this.deadlineAt - Date.now())));
  }

  /**
   * A query, queryMore or describe GET. Those issued together (in the same turn of the event loop) go out
   * as one Composite call (up to five query operations, 25 subrequests in all), which Salesforce counts as
   * a single call toward the API limit; the collector above sees the same answers and the same errors as
   * from direct calls.
   */
  private batchedGet<T>(space: Space, kind: CallKind, url: string, headers: Record<string, string>, what: string): Promise<T> {
    if (!this.compositeAllowed[space]) return this.call<T>(kind, { method: 'GET', url, headers }, what);
    return new Promise<T>((resolve, reject) => {
      const queue = this.waiting[space];
      queue.push({ kind, url, headers, what, resolve: resolve as (body: unknown) => void, reject });
      if (nextBatch(queue).full) this.flush(space);
      else if (queue.length === 1 && this.inFlight[space] === 0) setImmediate(() => this.flush(space));
      else if (queue.length === 1) setTimeout(() => this.flush(space), MAX_HOLD_MS);
    });
  }

  /**
   * Sends what waits. While a call of the endpoint's queries is out, fewer than five wait for its answer
   * (at most MAX_HOLD_MS, so a call that hangs holds nobody up for long): the next pages it brings go out
   * with them rather than each in a call of its own.
   */
  private flush(space: Space): void {
    const batch = this.waiting[space].splice(0, nextBatch(this.waiting[space]).length);
    if (batch.length === 0) return;
    this.inFlight[space] += 1;
    const settled = () => {
      this.inFlight[space] -= 1;
      if (this.waiting[space].length > 0) setImmediate(() => this.flush(space));
    };
    if (batch.length === 1) {
      const [query] = batch;
      this.direct({
        ...query,
        resolve: (body) => {
          settled();
          query.resolve(body);
        },
        reject: (error) => {
          settled();
          query.reject(error);
        }
      });
    } else void this.sendComposite(space, batch).finally(settled);
  }

  private direct(query: Waiting, policy: CallPolicy = {}): void {
    this.call(query.kind, { method: 'GET', url: query.url, headers: query.headers }, query.what, policy).then(query.resolve, query.reject);
  }

  private async sendComposite(space: Space, batch: Waiting[]): Promise<void> {
    const body = {
      allOrNone: false,
      // Sforce-Query-Options goes with each subrequest; where an org ignores it there, pages are 2,000 rows anyway (the default)
      // and the paging follows nextRecordsUrl whatever their size.
      compositeRequest: batch.map((query, index) => ({
        method: 'GET',
        url: query.url,
        referenceId: `q${index}`,
        httpHeaders: query.headers
      }))
    };
    let answer: { compositeResponse?: SubResponse[] };
    try {
      answer = await this.call<{ compositeResponse?: SubResponse[] }>(
        space === 'tooling' ? 'tooling-composite-query' : 'composite-query',
        { method: 'POST', url: `${this.base(space === 'tooling')}/composite`, body: JSON.stringify(body) },
        `a composite call (${batch.map((query) => query.what).join(', ')})`,
        { maxTries: COMPOSITE_TRIES, giveUpOnTimeout: true }
      );
    } catch (error) {
      if (error instanceof CollectionStopped || error instanceof SessionExpiredError) {
        for (const query of batch) query.reject(error);
        return;
      }
      // Refused by the org (404 NOT_FOUND on an older API, or another error it answered that a retry cannot cure): direct calls
      // for the rest of the run. A failure of the network (no errorCode from the org) costs this composite only.
      if (error instanceof OrgApiError && /^[A-Z][A-Z0-9_]+$/.test(error.code) && !/^E[A-Z]+$/.test(error.code))
        this.compositeAllowed[space] = false;
      // Refused, never answered or failing: each query on its own, so one hung object costs only its own read.
      for (const query of batch) this.direct(query);
      return;
    }
    const answers = Array.isArray(answer.compositeResponse) ? answer.compositeResponse : [];
    batch.forEach((query, index) => {
      const sub = answers.find((candidate) => candidate.referenceId === `q${index}`);
      const status = sub?.httpStatusCode ?? 0;
      if (!sub) this.direct(query);
      else if (status >= 200 && status < 300 && sub.body && typeof sub.body === 'object' && !Array.isArray(sub.body))
        query.resolve(sub.body);
      else void this.subrequestFailed(query, sub);
    });
  }

  /** A subrequest's error reaches its own caller as the direct call's would; a transient one is retried alone. */
  private async subrequestFailed(query: Waiting, sub: SubResponse): Promise<void> {
    const first = Array.isArray(sub.body) ? (sub.body[0] as { errorCode?: string; message?: string } | undefined) : undefined;
    const code = first?.errorCode ?? `ERROR_HTTP_${sub.httpStatusCode ?? 500}`;
    const message = first?.message ?? (typeof sub.body === 'string' ? sub.body : JSON.stringify(sub.body ?? null));
    try {
      this.judge(query.kind, query.what, code, message);
      await this.backoff(1);
    } catch (error) {
      query.reject(error);
      return;
    }
    this.direct(query, { firstAttempt: 2 });
  }

  private readBudget(): void {
    const usage = (this.connection as unknown as { limitInfo?: { apiUsage?: { used: number; limit: number } } }).limitInfo?.apiUsage;
    if (usage && usage.limit > 0) this.budget = { used: usage.used, max: usage.limit };
  }

  /** Reads the budget up front, so a run that would exhaust it never starts its heavy queries. */
  public async readLimits(): Promise<void> {
    const limits = await this.call<{ DailyApiRequests?: { Max: number; Remaining: number } }>(
      'limits',
      { method: 'GET', url: `${this.base(false)}/limits` },
      'the limits call'
    );
    const daily = limits.DailyApiRequests;
    if (daily) this.budget = { used: daily.Max - daily.Remaining, max: daily.Max };
  }

  /** The fields an object has in this org (cached): a field some orgs lack is dropped, not queried. */
  public describeFields(object: string): Promise<Set<string>> {
    let cached = this.describes.get(object);
    if (!cached) {
      // The REST Composite resource takes every sObject resource, describe among them: describes share its calls.
      cached = this.batchedGet<Describe>(
        'rest',
        'describe',
        `${this.base(false)}/sobjects/${object}/describe`,
        {},
        `describe ${object}`
      ).then((result) => new Set(result.fields.map((field) => field.name)));
      this.describes.set(object, cached);
    }
    return cached;
  }

  /** The request-line size of a query, for staying under Salesforce's 16,384-byte limit by construction. */
  public queryUrlLength(soql: string, tooling = false): number {
    return `${this.connection.instanceUrl}${this.base(tooling)}/query?q=${encodeURIComponent(soql)}`.length;
  }

  /**
   * Runs a query to the end, paging with nextRecordsUrl in batches of 2000. A locator that expired
   * mid-way (INVALID_QUERY_LOCATOR) restarts the query once from the beginning. `done` is false when
   * the org had more rows than it would page (a GROUP BY answer has no locator).
   */
  public async query(
    soql: string,
    options: { tooling?: boolean; what?: string } = {}
  ): Promise<{ records: SObjectRecord[]; done: boolean }> {
    const tooling = options.tooling ?? false;
    const what = options.what ?? soql.split(/\s+FROM\s+/i)[1]?.split(/\s/)[0] ?? 'query';
    for (let restart = 0; ; restart++) {
      try {
        const records: SObjectRecord[] = [];
        const headers = { 'Sforce-Query-Options': 'batchSize=2000' };
        // Each record's `attributes` (type and URL) is dropped as it arrives: at a million rows it is most of the memory.
        const keep = (page: QueryResponse) => {
          for (const { attributes: _attributes, ...fields } of page.records) records.push(fields);
        };
        let page = await this.batchedGet<QueryResponse>(
          tooling ? 'tooling' : 'rest',
          tooling ? 'tooling-query' : 'query',
          `${this.base(tooling)}/query?q=${encodeURIComponent(soql)}`,
          headers,
          `the ${what} query`
        );
        keep(page);
        while (!page.done && page.nextRecordsUrl) {
          page = await this.batchedGet<QueryResponse>(
            tooling ? 'tooling' : 'rest',
            tooling ? 'tooling-queryMore' : 'queryMore',
            page.nextRecordsUrl,
            headers,
            `the ${what} query`
          );
          keep(page);
        }
        return { records, done: page.done };
      } catch (error) {
        if (error instanceof LocatorExpired && restart === 0) continue;
        if (error instanceof LocatorExpired)
          throw new OrgApiError(`the ${what} query`, 'INVALID_QUERY_LOCATOR', 'the query locator expired twice');
        throw error;
      }
    }
  }

  public async queryAll(soql: string, options: { tooling?: boolean; what?: string } = {}): Promise<SObjectRecord[]> {
    return (await this.query(soql, options)).records;
  }

  public async request<T>(kind: CallKind, method: 'GET' | 'POST' | 'PATCH', path: string, body: unknown, what: string): Promise<T> {
    return this.call<T>(
      kind,
      { method, url: `${this.base(false)}${path}`, body: body === undefined ? undefined : JSON.stringify(body) },
      what
    );
  }
}

class LocatorExpired extends Error {}
