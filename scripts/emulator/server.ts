import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { jsonText } from '../lib/json';
import { answerComposite, COMPOSITE_PATH, Verbatim, type Answer } from './composite';
import { faultResponse, FaultPlan } from './faults';
import { handleToken, type OAuthApp } from './oauth';
import { SoqlError } from './soql';
import { API_VERSION, LocatorError, OrgStore, WriteError } from './store';
import type { ApiCall, CallKind, Dataset, FaultRule, StoredRecord } from './types';

export type EmulatorOptions = {
  dataset: Dataset;
  port?: number;
  latencyMs?: number;
  faults?: FaultRule[];
  apiDailyMax?: number;
  apiUsedAtStart?: number;
  accessToken?: string;
  /** A connected app for the OAuth token endpoint (JWT bearer, refresh token): scripts/emulator/oauth.ts. */
  oauth?: OAuthApp;
};

export type CallLog = {
  log: ApiCall[];
  /** The subrequests of composite calls, which are not calls of their own toward the API limit. */
  subrequests: ApiCall[];
  byKind: Record<CallKind, number>;
  readonly total: number;
  reset(): void;
};

export type RunningEmulator = {
  url: string;
  port: number;
  accessToken: string;
  orgId: string;
  username: string;
  calls: CallLog;
  records(sobject: string): StoredRecord[];
  /** Every query run so far, with the rows it matched. */
  queries(): Array<{ space: 'rest' | 'tooling'; object: string; rows: number }>;
  setFaults(faults: FaultRule[]): void;
  setLatency(ms: number): void;
  stop(): Promise<void>;
};

const KINDS: CallKind[] = [
  'query',
  'queryMore',
  'tooling-query',
  'tooling-queryMore',
  'describe',
  'composite',
  'composite-query',
  'tooling-composite-query',
  'userinfo',
  'versions',
  'limits',
  'sobject',
  'other'
];
const MAX_COLLECTION = 200;

function callKind(method: string, path: string): CallKind {
  if (path.startsWith('/services/oauth2/userinfo')) return 'userinfo';
  if (/^\/services\/data\/?$/.test(path)) return 'versions';
  if (/\/tooling\/query\/[^/]+$/.test(path)) return 'tooling-queryMore';
  if (/\/tooling\/query\/?$/.test(path)) return 'tooling-query';
  if (/\/query(All)?\/[^/]+$/.test(path)) return 'queryMore';
  if (/\/query(All)?\/?$/.test(path)) return 'query';
  if (/\/describe\/?$/.test(path)) return 'describe';
  if (/\/tooling\/composite\/?$/.test(path)) return 'tooling-composite-query';
  if (/\/v\d+\.\d+\/composite\/?$/.test(path)) return 'composite-query';
  if (path.includes('/composite/')) return 'composite';
  if (/\/limits\/?$/.test(path)) return 'limits';
  if (path.includes('/sobjects/') && method !== 'OPTIONS') return 'sobject';
  return 'other';
}

class HttpError extends Error {
  public constructor(
    public readonly status: number,
    public readonly errorCode: string,
    message: string
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
  }
}

function describeField(object: string, name: string, space: 'rest' | 'tooling', store: OrgStore): Record<string, unknown> {
  const schema = store.fieldSchema(object, name, space);
  const sample = store.records(object, space).find((record) => record[name] !== undefined && record[name] !== null)?.[name];
  const reference = schema.type === 'reference';
  const target = reference && typeof sample === 'string' ? store.objectOf(sample) : undefined;
  return {
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    type: schema.type,
    referenceTo: target ? [target] : [],
    relationshipName: reference ? (name.endsWith('__c') ? name.replace(/__c$/, '__r') : name.replace(/Id$/, '')) : null,
    nillable: name !== 'Id' && schema.type !== 'boolean',
    custom: name.endsWith('__c'),
    externalId: /_Key__c$|Source_Ref__c$/.test(name),
    unique: /_Key__c$/.test(name),
    createable: name !== 'Id',
    updateable: name !== 'Id',
    filterable: schema.filterable,
    sortable: schema.sortable,
    groupable: schema.groupable
  };
}

/** Salesforce's limit on a request's URI plus headers; past it the org answers 414 (URI) or 431 (headers). */
export const MAX_REQUEST_HEAD_BYTES = 16_384;

