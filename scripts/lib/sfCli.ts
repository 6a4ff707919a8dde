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

type SfJson = { status: number; result?: unknown; name?: string; message?: string; actions?: string[] };

/** Runs `sf <args> --json` and returns `.result`; an sf error becomes a ConsoleError with its actions. */
export function runSfJson(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(SF_BIN, [...args, '--json'], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    child.on('error', (error) =>
      reject(new ConsoleError('SfCliMissing', `Could not start the sf CLI: ${error.message}`, ['Run npm ci to install it.']))
    );
    child.on('close', () => {
      let parsed: SfJson;
      try {
        parsed = JSON.parse(stdout) as SfJson;
      } catch {
        reject(
          new ConsoleError('SfCliOutputError', `sf ${args[0] ?? ''} ${args[1] ?? ''} printed no JSON result.`, [
            'Run the command by hand to see its output.'
          ])
        );
        return;
      }
      if (parsed.status === 0) resolvePromise(parsed.result);
      else
        reject(
          new ConsoleError(parsed.name ?? 'SfCliError', parsed.message ?? `sf exited with status ${parsed.status}`, parsed.actions ?? [])
        );
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
  const result = (await runSfJson(
    ['org', 'login', 'access-token', '--instance-url', emulator.url, '--alias', options.alias, '--no-prompt'],
    env
  )) as {
    username: string;
    orgId: string;
  };
  return { username: result.username, orgId: result.orgId };
}
