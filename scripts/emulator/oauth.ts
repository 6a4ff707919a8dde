import { createHmac, createPublicKey, createVerify, randomBytes, timingSafeEqual } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Dataset } from './types';

/**
 * The OAuth 2.0 token endpoint (/services/oauth2/token) for the two grants CI logins use, as
 * Salesforce documents them: the JWT bearer flow (`sf org login jwt`: an RS256 assertion with
 * iss = consumer key, sub = username, aud = login URL, signed with the key whose certificate the
 * connected app holds) and the refresh-token flow (`sf org login sfdx-url`). Errors are answered as
 * Salesforce does: HTTP 400 with `{"error": ..., "error_description": ...}`.
 */
export type OAuthApp = {
  /** The connected app's consumer key. */
  clientId: string;
  clientSecret?: string;
  /** The connected app's certificate (or public key), PEM, for JWT bearer assertions. */
  certificatePem?: string;
  /** Refresh tokens this app issued that are still valid. */
  refreshTokens?: string[];
};

/** Audiences Salesforce accepts for a JWT assertion: production, sandbox, or the org's own login URL. */
const AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

class OAuthFailure extends Error {
  public constructor(
    public readonly error: string,
    description: string
  ) {
    super(description);
  }
}

function base64urlJson(part: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new OAuthFailure('invalid_grant', 'invalid assertion');
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkJwt(assertion: string, app: OAuthApp, dataset: Dataset, ownUrl: string): void {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new OAuthFailure('invalid_grant', 'invalid assertion');
  const header = base64urlJson(parts[0]);
  const claims = base64urlJson(parts[1]);
  if (header.alg !== 'RS256') throw new OAuthFailure('invalid_grant', 'invalid assertion');
  if (claims.iss !== app.clientId) throw new OAuthFailure('invalid_client_id', 'client identifier invalid');
  if (!app.certificatePem) throw new OAuthFailure('invalid_grant', 'invalid assertion');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${parts[0]}.${parts[1]}`);
  if (!verifier.verify(createPublicKey(app.certificatePem), Buffer.from(parts[2], 'base64url')))
    throw new OAuthFailure('invalid_grant', 'invalid assertion');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((audience) => [...AUDIENCES, ownUrl].includes(String(audience).replace(/\/$/, ''))))
    throw new OAuthFailure('invalid_grant', 'audience is invalid');
  // exp is seconds since the epoch; sf sends Date.now() + 300 (milliseconds), which Salesforce accepts
  // as a time far ahead, so only an assertion already expired is refused.
  if (typeof claims.exp !== 'number' || claims.exp * (claims.exp > 1e11 ? 1 : 1000) < Date.now())
    throw new OAuthFailure('invalid_grant', 'expired authorization code');
  if (claims.sub !== dataset.user.username) throw new OAuthFailure('invalid_grant', "user hasn't approved this consumer");
}

function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });
}

/** Handles POST /services/oauth2/token; the emulator's server calls it before its Bearer check. */
export async function handleToken(
  request: IncomingMessage,
  response: ServerResponse,
  context: { app: OAuthApp; dataset: Dataset; accessToken: string; baseUrl: string }
): Promise<void> {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, {
      'Content-Type': 'application/json;charset=UTF-8',
      'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private'
    });
    response.end(JSON.stringify(body));
  };
  try {
    if ((request.method ?? '').toUpperCase() !== 'POST') throw new OAuthFailure('invalid_request', 'must use HTTP POST');
    const form = await readForm(request);
    const grant = form.get('grant_type');
    const { app, dataset } = context;
    if (grant === JWT_BEARER) {
      checkJwt(form.get('assertion') ?? '', app, dataset, context.baseUrl);
    } else if (grant === 'refresh_token') {
      if (form.get('client_id') !== app.clientId) throw new OAuthFailure('invalid_client_id', 'client identifier invalid');
      const secret = form.get('client_secret');
      if (secret && app.clientSecret && !sameSecret(secret, app.clientSecret))
        throw new OAuthFailure('invalid_client', 'invalid client credentials');
      const token = form.get('refresh_token') ?? '';
      if (!(app.refreshTokens ?? []).some((valid) => sameSecret(valid, token)))
        throw new OAuthFailure('invalid_grant', 'expired access/refresh token');
    } else {
      throw new OAuthFailure('unsupported_grant_type', 'grant type not supported');
    }
    const id = `${context.baseUrl}/id/${dataset.orgId}/${dataset.user.id}`;
    const issuedAt = String(Date.now());
    send(200, {
      access_token: context.accessToken,
      instance_url: context.baseUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      scope: 'api web refresh_token',
      signature: createHmac('sha256', app.clientSecret ?? randomBytes(16))
        .update(`${id}${issuedAt}`)
        .digest('base64')
    });
  } catch (error) {
    if (error instanceof OAuthFailure) send(400, { error: error.error, error_description: error.message });
    else send(500, { error: 'server_error', error_description: 'internal error' });
  }
}

/**
 * An HTTPS login host in front of the emulator's token endpoint. `sf org login sfdx-url` always logs
 * in at https://<host> (the auth URL carries no scheme); the token answer's instance_url then points
 * the CLI at the emulator's plain-HTTP API, as a real login host points it at the org's instance.
 */
export async function startTlsLoginHost(
  emulatorUrl: string,
  tls: { key: string; cert: string }
): Promise<{ url: string; host: string; stop(): Promise<void> }> {
  const server = createHttpsServer(tls, (request, response) => {
    if (!(request.url ?? '').startsWith('/services/oauth2/token')) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]));
      return;
    }
    const upstream = httpRequest(`${emulatorUrl}/services/oauth2/token`, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
