import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../lib/errors';

/** The placeholder the sample data uses for "the user who runs the setup". */
export const SETUP_USER = '@setupUser';

function replaceSetupUser(value: unknown, userId: string): unknown {
  if (value === SETUP_USER) return userId;
  if (Array.isArray(value)) return value.map((item) => replaceSetupUser(item, userId));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceSetupUser(item, userId)]));
  }
  return value;
}

/**
 * Writes a copy of the sample-data plan with every owner lookup set to userId, and returns where:
 * a scratch org's only user owns everything, so each owner is a real, active user.
 */
export async function resolveSampleData(dataDir: string, userId: string): Promise<{ planPath: string; dir: string }> {
  if (!/^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(userId)) {
    throw new UsageError('InvalidUserId', `"${userId}" is not a User id.`, [
      'Pass the id of the user who runs the setup (sf org display user --json).'
    ]);
  }
  const dir = await mkdtemp(join(tmpdir(), 'ownership-sample-data-'));
  for (const file of (await readdir(dataDir)).filter((name) => name.endsWith('.json'))) {
    const text = await readFile(join(dataDir, file), 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UsageError('InvalidSampleData', `${join(dataDir, file)} is not valid JSON: ${(error as Error).message}`, [
        'Fix the file, then run the setup again.'
      ]);
    }
    await writeFile(join(dir, file), `${JSON.stringify(replaceSetupUser(parsed, userId), null, 2)}\n`);
  }
  return { planPath: join(dir, 'sample-data-plan.json'), dir };
}
