import { parseArgv, textFlag } from '../lib/argv';
import { UsageError, exitCodeOf, formatError } from '../lib/errors';
import { DATASET_NAMES, loadDataset } from './datasets';
import { startEmulator } from './server';

const HELP = 'npm run org:emulator -- --help';
export const USAGE = `Runs the org emulator: a loopback Salesforce REST and Tooling API serving a sample org.

USAGE
  npm run org:emulator -- [--port N] [--dataset NAME] [--latency MS]

FLAGS
  --port=N          Port on 127.0.0.1 (default: a free one).
  --dataset=NAME    ${DATASET_NAMES.join('|')} (default: acme).
  --latency=MS      Delay every answer by MS milliseconds.
  -h, --help        Show this help.`;

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError('InvalidFlag', `--${flag}: "${value}" must be a whole number from ${min} to ${max}.`, [
      `Run \`${HELP}\` for the flags.`
    ]);
  }
  return parsed;
}

export async function main(argv: string[]): Promise<number> {
  const values = parseArgv(
    argv,
    [
      { name: 'port', kind: 'string' },
      { name: 'dataset', kind: 'string' },
      { name: 'latency', kind: 'string' },
      { name: 'help', short: 'h', kind: 'boolean' }
    ],
    HELP
  );
  if (values.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dataset = loadDataset(textFlag(values, 'dataset') ?? 'acme');
  const emulator = await startEmulator({
    dataset,
    port: integer('port', textFlag(values, 'port'), 1, 65535),
    latencyMs: integer('latency', textFlag(values, 'latency'), 0, 60_000)
  });
  // The token is this local emulator's own, made fresh at each start: printing it is how the user logs in.
  process.stdout.write(
    [
      `Org emulator serving "${textFlag(values, 'dataset') ?? 'acme'}" at ${emulator.url} (org ${emulator.orgId}, user ${emulator.username})`,
      '',
      'Log the sf CLI into it:',
      `  SF_ACCESS_TOKEN='${emulator.accessToken}' npx sf org login access-token --instance-url ${emulator.url} --alias emulator --no-prompt`,
      'then: npm run health -- --target-org emulator',
      '',
      'Press Ctrl+C to stop.',
      ''
    ].join('\n')
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.stop();
  process.stdout.write('Org emulator stopped.\n');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${formatError(error)}\n`);
      process.exitCode = exitCodeOf(error);
    }
  );
}
