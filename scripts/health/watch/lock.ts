import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleError } from '../../lib/errors';

/** A lock older than this is left over from a run that died without releasing it. */
const STALE_MS = 30 * 60_000;

type Holder = { pid: number; host: string; since: string; org: string };

export class PushLockedError extends ConsoleError {
  public constructor(org: string, holder: Holder | undefined, file: string) {
    super(
      'PushLocked',
      `Another health check is pushing into org ${org}${holder ? ` (process ${holder.pid} on ${holder.host}, since ${holder.since})` : ''}: this run did not push.`,
      [
        'Let the other run finish, then run with --push again: pushes are idempotent.',
        `If no other run is active, remove the stale lock ${file}.`,
        'In CI, serialise scheduled runs too: GitHub `concurrency:`, GitLab `resource_group:` (see the recipes).'
      ]
    );
  }
}

export function lockDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CONSOLE_LOCK_DIR || join(tmpdir(), 'crm-ownership-console-locks');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/** Dead on this host, or too old anywhere: a run that will never release it. */
function stale(holder: Holder | undefined): boolean {
  if (!holder) return false;
  if (holder.host === hostname() && !alive(holder.pid)) return true;
  return Date.now() - Date.parse(holder.since) > STALE_MS;
}

function tryCreate(file: string, holder: Holder): boolean {
  try {
    // O_EXCL: exactly one process creates the file; everyone else gets EEXIST.
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, JSON.stringify(holder));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the push lock of an org (one file per org id, created exclusively), waiting up to waitMs for
 * another run to release it. Returns the release function.
 */
export async function acquirePushLock(org: string, options: { dir?: string; waitMs?: number } = {}): Promise<() => void> {
  const dir = options.dir ?? lockDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${org.replace(/[^\w-]/g, '_')}.push.lock`);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), org };
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    if (tryCreate(file, me)) return () => rmSync(file, { force: true });
    const holder = readHolder(file);
    if (stale(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new PushLockedError(org, holder, file);
    await sleep(500);
  }
}

/** CONSOLE_LOCK_WAIT_SECONDS: how long a run waits for another's push (default 5 minutes). */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.CONSOLE_LOCK_WAIT_SECONDS);
  return Number.isFinite(seconds) && seconds >= 0 && env.CONSOLE_LOCK_WAIT_SECONDS !== '' && env.CONSOLE_LOCK_WAIT_SECONDS !== undefined
    ? seconds * 1000
    : 5 * 60_000;
}