function requestHeadBytes(request: IncomingMessage): { uri: number; total: number } {
  const uri = Buffer.byteLength(request.url ?? '/');
  let total = Buffer.byteLength(`${request.method ?? 'GET'} `) + uri + Buffer.byteLength(' HTTP/1.1\r\n');
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    total += Buffer.byteLength(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}\r\n`);
  }
  return { uri, total };
}

/** The object a call is about: a query's FROM, or the sObject a describe or record path names. */
export function objectOfCall(url: URL): string | undefined {
  const soql = url.searchParams.get('q');
  if (soql) return /\bFROM\s+(\w+)/i.exec(soql.replace(/\(\s*SELECT[^)]*\)/gi, ''))?.[1];
  return /\/sobjects\/(\w+)/.exec(url.pathname)?.[1];
}

/** The objects a query's semi- and anti-joins read: a fault on one of them fails the query that reads it. */
export function subqueryObjectsOf(url: URL): string[] | undefined {
  const soql = url.searchParams.get('q');
  const objects = soql ? [...soql.matchAll(/\(\s*SELECT[^)]*?\bFROM\s+(\w+)/gi)].map((match) => match[1]) : [];
  return objects.length > 0 ? objects : undefined;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const store = new OrgStore(options.dataset);
  const faults = new FaultPlan();
  faults.set(options.faults ?? []);
  let latency = options.latencyMs ?? 0;
  const accessToken = options.accessToken ?? `${options.dataset.orgId.slice(0, 15)}!${randomBytes(32).toString('hex')}`;
  const apiMax = options.apiDailyMax ?? 100_000;
  let apiUsed = options.apiUsedAtStart ?? 0;
  const calls: CallLog = {
    log: [],
    subrequests: [],
    byKind: Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<CallKind, number>,
    get total() {
      return this.log.length;
    },
    reset() {
      this.log.length = 0;
      this.subrequests.length = 0;
      for (const kind of KINDS) this.byKind[kind] = 0;
    }
  };
  const sockets = new Set<Socket>();
  const { dataset } = options;
  let baseUrl = '';

  type Incoming = { headers: Record<string, string | string[] | undefined>; body: () => Promise<string> };
  const route = async (method: string, path: string, url: URL, request: Incoming): Promise<unknown> => {
    if (path === '/__emulator/stats') {
      // For benchmarks driving the emulator from another process: what it served, not part of any Salesforce API.
      return { calls: calls.byKind, total: calls.total, queries: store.queryLog };
    }
    if (path === '/services/oauth2/userinfo') {
      return {
        sub: `${baseUrl}/id/${dataset.orgId}/${dataset.user.id}`,
        user_id: dataset.user.id,
        organization_id: dataset.orgId,
        preferred_username: dataset.user.username,
        name: dataset.user.name,
        email: dataset.user.email,
        active: true,
        user_type: 'STANDARD',
        language: 'en_US',
        locale: 'en_US',
        utcOffset: 0,
        urls: { rest: `${baseUrl}/services/data/v{version}/`, custom_domain: baseUrl }
      };
    }
    if (/^\/services\/data\/?$/.test(path)) {
      return ['64.0', '65.0', '66.0'].map((version) => ({ label: `Release ${version}`, url: `/services/data/v${version}`, version }));
    }
    const versioned = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(path);
    if (!versioned) throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const rest = (versioned[2] ?? '').replace(/\/$/, '');
    const base = `/services/data/v${versioned[1]}`;
    const tooling = rest.startsWith('/tooling');
    const space = tooling ? 'tooling' : 'rest';
    const sub = tooling ? rest.slice('/tooling'.length) : rest;

    if (sub === '') {
      return {
        sobjects: `${base}/${tooling ? 'tooling/' : ''}sobjects`,
        query: `${base}/${tooling ? 'tooling/' : ''}query`,
        limits: `${base}/limits`,
        tooling: `${base}/tooling`,
        composite: `${base}/composite`
      };
    }
    if (sub === '/limits') return { DailyApiRequests: { Max: apiMax, Remaining: Math.max(0, apiMax - apiUsed) } };
    if (sub === '/query' || sub === '/queryAll') {
      const soql = url.searchParams.get('q');
      if (!soql) throw new HttpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      if (url.searchParams.get('columns') === 'true') return store.columns(soql, space);
      const batch = /batchSize=(\d+)/.exec(String(request.headers['sforce-query-options'] ?? ''));
      const batchSize = Math.min(2000, Math.max(200, batch ? Number(batch[1]) : 2000));
      return store.query(soql, space, batchSize);
    }
    const more = /^\/query\/([\w-]+)$/.exec(sub);
    if (more) return store.queryMore(more[1], space);
    if (sub === '/sobjects') {
      return {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: store.objectNames(space).map((name) => ({
          name,
          label: name,
          custom: name.endsWith('__c'),
          queryable: true,
          urls: { describe: `${base}/sobjects/${name}/describe` }
        }))
      };
    }
    const describe = /^\/sobjects\/(\w+)\/describe$/.exec(sub);
    if (describe) {
      const object = describe[1];
      if (!store.has(space, object)) throw new HttpError(404, 'NOT_FOUND', `The requested resource does not exist`);
      const fields = [...store.fields(object, space)].map((name) => describeField(object, name, space, store));
      return { name: object, label: object, custom: object.endsWith('__c'), queryable: true, createable: true, updateable: true, fields };
    }
    if (sub.startsWith('/composite/sobjects')) return composite(method, sub, await request.body());
    if (sub === COMPOSITE_PATH && method === 'POST') {
      // Each subrequest goes through answer(), as the same call made directly would: its faults, its errors, its body.
      return answerComposite(parseJson(await request.body()), { base, space, dispatch: subrequest });
    }
    const single = /^\/sobjects\/(\w+)(?:\/(\w+))?$/.exec(sub);
    if (single && !tooling) {
      const [, object, id] = single;
      if (method === 'POST' && !id) {
        const record = store.insert(object, stripAttributes(parseJson(await request.body())));
        return { status: 201, body: { id: record.Id, success: true, errors: [] } };
      }
      if (id && method === 'GET') {
        const record = store.get(object, id);
        if (!record) throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
        return { attributes: { type: object, url: `${base}/sobjects/${object}/${id}` }, ...record };
      }
      if (id && method === 'PATCH') {
        store.update(object, id, stripAttributes(parseJson(await request.body())));
        return { status: 204 };
      }
      if (id && method === 'DELETE') {
        store.remove(object, id);
        return { status: 204 };
      }
    }
    throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
  };

  const composite = (method: string, sub: string, body: string): unknown => {
    const payload = parseJson(body) as { allOrNone?: boolean; records?: Array<Record<string, unknown>> };
    const records = payload.records ?? [];
    if (records.length > MAX_COLLECTION) {
      throw new HttpError(
        400,
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`
      );
    }
    const upsert = /^\/composite\/sobjects\/(\w+)\/(\w+)$/.exec(sub);
    return records.map((raw) => {
      const object = upsert?.[1] ?? (raw.attributes as { type?: string } | undefined)?.type ?? '';
      const fields = stripAttributes(raw);
      try {
        if (upsert && method === 'PATCH') {
          const { record, created } = store.upsert(object, upsert[2], fields);
          return { id: record.Id, success: true, errors: [], created };
        }
        if (method === 'POST') return { id: store.insert(object, fields).Id, success: true, errors: [] };
        if (method === 'PATCH') {
          const id = jsonText(raw.Id);
          delete fields.Id;
          return { id: store.update(object, id, fields).Id, success: true, errors: [] };
        }
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed.`);
      } catch (error) {
        if (error instanceof WriteError)
          return { success: false, errors: [{ statusCode: error.errorCode, message: error.message, fields: [] }] };
        throw error;
      }
    });
  };

  /**
   * How the org answers one call once it is past the front door and authenticated: a configured fault,
   * or the route's answer, or its error as Salesforce shapes it. Composite subrequests come through here too.
   */
  const answer = async (call: ApiCall, url: URL, request: Incoming): Promise<Answer> => {
    const fault = faults.next(call);
    if (fault === 'timeout') return { status: 0, body: '', fault }; // Accept and never answer: the client's timeout must act.
    if (fault && fault !== 'truncated-json') return { ...faultResponse(fault), fault };
    try {
      const result = await route(call.method, url.pathname, url, request);
      if (result instanceof Verbatim) return result.answer;
      const envelope = result as { status?: number; body?: unknown };
      if (
        envelope &&
        typeof envelope === 'object' &&
        !Array.isArray(envelope) &&
        typeof envelope.status === 'number' &&
        Object.keys(envelope).every((key) => key === 'status' || key === 'body')
      ) {
        return { status: envelope.status, body: envelope.status === 204 ? '' : JSON.stringify(envelope.body) };
      }
      const body = JSON.stringify(result);
      return fault === 'truncated-json'
        ? { status: 200, body: body.slice(0, Math.max(1, Math.floor(body.length / 2))), fault }
        : { status: 200, body };
    } catch (error) {
      const json = (status: number, errorCode: string, message: string): Answer => ({
        status,
        body: JSON.stringify([{ message, errorCode }])
      });
      if (error instanceof HttpError) return json(error.status, error.errorCode, error.message);
      if (error instanceof SoqlError || error instanceof LocatorError || error instanceof WriteError)
        return json(400, error.errorCode, error.message);
      return json(500, 'UNKNOWN_EXCEPTION', error instanceof Error ? error.message : String(error));
    }
  };

  /** A composite's subrequest: logged apart (it is no call toward the limit of its own) and answered by answer(). */
  const subrequest = (method: string, target: string, headers: Record<string, string>): Promise<Answer> => {
    const url = new URL(target.replace(/\/{2,}/g, '/'), 'http://127.0.0.1');
    const call: ApiCall = {
      method,
      path: url.pathname,
      kind: callKind(method, url.pathname),
      object: objectOfCall(url),
      subqueryObjects: subqueryObjectsOf(url),
      soql: url.searchParams.get('q') ?? undefined
    };
    calls.subrequests.push(call);
    const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    return answer(call, url, { headers: lower, body: () => Promise.resolve('') });
  };

  // Node's own header limit (16 KiB) would answer first; the emulator applies Salesforce's above.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (request, response) => {
    const method = (request.method ?? 'GET').toUpperCase();
    // Clients join an instance URL ending in "/" with "/services/...": collapse the "//" as Salesforce does.
    const url = new URL((request.url ?? '/').replace(/\/{2,}/g, '/'), 'http://127.0.0.1');
    const call: ApiCall = {
      method,
      path: url.pathname,
      kind: callKind(method, url.pathname),
      object: objectOfCall(url),
      subqueryObjects: subqueryObjectsOf(url),
      soql: url.searchParams.get('q') ?? undefined
    };
    calls.log.push(call);
    calls.byKind[call.kind] += 1;
    apiUsed += 1;

    const send = (status: number, body: string, contentType = 'application/json;charset=UTF-8'): void => {
      setTimeout(() => {
        const headers = { 'Sforce-Limit-Info': `api-usage=${apiUsed}/${apiMax}` };
        response.writeHead(status, status === 204 ? headers : { 'Content-Type': contentType, ...headers });
        response.end(status === 204 ? undefined : body);
      }, latency);
    };
    const sendError = (status: number, errorCode: string, message: string): void => send(status, JSON.stringify([{ message, errorCode }]));

    if (options.oauth && url.pathname === '/services/oauth2/token') {
      void handleToken(request, response, { app: options.oauth, dataset, accessToken, baseUrl });
      return;
    }
    const head = requestHeadBytes(request);
    if (head.total > MAX_REQUEST_HEAD_BYTES) {
      // Salesforce's front door answers before the API sees the call: a bare HTTP error, no JSON body.
      const [status, text] = head.uri > MAX_REQUEST_HEAD_BYTES ? [414, 'URI Too Long'] : [431, 'Request Header Fields Too Large'];
      send(status, `<html><body><h1>${status} ${text}</h1></body></html>`, 'text/html');
      return;
    }
    if (request.headers.authorization !== `Bearer ${accessToken}`) {
      sendError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      return;
    }
    void answer(call, url, { headers: request.headers, body: () => readBody(request) }).then((answered) => {
      if (answered.fault === 'timeout') return;
      send(answered.status, answered.body, answered.contentType);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    accessToken,
    orgId: dataset.orgId,
    username: dataset.user.username,
    calls,
    // The caller may change what it is handed, so no semi-join answer outlives it.
    records: (sobject) => {
      store.forgetSemiJoins();
      return store.records(sobject);
    },
    queries: () => [...store.queryLog],
    setFaults: (next) => faults.set(next),
    setLatency: (ms) => {
      latency = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}

function stripAttributes(raw: unknown): Record<string, unknown> {
  const { attributes: _attributes, ...fields } = (raw ?? {}) as Record<string, unknown>;
  return fields;
}

export { API_VERSION };
