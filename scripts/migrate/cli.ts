import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgv, textFlag, type FlagSpec } from '../lib/argv';
import { ConsoleError, exitCodeOf, formatError, UsageError } from '../lib/errors';
import { resolveFromUser } from '../lib/userCwd';
import { connectToOrg } from '../lib/orgConnection';
import { readOrgProfile } from './fromOrg';
import { migrateProfile } from './profileToPermissionSetGroup';

const SPECS: FlagSpec[] = [
  { name: 'profile', short: 'p', kind: 'string' },
  { name: 'target-org', short: 'o', kind: 'string' },
  { name: 'output-dir', short: 'r', kind: 'string' },
  { name: 'json', kind: 'boolean' },
  { name: 'help', short: 'h', kind: 'boolean' }
];

export const USAGE = `Migrate a profile to permission sets and a permission set group, plus a minimal profile.

USAGE
  npm run migrate:profile -- --profile FILE [--output-dir DIR] [--json]
  npm run migrate:profile -- --target-org ALIAS --profile NAME [--output-dir DIR] [--json]

FLAGS
  -p, --profile=FILE|NAME A retrieved profile (.profile-meta.xml or Metadata API .profile); with
                          --target-org, the profile's name in the org (System Administrator, or Admin).
  -o, --target-org=ALIAS  Read the profile from this org (an sf CLI login) through the Tooling API.
  -r, --output-dir=DIR    Where to write the deployable metadata, in source format (default: migrated).
      --json              Print {"status":0,"result":{...}} with the files written.
  -h, --help              Show this help.

Deploy the output with \`sf project deploy start --source-dir DIR\`, assign the group, then the minimal profile.`;

/** A profile's Metadata API name as a file name: characters a file name cannot hold percent-encoded, as a retrieve writes them. */
function fileNameOf(fullName: string): string {
  return fullName.replace(/[^A-Za-z0-9 _.()'-]/g, (char) => encodeURIComponent(char));
}

/** The profile to migrate: a file, or with --target-org a profile read from the org. */
async function readProfileInput(
  values: Map<string, string | true>
): Promise<{ name: string; xml: string; source: string; notes: string[] }> {
  const profile = textFlag(values, 'profile');
  const targetOrg = textFlag(values, 'target-org');
  if (!profile)
    throw new UsageError('MissingFlag', '--profile is required.', [
      'Give the profile file to migrate: --profile path/to/Admin.profile-meta.xml.',
      'Or read it from an org: --target-org ALIAS --profile "System Administrator".'
    ]);
  if (targetOrg) {
    const read = await readOrgProfile(await connectToOrg(targetOrg), targetOrg, profile);
    const notes =
      read.missingSections.length > 0
        ? [
            `Read from ${targetOrg} through the Tooling API, whose Profile metadata has no ${read.missingSections.join(', ')}: the minimal profile leaves them as they are. To move them too, retrieve the profile (sf project retrieve start --metadata "Profile:${read.fullName}") and migrate the file.`
          ]
        : [];
    return { name: fileNameOf(read.fullName), xml: read.xml, source: `${targetOrg}: Profile ${read.name}`, notes };
  }
  const file = resolveFromUser(profile);
  if (!existsSync(file))
    throw new UsageError('ProfileNotFound', `--profile ${profile} does not exist.`, [
      'Retrieve it first: sf project retrieve start --metadata Profile:NAME, or read it from the org with --target-org.'
    ]);
  return { name: basename(file).replace(/\.profile(-meta\.xml)?$/, ''), xml: readFileSync(file, 'utf8'), source: profile, notes: [] };
}

export async function main(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process
): Promise<number> {
  const json = argv.includes('--json');
  try {
    const values = parseArgv(argv, SPECS, 'npm run migrate:profile -- --help');
    if (values.has('help')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const input = await readProfileInput(values);
    const name = input.name;
    const output = migrateProfile(name, input.xml, input.source);
    output.notes.push(...input.notes);
    const dir = resolveFromUser(textFlag(values, 'output-dir') ?? 'migrated');
    const written = Object.entries(output.files).map(([path, text]) => {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      return target;
    });
    const result = {
      profile: name,
      source: input.source,
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

if (require.main === module)
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
