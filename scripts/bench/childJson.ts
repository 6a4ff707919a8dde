import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Runs a project script in its own process (its own memory peak) and parses the JSON it prints last. */
export function runJsonScript<T>(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
      ['--max-old-space-size=4096', join(PROJECT_ROOT, script), ...args],
      { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] }
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolvePromise(JSON.parse(last) as T);
      } catch (error) {
        reject(new Error(`${script} failed (${(error as Error).message}): ${stdout.slice(-500)}`));
      }
    });
  });
}
