/**
 * The main job on a fresh machine: start the org emulator with the sample org "Acme", log the real
 * sf CLI into it, run the live health check, print the table, write the HTML report, stop.
 * The sf CLI's state for the demo lives in a temporary folder, so the user's own logins and aliases
 * are never touched.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ConsoleError, exitCodeOf, formatError } from './lib/errors';
import { loginToEmulator, sfEnvFor } from './lib/sfCli';
import { loadDataset } from './emulator/datasets';
import { startEmulator } from './emulator/server';
import { render } from './health/reporters';
import type { HealthCheckResult } from './health/result';

const PROJECT_ROOT = resolve(__dirname, '..');
const ALIAS = 'acme-demo';

type Envelope = { status: number; result?: HealthCheckResult; name?: string; message?: string; actions?: string[] };

async function runHealthCheck(env: NodeJS.ProcessEnv, htmlReport: string): Promise<Envelope> {
  const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const args = [
    join(PROJECT_ROOT, 'scripts', 'health', 'cli.ts'),
    '--target-org',
    ALIAS,
    '--format',
    'html',
    '--output',
    htmlReport,
    '--json'
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tsx, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolvePromise(JSON.parse(stdout) as Envelope);
      } catch {
        reject(
          new ConsoleError('HealthCheckOutputError', 'The health check did not print its JSON result.', [
            'Run npm run health -- --help to check the installation.'
          ])
        );
      }
    });
  });
}

export async function main(): Promise<number> {
  const reportDir = join(PROJECT_ROOT, 'reports');
  const htmlReport = join(reportDir, 'acme-health.html');
  await mkdir(reportDir, { recursive: true });
  const stateDir = await mkdtemp(join(tmpdir(), 'ownership-demo-'));
  const emulator = await startEmulator({ dataset: loadDataset('acme') });
  try {
    process.stderr.write(`Org emulator with the sample org "Acme" at ${emulator.url}\n`);
    const login = await loginToEmulator(emulator, { alias: ALIAS, stateDir });
    process.stderr.write(`sf CLI logged in as ${login.username} (alias ${ALIAS}, state in a temporary folder)\n`);

    const envelope = await runHealthCheck({ ...sfEnvFor(stateDir), FORCE_COLOR: '0' }, htmlReport);
    if (!envelope.result) {
      throw new ConsoleError(envelope.name ?? 'HealthCheckError', envelope.message ?? 'The health check failed.', envelope.actions ?? []);
    }
    process.stdout.write(`${render('table', envelope.result, { color: Boolean(process.stdout.isTTY) })}\n`);
    process.stdout.write(`\nHTML report: ${relative(process.cwd(), htmlReport)}\n`);
    return 0;
  } finally {
    await emulator.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${formatError(error)}\n`);
      process.exitCode = exitCodeOf(error);
    }
  );
}
