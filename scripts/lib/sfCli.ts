import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConsoleError } from './errors';
import { SF_QUIET_ENV } from './sfEnv';

const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const SF_BIN = join(PROJECT_ROOT, 'node_modules', '.bin', 'sf');

/**
 * Environment for an sf CLI whose whole state (logins, aliases, config, logs) lives in stateDir:
 * the CLI and @salesforce/core keep it under the home folder, so the user's own logins stay untouched.
 */
export function sfEnvFor(stateDir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  mkdirSync(stateDir, { recursive: true });
  return {
    ...base,
    ...SF_QUIET_ENV,
    HOME: stateDir,
    USERPROFILE: stateDir,
    XDG_CONFIG_HOME: join(stateDir, '.config'),
    XDG_DATA_HOME: join(stateDir, '.local', 'share'),
    XDG_CACHE_HOME: join(stateDir, '.cache'),
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_LOG_LEVEL: 'fatal'
  };
}

/** The sf error JSON: `{"status":1,"name":"...","message":"...","actions":[...]}`. */
export type SfFailure = { status: number; name?: string; message?: string; actions?: string[]; data?: unknown; result?: unknown };

export class SfCommandError extends ConsoleError {
  public constructor(
    public readonly command: string,
    public readonly failure: SfFailure
  ) {
    super(failure.name ?? 'SfCommandError', failure.message ?? `sf ${command} failed with status ${failure.status}`, failure.actions ?? []);
  }
}

/**
 * The one way we run the sf CLI: `sf <args> --json`, returning `.result`; an sf error becomes an
 * SfCommandError with its name, message and actions. The binary is the project's own sf CLI, or
 * CONSOLE_SF_BIN (tests put a fake there, at the process boundary). `env` adds to (or, with
 * sfEnvFor, replaces the state folders of) the caller's environment.
 */
export function runSf(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<unknown> {
  const bin = process.env.CONSOLE_SF_BIN ?? SF_BIN;
  const command = args
    .filter((arg) => !arg.startsWith('-'))
    .slice(0, 3)
    .join(' ');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, [...args, '--json'], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, ...SF_QUIET_ENV },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    child.on('error', (error) =>
      reject(new ConsoleError('SfCliMissing', `Could not start the sf CLI (${bin}): ${error.message}`, ['Run npm ci to install it.']))
    );
    child.on('close', () => {
      let parsed: SfFailure;
      try {
        parsed = JSON.parse(stdout) as SfFailure;
      } catch {
        reject(
          new ConsoleError('SfCliOutputError', `sf ${command} printed no JSON result.`, [
            `Run npx sf ${args.join(' ')} by hand to see its output.`
          ])
        );
        return;
      }
      if (parsed.status === 0) resolvePromise(parsed.result);
      else reject(new SfCommandError(command, parsed));
    });
  });
}

export type EmulatorLogin = { username: string; orgId: string };

/**
 * Logs the real sf CLI into the org emulator. The token travels in SF_ACCESS_TOKEN, never in argv,
 * so it shows in no process list.
 */
export async function loginToEmulator(
  emulator: { url: string; accessToken: string },
  options: { alias: string; stateDir: string }
): Promise<EmulatorLogin> {
  const env = { ...sfEnvFor(options.stateDir), SF_ACCESS_TOKEN: emulator.accessToken };
  const result = (await runSf(['org', 'login', 'access-token', '--instance-url', emulator.url, '--alias', options.alias, '--no-prompt'], {
    env
  })) as {
    username: string;
    orgId: string;
  };
  return { username: result.username, orgId: result.orgId };
}
