import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';

/**
 * Loopback stand-ins for the notification receivers, for the tests. Each checks what it receives
 * against the shape its service publishes and answers as the service does: Slack's incoming webhooks
 * answer 200 "ok" or 400 with an error code such as "invalid_blocks"; Teams' answer 200 "1";
 * the SMTP receiver speaks RFC 5321.
 */

export type Received = { path: string; headers: IncomingMessage['headers']; body: unknown; at: number };
export type Scripted = { status: number; headers?: Record<string, string>; body?: string };

export type WebhookReceiver = { url: string; received: Received[]; stop(): Promise<void> };

const SLACK_BLOCKS = new Set(['header', 'section', 'divider', 'context', 'actions', 'image', 'rich_text']);
const ADAPTIVE_ELEMENTS = new Set(['TextBlock', 'Container', 'ActionSet', 'FactSet', 'ColumnSet', 'Image', 'RichTextBlock', 'Table']);

type TextObject = { type?: string; text?: unknown };

/** Slack Block Kit limits: 50 blocks; section text 3,000 characters; header plain_text 150. Returns the error code. */
export function slackShapeError(body: unknown): string | undefined {
  const payload = body as { text?: unknown; blocks?: Array<{ type?: string; text?: TextObject; elements?: TextObject[] }> };
  if (typeof payload !== 'object' || payload === null) return 'invalid_payload';
  if (typeof payload.text !== 'string' && !Array.isArray(payload.blocks)) return 'no_text';
  if (payload.blocks === undefined) return undefined;
  if (!Array.isArray(payload.blocks) || payload.blocks.length > 50) return 'invalid_blocks';
  for (const block of payload.blocks) {
    if (!block || !SLACK_BLOCKS.has(String(block.type))) return 'invalid_blocks';
    if (block.type === 'header' && (block.text?.type !== 'plain_text' || String(block.text.text).length > 150)) return 'invalid_blocks';
    if (block.type === 'section') {
      if (!block.text || !['mrkdwn', 'plain_text'].includes(String(block.text.type))) return 'invalid_blocks';
      if (typeof block.text.text !== 'string' || block.text.text.length === 0 || block.text.text.length > 3000) return 'invalid_blocks';
    }
    if (block.type === 'context' && (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10))
      return 'invalid_blocks';
  }
  return undefined;
}

/** Teams incoming webhook: a message with an Adaptive Card attachment. Returns what is wrong. */
export function teamsShapeError(body: unknown): string | undefined {
  const payload = body as {
    type?: string;
    attachments?: Array<{ contentType?: string; content?: { type?: string; version?: unknown; body?: unknown } }>;
  };
  if (payload?.type !== 'message') return 'type must be "message"';
  if (!Array.isArray(payload.attachments) || payload.attachments.length === 0) return 'attachments missing';
  for (const attachment of payload.attachments) {
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive')
      return 'contentType must be application/vnd.microsoft.card.adaptive';
    const card = attachment.content;
    if (card?.type !== 'AdaptiveCard' || typeof card.version !== 'string' || !Array.isArray(card.body))
      return 'content must be an AdaptiveCard with version and body';
    const check = (elements: unknown[]): string | undefined => {
      for (const element of elements as Array<{ type?: string; text?: unknown; items?: unknown[] }>) {
        if (!ADAPTIVE_ELEMENTS.has(String(element.type))) return `unknown element ${String(element.type)}`;
        if (element.type === 'TextBlock' && typeof element.text !== 'string') return 'TextBlock without text';
        if (element.type === 'Container') {
          const inner = check(element.items ?? []);
          if (inner) return inner;
        }
      }
      return undefined;
    };
    const error = check(card.body as unknown[]);
    if (error) return error;
  }
  return undefined;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
  });
}

/**
 * A webhook receiver on 127.0.0.1. `script` answers the first requests (e.g. 429 with Retry-After);
 * after it, a request passing `validate` gets 200 with `okBody`, one failing it 400 with the error.
 */
export async function startWebhookReceiver(
  options: { validate?: (body: unknown) => string | undefined; script?: Scripted[]; okBody?: string } = {}
): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const script = [...(options.script ?? [])];
  const server = createHttpServer((request, response) => {
    void readBody(request).then((text) => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: validation will say it is not JSON.
      }
      received.push({ path: request.url ?? '', headers: request.headers, body, at: Date.now() });
      const next = script.shift();
      if (next) {
        response.writeHead(next.status, { 'Content-Type': 'text/plain', ...next.headers });
        response.end(next.body ?? '');
        return;
      }
      const error = typeof body === 'string' ? 'invalid_payload' : options.validate?.(body);
      response.writeHead(error ? 400 : 200, { 'Content-Type': 'text/plain' });
      response.end(error ?? options.okBody ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve()))
  };
}

