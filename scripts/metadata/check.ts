import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgv, textFlag } from '../lib/argv';
import { UsageError, exitCodeOf, formatError } from '../lib/errors';
import { convertSource } from './convert';
import { checkDeployRules, formatDeployProblem } from './deploy/deployRules';
import { formatProblem, validateMetadataDir } from './schema/validate';

const HELP = 'npm run metadata:check -- --help';
const USAGE = `Checks a Salesforce DX project as a deploy would: converts it with the real sf CLI, then checks every
file against the Metadata API schema (@salesforce/types) and the deploy rules beyond it.

USAGE
  npm run metadata:check -- [--project-dir DIR] [--root-dir DIR]

FLAGS
  -p, --project-dir=DIR   The project (the folder with sfdx-project.json); default: this one.
  -r, --root-dir=DIR      The source folder inside it (default force-app).
  -h, --help              Show this help.

Exit 0 when nothing is found, 1 when a problem is, 2 for a bad flag.`;

export async function main(argv: string[]): Promise<number> {
  try {
    const values = parseArgv(
      argv,
      [
        { name: 'project-dir', short: 'p', kind: 'string' },
        { name: 'root-dir', short: 'r', kind: 'string' },
        { name: 'help', short: 'h', kind: 'boolean' }
      ],
      HELP
    );
    if (values.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const project = resolve(textFlag(values, 'project-dir') ?? join(__dirname, '..', '..'));
    const rootDir = textFlag(values, 'root-dir') ?? 'force-app';
    if (!existsSync(join(project, 'sfdx-project.json')))
      throw new UsageError('InvalidFlag', `--project-dir: ${project} has no sfdx-project.json.`, [
        'Name the folder of a Salesforce DX project.'
      ]);
    if (!existsSync(join(project, rootDir)))
      throw new UsageError('InvalidFlag', `--root-dir: ${join(project, rootDir)} does not exist.`, [`Run \`${HELP}\` for the flags.`]);
    const converted = await convertSource(project, rootDir);
    try {
      const { checked, problems } = validateMetadataDir(converted.dir);
      const lines = [...problems.map(formatProblem), ...checkDeployRules(converted.dir).map(formatDeployProblem)];
      process.stdout.write(
        `${checked.length} metadata files checked; ${lines.length} problem(s).\n${lines.map((line) => `${line}\n`).join('')}`
      );
      return lines.length === 0 ? 0 : 1;
    } finally {
      converted.cleanup();
    }
  } catch (error) {
    process.stderr.write(`${formatError(error)}\n`);
    return exitCodeOf(error);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
