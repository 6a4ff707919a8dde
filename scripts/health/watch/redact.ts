/**
 * Redaction of secrets from everything the health check writes: stdout, stderr, report files, the
 * kept history and notifications. Two nets: the values of the secrets this process was given (by
 * environment variable name), and the shapes secrets take wherever they come from (a token pasted
 * into a record, a suppression reason, a metadata file).
 */

export const REDACTED = '[redacted]';

/** Environment variables whose values are secrets (the CI recipes and the sf CLI use these names). */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|JWT_KEY|AUTH_URL|SFDX_URL|WEBHOOK|API_KEY|CREDENTIAL/i;

/** Shapes of secrets, with what stays visible (the part before the secret). */
const SHAPES: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  // A Salesforce session id or access token: the org id, "!", the token.
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{16,}/g, REDACTED],
  // An sfdx auth URL: force://clientId:secret:refreshToken@host.
  [/force:\/\/[^\s"'@<>]+@/g, `force://${REDACTED}@`],
  // A Salesforce refresh token.
  [/\b5Aep8[A-Za-z0-9._]{20,}/g, REDACTED],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{16,}/gi, `$1${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Webhook URLs carry their secret in the path or the signature.
  [/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[^\s"'<>|)]+/g, `$1${REDACTED}`],
  [/(\.webhook\.office\.com\/webhookb2\/)[^\s"'<>|)]+/g, `$1${REDACTED}`],
  [/([?&](?:sig|signature|token|access_token|key)=)[^&\s"'<>|)]+/gi, `$1${REDACTED}`],
  // user:password@ in any URL.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"'<>]+:[^/\s@"'<>]+@/gi, `$1${REDACTED}@`]
];

export type Redactor = (text: string) => string;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The secret values given to this process, longest first (so a value containing another goes whole). */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || !SECRET_NAME.test(name) || value.length < 6) continue;
    values.add(value);
    // A multi-line secret (a PEM key) may be printed a line at a time.
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 16) values.add(line.trim());
  }
  return [...values].sort((a, b) => b.length - a.length);
}

export function createRedactor(env: NodeJS.ProcessEnv = process.env): Redactor {
  const values = secretValues(env);
  // JSON output escapes some characters: match each value as written and as JSON writes it.
  const literal = values
    .flatMap((value) => [value, JSON.stringify(value).slice(1, -1)])
    .filter((value, i, all) => all.indexOf(value) === i);
  const byValue = literal.length > 0 ? new RegExp(literal.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text: string) => {
    let out = byValue ? text.replace(byValue, REDACTED) : text;
    for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}

/** A stream whose every write passes through the redactor first. */
export function redactingStream<T extends NodeJS.WritableStream>(stream: T, redact: Redactor): T {
  return Object.assign(Object.create(stream) as T, {
    write: (chunk: string | Uint8Array, ...rest: unknown[]) =>
      (stream.write as (chunk: string, ...rest: unknown[]) => boolean)(
        redact(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
        ...rest
      )
  });
}
