/**
 * The harness server on loopback: the built console, the SLDS assets, and the endpoints the harness's
 * platform modules call (GraphQL, record writes, picklist values), answered from a RecordStore.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { GraphqlResolver, GraphqlSyntaxError } from './graphql';
import { RecordStore, RecordWriteError, type StoreOptions, type Value } from './store';
import { SLDS_ASSETS } from './build';
import { picklistValues } from '../metadata/metadataModel';

const HARNESS_HTML = join(__dirname, 'harness', 'index.html');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png'
};

export type HarnessServer = { url: string; store: RecordStore; close: () => Promise<void>; reset: (options?: StoreOptions) => void };

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The UI API record representation of a saved record: `{ id, apiName, fields: { F: { value } } }`. */
function recordRepresentation(store: RecordStore, object: string, id: string): unknown {
  const record = store.view(object, store.get(object, id)!);
  return {
    id,
    apiName: object,
    fields: Object.fromEntries(Object.entries(record).map(([key, value]) => [key, { value, displayValue: null }]))
  };
}

/** Serves `buildDir` (app.js) on 127.0.0.1; port 0 picks a free one. */
export async function startHarnessServer(buildDir: string, options: StoreOptions & { port?: number } = {}): Promise<HarnessServer> {
  let store = new RecordStore(options);
  let resolver = new GraphqlResolver(store);
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path === '/' || path === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      // @salesforce/customPermission imports read these: the user's permissions as of this page load.
      const permissions = `<script>window.__harnessPermissions = ${JSON.stringify([...store.permissions])};</script>`;
      response.end(
        (await readFile(HARNESS_HTML, 'utf8')).replace(
          '<script src="/app.js"></script>',
          `${permissions}\n    <script src="/app.js"></script>`
        )
      );
      return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    if (path === '/app.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      response.end(await readFile(join(buildDir, 'app.js')));
      return;
    }
    if (path.startsWith('/assets/')) {
      const file = normalize(join(SLDS_ASSETS, path.slice('/assets/'.length)));
      if (!file.startsWith(SLDS_ASSETS)) return send(response, 404, { message: 'not found' });
      try {
        const content = await readFile(file);
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
        response.end(content);
      } catch {
        send(response, 404, { message: `not found: ${path}` });
      }
      return;
    }
    if (path === '/__harness/graphql' && request.method === 'POST') {
      const body = await readBody(request);
      try {
        send(response, 200, resolver.execute(String(body.query), (body.variables as Record<string, unknown>) ?? {}));
      } catch (error) {
        if (error instanceof GraphqlSyntaxError) return send(response, 200, { data: null, errors: [{ message: error.message }] });
        throw error;
      }
      return;
    }
    const picklist = /^\/__harness\/picklists\/(\w+)\/(\w+)$/.exec(path);
    if (picklist) {
      const field = store.field(picklist[1], picklist[2]);
      if (!field || field.type !== 'Picklist')
        return send(response, 404, { message: `${picklist[1]}.${picklist[2]} is not a picklist field` });
      return send(response, 200, {
        defaultValue: null,
        controllerValues: {},
        values: picklistValues(field).map((value) => ({ label: value, value }))
      });
    }
    const recordPath = /^\/__harness\/records(?:\/(\w+))?$/.exec(path);
    if (recordPath) {
      try {
        if (request.method === 'POST' && !recordPath[1]) {
          const body = (await readBody(request)) as { apiName: string; fields: Record<string, Value> };
          const saved = store.write(body.apiName, body.fields);
          return send(response, 201, recordRepresentation(store, body.apiName, saved.Id));
        }
        const id = recordPath[1];
        const object = id ? store.objectOf(id) : undefined;
        if (!id || !object)
          return send(response, 404, { message: `The requested resource does not exist: ${id}`, output: { errors: [], fieldErrors: {} } });
        if (request.method === 'PATCH') {
          const body = (await readBody(request)) as { fields: Record<string, Value> };
          store.write(object, body.fields, id);
          return send(response, 200, recordRepresentation(store, object, id));
        }
        if (request.method === 'DELETE') {
          store.delete(id);
          return send(response, 200, {});
        }
      } catch (error) {
        if (error instanceof RecordWriteError) return send(response, 400, error.body);
        throw error;
      }
    }
    if (path === '/__harness/reset' && request.method === 'POST') {
      const body = (await readBody(request)) as StoreOptions;
      reset({ ...options, ...body });
      return send(response, 200, {});
    }
    send(response, 404, { message: `not found: ${path}` });
  };
  const reset = (next: StoreOptions = options) => {
    store = new RecordStore(next);
    resolver = new GraphqlResolver(store);
    server.store = store;
  };
  const http: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      send(response, 500, { message: error instanceof Error ? error.message : String(error) })
    );
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const server: HarnessServer = {
    url: `http://127.0.0.1:${port}/`,
    store,
    reset,
    close: () => new Promise<void>((resolve) => http.close(() => resolve()))
  };
  return server;
}
