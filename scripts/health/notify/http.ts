const MAX_ATTEMPTS = 4;
/** Longer than this and the receiver is better told "failed" than the CI job kept waiting. */
const MAX_WAIT_MS = 60_000;
const TIMEOUT_MS = 15_000;

export type PostOutcome = { ok: boolean; attempts: number; status?: number; error?: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function baseDelay(): number {
  const value = Number(process.env.CONSOLE_RETRY_DELAY_MS);
  return Number.isFinite(value) && value > 0 ? value : 1000;
}

/** Where a request went, for messages: scheme, host and port, never the path or query (a webhook's secret). */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * POSTs JSON, retrying 429 and 5xx (honouring Retry-After) and network errors with exponential
 * backoff. Other 4xx are not retried: the payload or the URL is wrong and will stay wrong.
 */
export async function postJson(url: string, body: unknown): Promise<PostOutcome> {
  const where = hostOf(url);
  let last = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let wait = baseDelay() * 2 ** (attempt - 1);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error'
      });
      const text = (await response.text()).slice(0, 200).replace(/\s+/g, ' ');
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = `${where} answered ${response.status}${text ? ` (${text})` : ''}`;
      if (response.status !== 429 && response.status < 500) return { ok: false, attempts: attempt, status: response.status, error: last };
      const after = retryAfterMs(response.headers.get('retry-after'));
      if (after !== undefined) {
        if (after > MAX_WAIT_MS)
          return {
            ok: false,
            attempts: attempt,
            status: response.status,
            error: `${last}; Retry-After ${Math.round(after / 1000)}s is too long to wait`
          };
        wait = after;
      }
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      last = `${where} could not be reached (${cause ?? (error instanceof Error ? error.name : 'error')})`;
    }
    if (attempt < MAX_ATTEMPTS) await sleep(wait);
  }
  return { ok: false, attempts: MAX_ATTEMPTS, error: `${last}; gave up after ${MAX_ATTEMPTS} attempts` };
}
