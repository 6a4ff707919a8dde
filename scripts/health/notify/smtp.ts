import { randomBytes } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

export type SmtpConfig = {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
};

export type MailMessage = { to: string[]; subject: string; text: string };

export class SmtpError extends Error {
  public constructor(
    message: string,
    public readonly code?: number
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

const TIMEOUT_MS = 20_000;

/** A reply: its code and its lines (multi-line replies use "250-" until the last "250 "), RFC 5321 §4.2. */
type Reply = { code: number; lines: string[] };

class Session {
  private buffer = '';
  private waiting?: { resolve: (reply: Reply) => void; reject: (error: Error) => void };
  private pending: string[] = [];
  private failure?: Error;

  public constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.setTimeout(TIMEOUT_MS, () => this.fail(new SmtpError('the SMTP server stopped answering')));
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.fail(new SmtpError(`the SMTP connection failed (${error.code ?? error.message})`))
    );
    socket.on('close', () => this.fail(new SmtpError('the SMTP server closed the connection')));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(this.failure);
    this.waiting = undefined;
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\r\n')) !== -1) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.pending.push(line);
      if (/^\d{3}(?: |$)/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), lines: this.pending.map((text) => text.slice(4)) };
        this.pending = [];
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.resolve(reply);
      }
    }
  }

  public read(): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Sends a command and checks the reply's code; `shown` stands in for the command in errors (AUTH). */
  public async command(line: string, expect: number[], shown = line): Promise<Reply> {
    const reply = this.read();
    this.socket.write(`${line}\r\n`);
    const answer = await reply;
    if (!expect.includes(answer.code))
      throw new SmtpError(
        `${shown === line ? line.split(' ')[0] : shown} was refused: ${answer.code} ${answer.lines.join(' ')}`,
        answer.code
      );
    return answer;
  }

  public async upgrade(host: string): Promise<void> {
    this.socket.removeAllListeners('data').removeAllListeners('close').removeAllListeners('error');
    const secured = tlsConnect({ socket: this.socket, servername: host });
    await new Promise<void>((resolve, reject) => {
      secured.once('secureConnect', () => resolve());
      secured.once('error', reject);
    });
    this.socket = secured;
    this.attach(secured);
  }

  public end(): void {
    this.socket.removeAllListeners('close');
    this.socket.end();
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** RFC 2047 encoded-word for a header that is not plain ASCII. */
function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function address(text: string): string {
  const match = /<([^>]+)>/.exec(text);
  return (match ? match[1] : text).trim();
}

/** The message (RFC 5322) with a base64 body, so no line is too long and no 8BITMIME is needed. */
export function formatMessage(config: SmtpConfig, message: MailMessage, now = new Date()): string {
  const domain = address(config.from).split('@')[1] ?? 'localhost';
  const body = Buffer.from(message.text.replace(/\r?\n/g, '\r\n'), 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${config.from}`,
    `To: ${message.to.join(', ')}`,
    `Subject: ${headerText(message.subject)}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body
  ].join('\r\n');
}

/**
 * Sends one message over SMTP (RFC 5321): greeting, EHLO, STARTTLS when offered, AUTH PLAIN or
 * LOGIN when credentials are given, MAIL FROM, RCPT TO each, DATA, QUIT. Credentials are only ever
 * sent over TLS or to a loopback server.
 */
export async function sendMail(config: SmtpConfig, message: MailMessage): Promise<void> {
  const socket = config.secure
    ? tlsConnect({ host: config.host, port: config.port, servername: config.host })
    : netConnect({ host: config.host, port: config.port });
  const session = new Session(socket);
  try {
    const greeting = await session.read();
    if (greeting.code !== 220)
      throw new SmtpError(`the SMTP server refused the connection: ${greeting.code} ${greeting.lines.join(' ')}`, greeting.code);
    const me = hostname() || 'localhost';
    let ehlo = await session.command(`EHLO ${me}`, [250]);
    let secure = config.secure;
    if (!secure && ehlo.lines.some((line) => /^STARTTLS\b/i.test(line))) {
      await session.command('STARTTLS', [220]);
      await session.upgrade(config.host);
      secure = true;
      ehlo = await session.command(`EHLO ${me}`, [250]);
    }
    if (config.user) {
      if (!secure && !isLoopback(config.host))
        throw new SmtpError(
          `${config.host} offers no TLS: the password is not sent in clear text. Use port 465 (CONSOLE_SMTP_SECURE=true) or a server with STARTTLS.`
        );
      const auth = ehlo.lines.find((line) => /^AUTH\b/i.test(line)) ?? '';
      const password = config.password ?? '';
      if (/\bPLAIN\b/i.test(auth) || !/\bLOGIN\b/i.test(auth)) {
        const token = Buffer.from(`\0${config.user}\0${password}`, 'utf8').toString('base64');
        await session.command(`AUTH PLAIN ${token}`, [235], 'AUTH PLAIN');
      } else {
        await session.command('AUTH LOGIN', [334]);
        await session.command(Buffer.from(config.user).toString('base64'), [334], 'AUTH LOGIN user');
        await session.command(Buffer.from(password).toString('base64'), [235], 'AUTH LOGIN password');
      }
    }
    await session.command(`MAIL FROM:<${address(config.from)}>`, [250]);
    for (const to of message.to) await session.command(`RCPT TO:<${address(to)}>`, [250, 251]);
    await session.command('DATA', [354]);
    // Dot-stuffing (RFC 5321 §4.5.2): a line that starts with "." gets another.
    const data = formatMessage(config, message).replace(/(^|\r\n)\./g, '$1..');
    await session.command(`${data}\r\n.`, [250], 'DATA');
    await session.command('QUIT', [221]).catch(() => undefined);
  } finally {
    session.end();
  }
}
