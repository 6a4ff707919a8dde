import { OrgApiError, OrgUnavailableError, MalformedResponseError, SessionExpiredError } from '../api/errors';
import { CollectionStopped, type OrgApi, type SObjectRecord } from '../api/orgApi';
import { mapRecord, selectList, soql, type Declaration } from './declare';

/** Salesforce's limit on a request's URI plus headers; queries are built to stay well under it. */
const MAX_QUERY_URL = 12_000;
/** A GROUP BY answer holds at most this many rows and has no query locator. */
const MAX_GROUPS = 2000;

export class TooManyGroups extends Error {}

/** What a read is about, for the reason a failure gives: the object, the parts it feeds, what to grant. */
export type Source = { object: string; parts: readonly string[]; grant: string };

/**
 * Reads declared objects and decides, error by error, what a failure costs: an expired login ends the
 * run; a budget, daily-limit or deadline stop keeps what was read and marks the rest unavailable; any
 * other failure marks only the parts the object feeds, with the object, the error and what to grant.
 */
export class Reader {
  public readonly unavailable: Record<string, string> = {};
  public partial?: { reason: string };

  public constructor(
    public readonly api: OrgApi,
    private readonly progress: (message: string) => void
  ) {}

  public mark(keys: readonly string[], reason: string): void {
    for (const key of keys) this.unavailable[key] ??= reason;
  }

  /** Runs one read; on failure marks `parts` (or the declaration's) and answers undefined. */
  public async attempt<R>(declaration: Source, run: () => Promise<R>, parts?: readonly string[]): Promise<R | undefined> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SessionExpiredError) throw error;
      const keys = parts ?? declaration.parts;
      if (error instanceof CollectionStopped) {
        this.partial ??= { reason: error.reason };
        this.mark(keys, error.reason);
        return undefined;
      }
      const reason = failureReason(declaration.object, declaration.grant, error);
      this.progress(`Could not read ${declaration.object}: ${reason}`);
      this.mark(keys, reason);
      return undefined;
    }
  }

  /** Every row of a declared object, its SELECT list split so each query's URL stays under the limit. */
  public async rows<T>(declaration: Declaration<T>, where?: string, suffix = '', available?: Set<string>): Promise<T[]> {
    // Plain fields describe does not list (an older org, field-level security) are left out rather than queried.
    const select = selectList(declaration).filter((entry) => !available || /[.(]/.test(entry) || available.has(entry));
    const tooling = declaration.tooling ?? false;
    const chunks = this.chunk(declaration, select, where, suffix);
    const pages = await Promise.all(
      chunks.map((fields) => this.api.queryAll(soql(declaration, fields, where, suffix), { tooling, what: declaration.object }))
    );
    const records = pages.length === 1 ? pages[0] : mergeById(pages);
    this.progress(`Read ${declaration.object} (${records.length} records, ${this.api.calls.total} API calls so far)`);
    return records.map((record) => mapRecord(declaration, record));
  }

  /**
   * One read split into ranges (each ANDed to the WHERE), read side by side so their pages share calls;
   * a row that two ranges both hold (an org comparing ids in another order) counts once.
   */
  public async rowsInRanges<T extends { id: string }>(declaration: Declaration<T>, where: string, ranges: readonly string[]): Promise<T[]> {
    if (ranges.length === 0) return this.rows(declaration, where);
    const parts = await Promise.all(ranges.map((range) => this.rows(declaration, `${where} AND ${range}`)));
    return [...new Map(parts.flat().map((row) => [row.id, row])).values()];
  }

  /** Like attempt, but an object this org does not have (INVALID_TYPE, NOT_FOUND) is known to hold nothing. */
  public async optional<R>(declaration: Source, run: () => Promise<R[]>, parts?: readonly string[]): Promise<R[] | undefined> {
    return this.attempt(
      declaration,
      () =>
        run().catch((error: unknown) => {
          if (error instanceof OrgApiError && ['INVALID_TYPE', 'NOT_FOUND'].includes(error.code)) return [];
          throw error;
        }),
      parts
    );
  }

  /** A GROUP BY read; throws TooManyGroups when the org had more groups than one answer holds. */
  public async groups<T>(declaration: Declaration<T>, where?: string): Promise<T[]> {
    const { records, done } = await this.api.query(soql(declaration, selectList(declaration), where), {
      tooling: declaration.tooling,
      what: declaration.object
    });
    if (!done || records.length >= MAX_GROUPS) throw new TooManyGroups();
    return records.map((record) => mapRecord(declaration, record));
  }

  private chunk<T>(declaration: Declaration<T>, select: string[], where?: string, suffix = ''): string[][] {
    const tooling = declaration.tooling ?? false;
    if (this.api.queryUrlLength(soql(declaration, select, where, suffix), tooling) <= MAX_QUERY_URL) return [select];
    // Split on Id: every chunk selects it, so the rows join back up.
    const rest = select.filter((entry) => entry !== 'Id');
    const chunks: string[][] = [];
    let current: string[] = ['Id'];
    for (const entry of rest) {
      const candidate = [...current, entry];
      if (current.length > 1 && this.api.queryUrlLength(soql(declaration, candidate, where, suffix), tooling) > MAX_QUERY_URL) {
        chunks.push(current);
        current = ['Id', entry];
      } else current = candidate;
    }
    chunks.push(current);
    return chunks;
  }
}

function mergeById(pages: SObjectRecord[][]): SObjectRecord[] {
  const byId = new Map<string, SObjectRecord>();
  for (const page of pages) for (const record of page) byId.set(String(record.Id), { ...byId.get(String(record.Id)), ...record });
  return [...byId.values()];
}

/** What a rule skipped for this object tells the user: the object, the error, and what to do. */
export function failureReason(object: string, grant: string, error: unknown): string {
  if (error instanceof OrgApiError) {
    const what = `${object} could not be read (${error.code}: ${error.detail})`;
    if (error.code === 'INVALID_FIELD')
      return `${what}: give the running user read access to the field (field-level security), or ${grant}`;
    if (error.code === 'INVALID_TYPE' || error.code === 'INSUFFICIENT_ACCESS' || error.code === 'NOT_FOUND')
      return `${what}: the object is not enabled in this org, or the running user lacks ${grant}`;
    if (/^ERROR_HTTP_4(14|31)$/.test(error.code)) return `${what}: the request was longer than Salesforce accepts (16,384 bytes)`;
    return `${what}: needs ${grant}`;
  }
  if (error instanceof OrgUnavailableError)
    return `${object} could not be read after several tries (${error.detail}): run the health check again later`;
  if (error instanceof MalformedResponseError) return `${object} could not be read: the org answered with invalid JSON several times`;
  if (error instanceof TooManyGroups)
    return `${object} could not be read: more groups than one GROUP BY answer holds, even in the smallest time window`;
  return `${object} could not be read (${error instanceof Error ? error.message : String(error)})`;
}

/** A day window as SOQL datetime literals. */
export function isoUtc(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
