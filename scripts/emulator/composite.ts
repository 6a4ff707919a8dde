import type { FaultKind } from './types';

/**
 * The REST and Tooling Composite resource (POST /services/data/vXX.X[/tooling]/composite), as Salesforce
 * documents it ("Send Multiple Requests Using Composite", "Composite Request Body", "Composite Response
 * Body"): up to 25 subrequests, at most 5 of them query operations (Query, QueryAll, and the Query More
 * GET of a nextRecordsUrl), run in order as the same user, each answered with its own httpStatusCode,
 * httpHeaders and body (an error body is [{errorCode, message}]); allOrNone false lets the others succeed.
 * The whole series counts as a single call toward the API limit: the server counts the POST alone.
 * This emulator takes GET subrequests (the health check's queries); each goes through the same handler
 * as the call made directly, so the faults configured per object and per call apply to it.
 */

/** One answer of the org: a status and a body, or nothing at all (a `timeout` fault). */
export type Answer = { status: number; body: string; contentType?: string; fault?: FaultKind };

export const COMPOSITE_PATH = '/composite';
export const MAX_SUBREQUESTS = 25;
export const MAX_QUERY_SUBREQUESTS = 5;

/** Headers a subrequest inherits from the composite call; documented: setting one fails the whole request with HTTP 400. */
const INHERITED_HEADERS = ['accept', 'authorization', 'content-type'];

/**
 * Faults of the org or of its front door rather than of one query (the session, the daily and the
 * concurrent limits, a 503, a body cut short, a call never answered): a real org has them answer for
 * the whole composite call, so they do here.
 */
const WHOLE_CALL: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'INVALID_SESSION_ID',
  'REQUEST_LIMIT_EXCEEDED',
  'CONCURRENT_REQUEST_LIMIT',
  '503',
  'malformed-json',
  'truncated-json',
  'timeout'
]);

/** An answer the server sends as it is (status, body, or silence), rather than as a 200 JSON body. */
export class Verbatim {
  public constructor(public readonly answer: Answer) {}
}

type Subrequest = { method?: unknown; url?: unknown; referenceId?: unknown; httpHeaders?: unknown };
type Context = {
  /** `/services/data/vXX.X`: every subrequest's url starts with it. */
  base: string;
  space: 'rest' | 'tooling';
  dispatch(method: string, url: string, headers: Record<string, string>): Promise<Answer>;
};

const refuse = (status: number, errorCode: string, message: string) =>
  new Verbatim({ status, body: JSON.stringify([{ message, errorCode }]) });

/** Query, QueryAll and Query More (GET .../query/<locator>): the operations the limit of 5 counts. */
export function isQueryOperation(path: string): boolean {
  return /\/(tooling\/)?query(All)?(\/[\w-]+)?\/?$/.test(path);
}

export async function answerComposite(payload: unknown, context: Context): Promise<unknown> {
  const { compositeRequest, allOrNone } = (payload ?? {}) as { compositeRequest?: unknown; allOrNone?: unknown };
  if (!Array.isArray(compositeRequest) || compositeRequest.length === 0)
    return refuse(400, 'JSON_PARSER_ERROR', 'The request body must hold a compositeRequest array of at least one subrequest.');
  const subrequests = compositeRequest as Subrequest[];
  // The documentation gives the limits, not the error's code: LIMIT_EXCEEDED is the API's StatusCode for a limit passed.
  if (subrequests.length > MAX_SUBREQUESTS)
    return refuse(
      400,
      'LIMIT_EXCEEDED',
      `A composite request takes up to ${MAX_SUBREQUESTS} subrequests; this one has ${subrequests.length}.`
    );
  const prefix = context.space === 'tooling' ? `${context.base}/tooling/` : `${context.base}/`;
  for (const sub of subrequests) {
    if (typeof sub?.method !== 'string' || typeof sub.url !== 'string' || typeof sub.referenceId !== 'string')
      return refuse(400, 'JSON_PARSER_ERROR', 'Each subrequest needs a method, a url and a referenceId.');
    if (!/^\w+$/.test(sub.referenceId))
      return refuse(400, 'INVALID_INPUT', `referenceId ${sub.referenceId} may hold only letters, numbers and underscores.`);
    const headers = Object.keys(sub.httpHeaders ?? {}).map((name) => name.toLowerCase());
    const inherited = headers.find((name) => INHERITED_HEADERS.includes(name));
    if (inherited) return refuse(400, 'INVALID_INPUT', `A subrequest may not set the ${inherited} header: it inherits it.`);
  }
  const queries = subrequests.filter((sub) => isQueryOperation(new URL(String(sub.url), 'http://127.0.0.1').pathname)).length;
  if (queries > MAX_QUERY_SUBREQUESTS)
    return refuse(
      400,
      'LIMIT_EXCEEDED',
      `A composite request takes up to ${MAX_QUERY_SUBREQUESTS} query operations (Query, QueryAll, Query More); this one has ${queries}.`
    );

  const compositeResponse: Array<{ body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }> = [];
  // In order, one after another, as Salesforce runs them.
  for (const sub of subrequests) {
    const url = String(sub.url);
    const referenceId = String(sub.referenceId);
    let answer: Answer;
    if (!url.startsWith(prefix))
      answer = { status: 404, body: JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]) };
    else if (sub.method !== 'GET')
      answer = {
        status: 405,
        body: JSON.stringify([{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${String(sub.method)}' not allowed.` }])
      };
    else answer = await context.dispatch('GET', url, (sub.httpHeaders ?? {}) as Record<string, string>);
    if (answer.fault && WHOLE_CALL.has(answer.fault)) {
      if (answer.fault === 'truncated-json' || answer.fault === 'malformed-json') {
        // The composite's own body is what arrives cut short.
        const whole = JSON.stringify({ compositeResponse });
        return new Verbatim({ status: 200, body: whole.slice(0, Math.max(1, Math.floor(whole.length / 2))), fault: answer.fault });
      }
      return new Verbatim(answer);
    }
    compositeResponse.push({ body: parseBody(answer.body), httpHeaders: {}, httpStatusCode: answer.status, referenceId });
  }
  if (allOrNone === true && compositeResponse.some((sub) => sub.httpStatusCode >= 400)) {
    // Documented: with allOrNone, one error makes every other subrequest answer 400.
    for (const sub of compositeResponse) {
      if (sub.httpStatusCode < 400) {
        sub.httpStatusCode = 400;
        sub.body = [
          {
            errorCode: 'PROCESSING_HALTED',
            message: 'The transaction was rolled back since another operation in the same transaction failed.'
          }
        ];
      }
    }
  }
  return { compositeResponse };
}

function parseBody(body: string): unknown {
  if (body === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
