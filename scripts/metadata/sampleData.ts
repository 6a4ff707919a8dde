import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../lib/errors';

/** The placeholder the sample data uses for "the user who runs the setup". */
export const SETUP_USER = '@setupUser';
/** The prefix of a persona placeholder: `@user:itPlatformLead` names the persona of config/personas.json. */
export const PERSONA_PREFIX = '@user:';

/** User ids by placeholder key: `setupUser` and each persona key. */
export type SampleUsers = { setupUser: string } & Record<string, string>;

const USER_ID = /^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/;

/** The user key a value stands for (`setupUser`, a persona key), or undefined when it is no user placeholder. */
export function userPlaceholder(value: unknown): string | undefined {
  if (value === SETUP_USER) return 'setupUser';
  if (typeof value === 'string' && value.startsWith(PERSONA_PREFIX)) return value.slice(PERSONA_PREFIX.length);
  return undefined;
}

function replaceUsers(value: unknown, users: SampleUsers, where: string): unknown {
  const key = userPlaceholder(value);
  if (key !== undefined) {
    const id = users[key];
    if (!id)
      throw new UsageError('UnknownSampleUser', `${where}: "${String(value)}" names no user the setup knows.`, [
        `Use ${SETUP_USER} or ${PERSONA_PREFIX}<key> with a key of config/personas.json.`
      ]);
    return id;
  }
  if (Array.isArray(value)) return value.map((item) => replaceUsers(item, users, where));
  if (value && typeof value === 'object') {
    const reference = (value as { attributes?: { referenceId?: string } }).attributes?.referenceId;
    const here = reference ? `${where} (record ${reference})` : where;
    return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, replaceUsers(item, users, here)]));
  }
  return value;
}

/**
 * Writes a copy of the sample-data plan with every user placeholder replaced by that user's id, and
 * returns where: tree import cannot look users up, so the setup resolves them first, each a real,
 * active user of the scratch org.
 */
export async function resolveSampleData(dataDir: string, users: SampleUsers): Promise<{ planPath: string; dir: string }> {
  for (const [key, id] of Object.entries(users)) {
    if (!USER_ID.test(id))
      throw new UsageError('InvalidUserId', `"${id}" (${key}) is not a User id.`, [
        'Pass the id of each user (sf org display user --json, or the Id from a User query).'
      ]);
  }
  const dir = await mkdtemp(join(tmpdir(), 'ownership-sample-data-'));
  for (const file of (await readdir(dataDir)).filter((name) => name.endsWith('.json'))) {
    const path = join(dataDir, file);
    const text = await readFile(path, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UsageError('InvalidSampleData', `${path} is not valid JSON: ${(error as Error).message}`, [
        'Fix the file, then run the setup again.'
      ]);
    }
    await writeFile(join(dir, file), `${JSON.stringify(replaceUsers(parsed, users, path), null, 2)}\n`);
  }
  return { planPath: join(dir, 'sample-data-plan.json'), dir };
}