/** A port nothing listens on: a receiver that is down. */
export async function downUrl(): Promise<string> {
  const receiver = await startWebhookReceiver();
  await receiver.stop();
  return receiver.url;
}

export type Mail = { from: string; to: string[]; data: string; user?: string };
export type SmtpReceiver = { port: number; mails: Mail[]; sessions: number; stop(): Promise<void> };

/**
 * An SMTP server on 127.0.0.1 (RFC 5321): EHLO with AUTH PLAIN LOGIN, MAIL, RCPT, DATA with
 * dot-unstuffing, RSET, QUIT; commands out of order get 503, bad credentials 535. The first
 * `busyGreetings` connections are greeted with 421 (service not available), a transient failure.
 */
export async function startSmtpReceiver(options: { user?: string; password?: string; busyGreetings?: number } = {}): Promise<SmtpReceiver> {
  const mails: Mail[] = [];
  const sockets = new Set<Socket>();
  let sessions = 0;
  let busy = options.busyGreetings ?? 0;
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    sessions += 1;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    if (busy > 0) {
      busy -= 1;
      reply('421 4.3.2 mx.test busy, try again later');
      socket.end();
      return;
    }
    reply('220 mx.test ESMTP ready');
    let greeted = false;
    let user: string | undefined;
    let authStep: 'user' | 'password' | undefined;
    let pendingUser = '';
    let from: string | undefined;
    let to: string[] = [];
    let inData = false;
    let data = '';
    let buffer = '';
    const authenticate = (name: string, password: string) => {
      if (name === options.user && password === options.password) {
        user = name;
        reply('235 2.7.0 Authentication successful');
      } else reply('535 5.7.8 Authentication credentials invalid');
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push({ from: from!, to, data: data.replace(/(^|\r\n)\.\./g, '$1.'), user });
          from = undefined;
          to = [];
          data = '';
          reply('250 2.0.0 OK queued');
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end === -1) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (authStep === 'user') {
          pendingUser = Buffer.from(line, 'base64').toString('utf8');
          authStep = 'password';
          reply('334 UGFzc3dvcmQ6');
          continue;
        }
        if (authStep === 'password') {
          authStep = undefined;
          authenticate(pendingUser, Buffer.from(line, 'base64').toString('utf8'));
          continue;
        }
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') {
          greeted = true;
          reply('250-mx.test greets you');
          reply('250-8BITMIME');
          reply('250-AUTH PLAIN LOGIN');
          reply('250 SIZE 10240000');
        } else if (!greeted) reply('503 5.5.1 EHLO first');
        else if (verb === 'AUTH') {
          const [, mechanism, initial] = line.split(' ');
          if (mechanism?.toUpperCase() === 'PLAIN' && initial) {
            const [, name, password] = Buffer.from(initial, 'base64').toString('utf8').split('\0');
            authenticate(name, password);
          } else if (mechanism?.toUpperCase() === 'LOGIN') {
            authStep = 'user';
            reply('334 VXNlcm5hbWU6');
          } else reply('504 5.5.4 Unrecognized authentication type');
        } else if (verb === 'MAIL') {
          if (options.user && !user) reply('530 5.7.0 Authentication required');
          else {
            from = /^MAIL FROM:<([^>]*)>/i.exec(line)?.[1];
            reply(from === undefined ? '501 5.5.4 Syntax: MAIL FROM:<address>' : '250 2.1.0 OK');
          }
        } else if (verb === 'RCPT') {
          const address = /^RCPT TO:<([^>]+)>/i.exec(line)?.[1];
          if (from === undefined) reply('503 5.5.1 MAIL first');
          else if (!address) reply('501 5.5.4 Syntax: RCPT TO:<address>');
          else {
            to.push(address);
            reply('250 2.1.5 OK');
          }
        } else if (verb === 'DATA') {
          if (to.length === 0) reply('503 5.5.1 RCPT first');
          else {
            inData = true;
            reply('354 End data with <CR><LF>.<CR><LF>');
          }
        } else if (verb === 'RSET') {
          from = undefined;
          to = [];
          reply('250 2.0.0 OK');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else reply('502 5.5.2 Command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    mails,
    get sessions() {
      return sessions;
    },
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}
