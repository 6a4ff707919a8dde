import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loginToEmulator, sfEnvFor } from '../lib/sfCli';
import { PROJECT_ROOT, runJsonScript } from './childJson';
import { loadDataset } from '../emulator/datasets';
import { datasetShape, liveLowerBound } from './liveBound';
import type { BenchSection } from './section';

const LATENCY_MS = 100;

type LiveRun = {
  wallMs: number;
  collectMs: number;
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

export async function runLiveBench(sizes = ['synthetic-1k', 'synthetic-20k', 'synthetic-200k']): Promise<BenchSection> {
  const rows: string[][] = [];
  const shapes: string[] = [];
  const bounds: string[] = [];
  for (const dataset of sizes) {
    process.stderr.write(`live: ${dataset} ...\n`);
    const { child, url, accessToken } = await startEmulatorProcess(dataset);
    const stateDir = await mkdtemp(join(tmpdir(), 'bench-sf-'));
    try {
      await loginToEmulator({ url, accessToken }, { alias: 'bench', stateDir });
      const loadBefore = loadavg()[0];
      const run = await runJsonScript<LiveRun>('scripts/bench/liveRun.ts', ['bench'], sfEnvFor(stateDir));
      // The bound comes from the dataset (what the rules need to read), not from the calls the run made.
      const data = loadDataset(dataset);
      const { bound: lowerBound, terms } = liveLowerBound(data);
      bounds.push(terms);
      shapes.push(`\`${dataset}\`: ${datasetShape(data)}`);
      const target = 1.1 * lowerBound + 10;
      rows.push([
        dataset.replace('synthetic-', ''),
        data.sobjects.User.length.toLocaleString('en-US'),
        data.sobjects.PermissionSetAssignment.length.toLocaleString('en-US'),
        `${run.users.toLocaleString('en-US')} / ${run.assignments.toLocaleString('en-US')}`,
        String(run.apiCalls),
        String(lowerBound),
        run.apiCalls <= target ? `yes (≤ ${Math.floor(target)})` : `NO (> ${Math.floor(target)})`,
        `${(run.wallMs / 1000).toFixed(1)} s (${(run.collectMs / 1000).toFixed(1)} / ${((run.wallMs - run.collectMs) / 1000).toFixed(1)} s)`,
        `${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)}`,
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
        'assignments',
        'read: users / assignments',
        'API calls',
        'lower bound',
        'within 1.1 × bound + 10',
        'wall time (collect / judge)',
        'machine load before / after (1 min, 2 cores)',
        'peak memory',
        'run'
      ],
      rows
    },
    notes: [
      "Each org is a seeded synthetic dataset served by the org emulator in its own process, with 100 ms added to every call; the health check runs in a separate process through a real sf CLI login, so the memory is the tool's alone.",
      ...shapes.map((shape) => `Shape of ${shape}`),
      'Read: the users and the (privileged, non-profile) assignments the collector brought into the snapshot. It reads what the rules judge: the permission fields they use, privileged assignments through a semi-join (direct-assignment counts and users per profile come from GROUP BY), dormant candidates, administrators, integration and privileged users rather than every user, the audit trail changes the rules can flag, and only the logins that have no successful MFA verification (an anti-join on VerificationHistory, GROUP BY user and kind of login; privileged users in production).',
      `Lower bound: computed from the dataset by scripts/bench/liveBound.ts, not from the run: one query for each read a rule depends on, one more for each 2,000 rows a paged read returns beyond its first page, one for each 2,000 groups a GROUP BY answers, and one Tooling \`Profile.Metadata\` query per privileged profile (the Tooling API gives a profile's metadata one record a query; the Metadata API's readMetadata takes ten a call but needs Modify Metadata, which the health check flags and its runner set does not grant); queries share Composite calls, up to five a call (Salesforce counts a composite as one call toward the API limit), REST and Tooling apart, and a page never shares a call with its own next page; the REST describes are subrequests of those calls too (25 subrequests a call); the limits call is a call of its own. For the largest org: ${bounds[bounds.length - 1] ?? ''}.`,
      "Where the calls and the time go: the queries issued together go out in Composite calls of up to five, with the REST describes issued beside them (up to 25 subrequests a call; collectors/api/orgApi.ts), four calls at a time; the operating model's reads start as soon as the governance rows are in, so their queries ride in the calls of the long paged reads; in an org of more than 40,000 active users, the privileged assignments, the privileged users and the dormant candidates are each read in up to five ranges of ProfileId balanced by the active users per profile (collectors/org/users.ts), so their pages go out side by side, five to a call, instead of in one chain whose pages never share a call (each names the next). What is left above the bound is the reads that wait for others (the assignments and users for the permission sets and profiles, a describe before its read), and the emulator's own time answering a million assignments on the same 2 cores; 'judge' is the engine running every rule on the snapshot."
    ]
  };
}
