import { parseArgv, textFlag } from '../lib/argv';
import { ConsoleError, UsageError, exitCodeOf, formatError } from '../lib/errors';
import { checkDefinitionFile, runSetup } from './steps';

const HELP = 'npm run org:setup -- --help';
export const USAGE = `Creates a scratch org with the CRM Ownership Console: deploy, permission sets, sample data.
Idempotent: running it again reuses the org and skips what is done.

USAGE
  npm run org:setup -- --alias NAME [flags]

FLAGS
  -a, --alias=NAME              Alias of the scratch org (required).
      --duration-days=N         Days until the scratch org expires, 1-30 (default 7).
      --definition-file=FILE    Scratch org definition (default config/project-scratch-def.json).
      --no-sample-data          Skip the sample data.
      --set-default             Make the scratch org your default org.
      --json                    Print the sf-style JSON envelope {"status":0,"result":{...}}.
  -h, --help                    Show this help.

PREREQUISITE
  A Dev Hub: sf org login web --set-default-dev-hub --alias DevHub`;

export async function main(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    const values = parseArgv(
      argv,
      [
        { name: 'alias', short: 'a', kind: 'string' },
        { name: 'duration-days', kind: 'string' },
        { name: 'definition-file', kind: 'string' },
        { name: 'no-sample-data', kind: 'boolean' },
        { name: 'set-default', kind: 'boolean' },
        { name: 'json', kind: 'boolean' },
        { name: 'help', short: 'h', kind: 'boolean' }
      ],
      HELP
    );
    if (values.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const alias = textFlag(values, 'alias');
    if (!alias) throw new UsageError('InvalidFlag', '--alias is required: name the scratch org.', [`Run \`${HELP}\` for the flags.`]);
    const days = Number(textFlag(values, 'duration-days') ?? '7');
    if (!Number.isInteger(days) || days < 1 || days > 30) {
      throw new UsageError('InvalidFlag', `--duration-days: "${textFlag(values, 'duration-days')}" must be a whole number from 1 to 30.`, [
        `Run \`${HELP}\` for the flags.`
      ]);
    }
    const result = await runSetup({
      alias,
      durationDays: days,
      definitionFile: checkDefinitionFile(textFlag(values, 'definition-file') ?? 'config/project-scratch-def.json'),
      sampleData: !values.has('no-sample-data'),
      setDefault: values.has('set-default'),
      progress: (message) => process.stderr.write(`${message}\n`)
    });
    if (wantsJson) process.stdout.write(`${JSON.stringify({ status: 0, result }, null, 2)}\n`);
    else
      process.stdout.write(
        `The CRM Ownership Console is ready in ${result.alias} (${result.username}): ${result.instanceUrl}\nOpen it with: sf org open --target-org ${result.alias}\n`
      );
    return 0;
  } catch (error) {
    const status = exitCodeOf(error);
    if (wantsJson) {
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(
        `${JSON.stringify({ status, name, message, exitCode: status, actions: error instanceof ConsoleError ? error.actions : [] }, null, 2)}\n`
      );
    } else {
      process.stderr.write(`${formatError(error)}\n`);
    }
    return status;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
