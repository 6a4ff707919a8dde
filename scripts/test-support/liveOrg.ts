import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/server';
import { loginToEmulator, sfEnvFor } from '../lib/sfCli';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

export type CommandOutput = { code: number; stdout: string; stderr: string };

export type LiveOrg = {
  emulator: RunningEmulator;
  alias: string;
  stateDir: string;
  env: NodeJS.ProcessEnv;
  /** Runs a project script (e.g. scripts/health/cli.ts) as the user would, logged in to this org. */
  run(script: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CommandOutput>;
  stop(): Promise<void>;
};

export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<CommandOutput> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(TSX, [join(PROJECT_ROOT, script), ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

/** Starts the emulator, logs the real sf CLI into it with its state in a temporary folder. */
export async function startLiveOrg(options: EmulatorOptions, alias = 'emulated'): Promise<LiveOrg> {
  const emulator = await startEmulator(options);
  const stateDir = await mkdtemp(join(tmpdir(), 'console-sf-state-'));
  try {
    await loginToEmulator(emulator, { alias, stateDir });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  // Exactly what a user's run has: no timeout or retry settings in the environment.
  const env = sfEnvFor(stateDir);
  return {
    emulator,
    alias,
    stateDir,
    env,
    run: (script, args, extraEnv = {}) => runScript(script, args, { ...env, ...extraEnv }),
    stop: async () => {
      await emulator.stop();
      await rm(stateDir, { recursive: true, force: true });
    }
  };
}

/** What no output of ours may ever contain: a stack trace line. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
