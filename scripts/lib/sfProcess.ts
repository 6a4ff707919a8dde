import { spawn } from 'node:child_process';
import { ConsoleError } from './errors';
import { SF_BIN } from './sfCli';
import { SF_QUIET_ENV } from './sfEnv';

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
 * Runs `sf <args> --json` and returns `.result`. The binary is the project's own sf CLI, or
 * CONSOLE_SF_BIN (tests put a fake there, at the process boundary).
 */
export function runSf(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<unknown> {
  const bin = process.env.CONSOLE_SF_BIN ?? SF_BIN;
  const command = args
    .filter((arg) => !arg.startsWith('-'))
    .slice(0, 3)
    .join(' ');
  return new Promise((resolve, reject) => {
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
      if (parsed.status === 0) resolve(parsed.result);
      else reject(new SfCommandError(command, parsed));
    });
  });
}
