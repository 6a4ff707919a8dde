import './httpTimeout';
import type { Connection } from '@salesforce/core';
import { ApiLimitError, MalformedResponseError, OrgApiError, OrgUnavailableError, SessionExpiredError } from './errors';

export type CallKind = 'query' | 'queryMore' | 'tooling-query' | 'tooling-queryMore' | 'describe' | 'limits' | 'composite' | 'other';
export type SObjectRecord = Record<string, unknown>;

type QueryResponse = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: SObjectRecord[] };

const MAX_TRIES = 4;

/** Raised when the API budget runs low: the collector stops politely and keeps what it has. */
export class BudgetExhausted extends Error {
  public constructor(public readonly reason: string) {
    super(reason);
  }
}

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
  const candidate = error as { errorCode?: string; name?: string; code?: string };
  return candidate.errorCode ?? candidate.code ?? candidate.name ?? 'UNKNOWN';
}

function isTransient(code: string, message: string): boolean {
  return (
    /^ERROR_HTTP_5\d\d$/.test(code) ||
    [
      'UNKNOWN_EXCEPTION',
      'SERVER_UNAVAILABLE',
      'ECONNRESET',
      'ETIMEDOUT',
      'ESOCKETTIMEDOUT',
      'ECONNREFUSED',
      'EPIPE',
      'UND_ERR_SOCKET',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT'
    ].includes(code) ||
    /timed? ?out|socket hang up|ECONNRESET|terminated/i.test(message)
  );
}

/** Tests and impatient CI jobs shorten the retry backoff with CONSOLE_RETRY_DELAY_MS. */
function retryDelayFromEnv(): number | undefined {
  const value = Number(process.env.CONSOLE_RETRY_DELAY_MS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every API call the live collector makes goes through here: counted by kind, retried with backoff
 * on 5xx and timeouts, bounded in concurrency, and checked against the daily API budget.
 */
export class OrgApi {
  public readonly calls: { total: number; byKind: Record<string, number> } = { total: 0, byKind: {} };
  private readonly limiter: Limiter;
  private readonly describes = new Map<string, Promise<Set<string>>>();
  private budget?: { used: number; max: number };

  public constructor(
    private readonly connection: Connection,
    private readonly options: { org: string; minApiBudgetShare: number; concurrency: number; retryDelayMs?: number }
  ) {
    this.limiter = new Limiter(options.concurrency);
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

  /** One API call: budget check, count, retries; returns the parsed JSON body. */
  public async call<T>(
    kind: CallKind,
    request: { method: 'GET' | 'POST' | 'PATCH'; url: string; body?: string; headers?: Record<string, string> },
    what: string
  ): Promise<T> {
    return this.limiter.run(async () => {
      let lastError = '';
      for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
        this.checkBudget();
        this.calls.total += 1;
        this.calls.byKind[kind] = (this.calls.byKind[kind] ?? 0) + 1;
        try {
          const body = await this.connection.request<T>({
            method: request.method,
            url: request.url,
            body: request.body,
            headers: { 'Content-Type': 'application/json', ...request.headers }
          });
          this.readBudget();
          if (typeof body === 'string') {
            lastError = 'malformed JSON';
            if (attempt === MAX_TRIES) throw new MalformedResponseError(what);
          } else {
            return body;
          }
        } catch (error) {
          this.readBudget();
          if (error instanceof MalformedResponseError) throw error;
          const code = errorCodeOf(error);
          const message = error instanceof Error ? error.message : String(error);
          if (code === 'INVALID_SESSION_ID' || /session expired|invalid session|no refresh token|refresh token/i.test(message))
            throw new SessionExpiredError(this.options.org);
          if (code === 'REQUEST_LIMIT_EXCEEDED') throw new ApiLimitError(message);
          if (code === 'INVALID_QUERY_LOCATOR' && kind.endsWith('queryMore')) throw new LocatorExpired();
          if (!isTransient(code, message)) throw new OrgApiError(what, code, message);
          lastError = `${code}: ${message}`;
          if (attempt === MAX_TRIES) throw new OrgUnavailableError(what, lastError);
        }
        const delay = (this.options.retryDelayMs ?? retryDelayFromEnv() ?? 500) * 2 ** (attempt - 1);
        await sleep(delay / 2 + Math.random() * (delay / 2));
      }
      throw new OrgUnavailableError(what, lastError);
    });
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
  public describeFields(object: string, tooling = false): Promise<Set<string>> {
    const key = `${tooling ? 'tooling' : 'rest'}:${object}`;
    let cached = this.describes.get(key);
    if (!cached) {
      cached = this.call<{ fields: Array<{ name: string }> }>(
        'describe',
        { method: 'GET', url: `${this.base(tooling)}/sobjects/${object}/describe` },
        `describe ${object}`
      ).then((result) => new Set(result.fields.map((field) => field.name)));
      this.describes.set(key, cached);
    }
    return cached;
  }

  /**
   * Runs a query to the end, paging with nextRecordsUrl in batches of 2000. A locator that expired
   * mid-way (INVALID_QUERY_LOCATOR) restarts the query once from the beginning.
   */
  public async queryAll(soql: string, options: { tooling?: boolean; what?: string } = {}): Promise<SObjectRecord[]> {
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
        let page = await this.call<QueryResponse>(
          tooling ? 'tooling-query' : 'query',
          { method: 'GET', url: `${this.base(tooling)}/query?q=${encodeURIComponent(soql)}`, headers },
          `the ${what} query`
        );
        keep(page);
        while (!page.done && page.nextRecordsUrl) {
          page = await this.call<QueryResponse>(
            tooling ? 'tooling-queryMore' : 'queryMore',
            { method: 'GET', url: page.nextRecordsUrl, headers },
            `the ${what} query`
          );
          keep(page);
        }
        return records;
      } catch (error) {
        if (error instanceof LocatorExpired && restart === 0) continue;
        if (error instanceof LocatorExpired)
          throw new OrgApiError(`the ${what} query`, 'INVALID_QUERY_LOCATOR', 'the query locator expired twice');
        throw error;
      }
    }
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
