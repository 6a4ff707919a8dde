import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { collectMetadataSnapshot } from '../../health/collectors/metadata';
import { writeBackupShapedMetadata, writeSyntheticMetadata } from '../syntheticMetadata';

describe('synthetic metadata folders', () => {
  let dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    dirs = [];
  });
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'synthetic-md-'));
    dirs.push(dir);
    return dir;
  };

  it('writes the requested number of valid profiles and permission sets', async () => {
    const dir = await tempDir();
    const summary = await writeSyntheticMetadata({ dir, permissionSets: 30, profiles: 5, seed: 7 });
    const root = join(dir, 'force-app', 'main', 'default');
    const permissionSets = await readdir(join(root, 'permissionsets'));
    const profiles = await readdir(join(root, 'profiles'));
    expect(permissionSets).toHaveLength(30);
    expect(profiles).toHaveLength(5);
    expect(summary.files).toBe(35);
    for (const file of [...permissionSets.map((f) => join(root, 'permissionsets', f)), ...profiles.map((f) => join(root, 'profiles', f))]) {
      expect(XMLValidator.validate(await readFile(file, 'utf8'))).toBe(true);
    }
  });

  it('is deterministic for a seed and counts exactly the enabled grants it wrote', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const first = await writeSyntheticMetadata({ dir: a, permissionSets: 40, profiles: 4, seed: 99 });
    const second = await writeSyntheticMetadata({ dir: b, permissionSets: 40, profiles: 4, seed: 99 });
    expect(second).toEqual(first);

    const root = join(a, 'force-app', 'main', 'default', 'permissionsets');
    let enabled = 0;
    for (const file of await readdir(root)) {
      const xml = await readFile(join(root, file), 'utf8');
      enabled += (xml.match(/<enabled>true<\/enabled>/g) ?? []).length;
    }
    const profileRoot = join(a, 'force-app', 'main', 'default', 'profiles');
    for (const file of await readdir(profileRoot)) {
      const xml = await readFile(join(profileRoot, file), 'utf8');
      enabled += (xml.match(/<enabled>true<\/enabled>/g) ?? []).length;
    }
    expect(Object.values(first.enabledGrants).reduce((sum, n) => sum + n, 0)).toBe(enabled);
  });

  it('writes a backup-shaped folder of the size asked for that the collector reads, names decoded, unread types beside it', async () => {
    const dir = await tempDir();
    const summary = await writeBackupShapedMetadata({ dir, profiles: 10, profileBytes: 10 * 10 ** 6, permissionSets: 5, seed: 3 });
    const profiles = await readdir(join(dir, 'profiles'));
    expect(profiles).toHaveLength(10);
    expect(profiles).toContain('E%26F Staff.profile');
    // Within a tenth of the size asked for: the bench's "400 MB" is what it says.
    const profileBytes = (await Promise.all(profiles.map((file) => readFile(join(dir, 'profiles', file))))).reduce(
      (sum, b) => sum + b.length,
      0
    );
    expect(Math.abs(profileBytes - 10 * 10 ** 6)).toBeLessThan(10 ** 6);
    expect(summary.files).toBe(15);
    expect(await readdir(join(dir, 'classes'))).toHaveLength(100);

    const snapshot = await collectMetadataSnapshot(dir);
    expect(snapshot.holders.map((holder) => holder.name)).toContain('E&F Staff');
    expect(snapshot.holders).toHaveLength(15);
    expect(snapshot.warnings).toEqual([expect.stringMatching(/^1 profile\(s\) or permission set\(s\) list no permissions at all/)]);
    const granted = snapshot.holders.reduce((sum, holder) => sum + holder.userPermissions.length, 0);
    expect(granted).toBe(Object.values(summary.enabledGrants).reduce((sum, n) => sum + n, 0));
  });
});
