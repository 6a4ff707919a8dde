import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgv, textFlag, type FlagSpec } from '../lib/argv';
import { ConsoleError, exitCodeOf, formatError, UsageError } from '../lib/errors';
import { migrateProfile } from './profileToPermissionSetGroup';

const SPECS: FlagSpec[] = [
  { name: 'profile', short: 'p', kind: 'string' },
  { name: 'output-dir', short: 'r', kind: 'string' },
  { name: 'json', kind: 'boolean' },
  { name: 'help', short: 'h', kind: 'boolean' }
];

export const USAGE = `Migrate a profile to permission sets and a permission set group, plus a minimal profile.

USAGE
  npm run migrate:profile -- --profile FILE [--output-dir DIR] [--json]

FLAGS
  -p, --profile=FILE      A retrieved profile (.profile-meta.xml or Metadata API .profile).
  -r, --output-dir=DIR    Where to write the deployable metadata, in source format (default: migrated).
      --json              Print {"status":0,"result":{...}} with the files written.
  -h, --help              Show this help.

Deploy the output with \`sf project deploy start --source-dir DIR\`, assign the group, then the minimal profile.`;

export function main(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process): number {
  const json = argv.includes('--json');
  try {
    const values = parseArgv(argv, SPECS, 'npm run migrate:profile -- --help');
    if (values.has('help')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const file = textFlag(values, 'profile');
    if (!file)
      throw new UsageError('MissingFlag', '--profile is required.', [
        'Give the profile file to migrate: --profile path/to/Admin.profile-meta.xml.'
      ]);
    if (!existsSync(file))
      throw new UsageError('ProfileNotFound', `--profile ${file} does not exist.`, [
        'Retrieve it first: sf project retrieve start --metadata Profile:NAME.'
      ]);
    const name = basename(file).replace(/\.profile(-meta\.xml)?$/, '');
    const output = migrateProfile(name, readFileSync(file, 'utf8'), file);
    const dir = textFlag(values, 'output-dir') ?? 'migrated';
    const written = Object.entries(output.files).map(([path, text]) => {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      return target;
    });
    const result = {
      profile: name,
      permissionSets: output.permissionSets,
      permissionSetGroup: output.group,
      files: written,
      notes: output.notes
    };
    if (json) io.stdout.write(`${JSON.stringify({ status: 0, result }, null, 2)}\n`);
    else {
      io.stdout.write(
        `Migrated ${name}: ${output.permissionSets.length} permission sets in group ${output.group}, and a minimal profile.\n`
      );
      for (const target of written) io.stdout.write(`  ${target}\n`);
      for (const note of output.notes) io.stdout.write(`Note: ${note}\n`);
    }
    return 0;
  } catch (error) {
    const status = exitCodeOf(error);
    if (json) {
      const envelope = {
        status,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
        actions: error instanceof ConsoleError ? error.actions : []
      };
      io.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`);
    } else io.stderr.write(`${formatError(error)}\n`);
    return status;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
