import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loginToEmulator, sfEnvFor } from '../lib/sfCli';
import { PROJECT_ROOT, runJsonScript } from './childJson';
import type { BenchSection } from './section';

const BATCH = 2000;
const LATENCY_MS = 100;

type Stats = { calls: Record<string, number>; total: number; queries: Array<{ object: string; rows: number }> };
type LiveRun = {
  wallMs: number;
  maxRssMb: number;
  apiCalls: number;
  users: number;
  assignments: number;
  findings: number;
  partial: string | null;
};

/** Starts the emulator CLI in its own process and reads its URL and token from what it prints. */
function startEmulatorProcess(dataset: string): Promise<{ child: ChildProcess; url: string; accessToken: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
      ['--max-old-space-size=6144', join(PROJECT_ROOT, 'scripts/emulator/cli.ts'), '--dataset', dataset, '--latency', String(LATENCY_MS)],
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'inherit']
      }
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const token = /SF_ACCESS_TOKEN='([^']+)'/.exec(output);
      const url = /--instance-url (\S+)/.exec(output);
      if (token && url) resolve({ child, url: url[1], accessToken: token[1] });
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}) before it started: ${output}`)));
  });
}

async function stats(url: string, token: string): Promise<Stats> {
  const response = await fetch(`${url}/__emulator/stats`, { headers: { Authorization: `Bearer ${token}` } });
  return (await response.json()) as Stats;
}

export async function runLiveBench(sizes = ['synthetic-1k', 'synthetic-20k', 'synthetic-200k']): Promise<BenchSection> {
  const rows: string[][] = [];
  for (const dataset of sizes) {
    process.stderr.write(`live: ${dataset} ...\n`);
    const { child, url, accessToken } = await startEmulatorProcess(dataset);
    const stateDir = await mkdtemp(join(tmpdir(), 'bench-sf-'));
    try {
      await loginToEmulator({ url, accessToken }, { alias: 'bench', stateDir });
      const before = await stats(url, accessToken);
      const run = await runJsonScript<LiveRun>('scripts/bench/liveRun.ts', ['bench'], sfEnvFor(stateDir));
      const after = await stats(url, accessToken);
      const queries = after.queries.slice(before.queries.length);
      const describes = (after.calls.describe ?? 0) - (before.calls.describe ?? 0);
      const lowerBound = queries.reduce((sum, query) => sum + Math.max(1, Math.ceil(query.rows / BATCH)), 0) + describes;
      const target = 1.1 * lowerBound + 10;
      rows.push([
        dataset.replace('synthetic-', ''),
        run.users.toLocaleString('en-US'),
        run.assignments.toLocaleString('en-US'),
        String(run.apiCalls),
        String(lowerBound),
        run.apiCalls <= target ? `yes (≤ ${Math.floor(target)})` : `NO (> ${Math.floor(target)})`,
        `${(run.wallMs / 1000).toFixed(1)} s`,
        `${Math.round(run.maxRssMb)} MB`,
        run.partial ?? 'complete'
      ]);
    } finally {
      child.kill('SIGTERM');
      await rm(stateDir, { recursive: true, force: true });
    }
  }
  return {
    title: `Live collection at ${LATENCY_MS} ms a call`,
    table: {
      header: [
        'org',
        'users',
        'assignments (active, non-profile)',
        'API calls',
        'lower bound',
        'within 1.1 × bound + 10',
        'wall time',
        'peak memory',
        'run'
      ],
      rows
    },
    notes: [
      "Each org is a seeded synthetic dataset served by the org emulator in its own process, with 100 ms added to every call; the health check runs in a separate process through a real sf CLI login, so the memory is the tool's alone.",
      'Lower bound: the sum over the queries the run made of ceil(rows / 2000) (one call at least), plus the describes, counted by the emulator. The extra call is the limits call that reads the API budget before the first query. One query per privileged profile reads its login IP ranges and hours from Tooling `Profile.Metadata`, which the Tooling API gives one record a query, so each counts one call in the bound.',
      "Where the time goes: the permission set assignment query dominates (1,000,000 rows are 500 pages that must be read one after another, since each page names the next); the other queries run beside it, four at a time, so the wall time is close to that one chain of pages × (latency + the page's transfer and parse)."
    ]
  };
}
