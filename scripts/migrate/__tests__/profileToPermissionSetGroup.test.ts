import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { XMLValidator } from 'fast-xml-parser';
import { readPermissionSet, readProfile } from '../../health/collectors/metadata/holders';
import { parseXmlFile } from '../../lib/xml';
import type { PermissionHolder } from '../../health/snapshot';
import { validateMetadataDir } from '../../metadata/schema/validate';
import { main } from '../cli';
import { apiName, migrateProfile } from '../profileToPermissionSetGroup';
import { grants } from './grants';

jest.setTimeout(120_000);

const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const profiles = ['gsa-workspace', 'toronto-edc'].flatMap((project) => {
  const dir = join(CORPUS, project, 'force-app', 'main', 'default', 'profiles');
  return readdirSync(dir).map((file) => ({ project, file: join(dir, file), name: file.replace('.profile-meta.xml', '') }));
});
describe('profile to permission set group migration', () => {
  it.each(profiles.map((profile) => [`${profile.project}/${profile.name}`, profile]))(
    '%s: the group carries every grant of the profile, and the minimal profile grants none of them',
    (_, profile) => {
      const text = readFileSync(profile.file, 'utf8');
      const output = migrateProfile(profile.name, text, profile.file);
      const before = grants(text, 'Profile');
      const after = new Set<string>();
      for (const [path, file] of Object.entries(output.files)) {
        expect(XMLValidator.validate(file)).toBe(true);
        if (path.startsWith('permissionsets/')) grants(file, 'PermissionSet').forEach((grant) => after.add(grant));
      }
      expect([...after].sort()).toEqual([...before].sort());
      const minimal = grants(output.files[`profiles/${profile.name}.profile-meta.xml`], 'Profile');
      expect(
        [...minimal].filter((grant) => !grant.startsWith('tab:') && !grant.startsWith('app:') && !grant.startsWith('recordType:'))
      ).toEqual([]);
      // The health check's own reader agrees on the system and object permissions.
      const holder = readProfile(profile.name, parseXmlFile(profile.file, text));
      const sets: PermissionHolder[] = Object.entries(output.files)
        .filter(([path]) => path.startsWith('permissionsets/'))
        .map(([path, file]) => readPermissionSet(path, parseXmlFile(path, file)));
      expect(new Set(sets.flatMap((set) => set.userPermissions))).toEqual(new Set(holder.userPermissions));
    }
  );

  it('writes deployable source that source-deploy-retrieve resolves, and a group naming its sets', async () => {
    const admin = profiles.find((profile) => profile.project === 'toronto-edc' && profile.name === 'Admin')!;
    const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
    try {
      let stdout = '';
      const sink = { write: (chunk: string) => ((stdout += chunk), true) } as unknown as NodeJS.WritableStream;
      expect(await main(['--profile', admin.file, '--output-dir', dir, '--json'], { stdout: sink, stderr: sink })).toBe(0);
      const result = (JSON.parse(stdout) as { result: { permissionSets: string[]; permissionSetGroup: string } }).result;
      expect(result.permissionSets).toEqual(['Admin_System', 'Admin_Objects', 'Admin_Access']);
      const components = ComponentSet.fromSource(dir)
        .getSourceComponents()
        .toArray()
        .map((component) => `${component.type.name}:${component.fullName}`)
        .sort();
      expect(components).toEqual([
        'PermissionSet:Admin_Access',
        'PermissionSet:Admin_Objects',
        'PermissionSet:Admin_System',
        'PermissionSetGroup:Admin',
        'Profile:Admin'
      ]);
      // The Metadata API schema (from @salesforce/types) accepts every file: element names, nesting and values.
      const schema = validateMetadataDir(dir);
      expect(schema.checked).toHaveLength(5);
      expect(schema.problems).toEqual([]);
      const group = readFileSync(join(dir, 'permissionsetgroups', 'Admin.permissionsetgroup-meta.xml'), 'utf8');
      expect(group).toContain('<permissionSets>Admin_System</permissionSets>');
      expect(group).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<PermissionSetGroup xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names its sets as API names, and rejects bad input naming the file, with exit 2', async () => {
    expect(apiName('Custom: Marketing Profile')).toBe('Custom_Marketing_Profile');
    expect(apiName('2024 Sales')).toBe('P_2024_Sales');
    expect(() => migrateProfile('Bad', '<Profile><custom>true</Profile>', 'Bad.profile-meta.xml')).toThrow(
      /^Bad\.profile-meta\.xml:1: invalid XML/
    );
    expect(() => migrateProfile('Set', '<?xml version="1.0"?><PermissionSet/>', 'Set.profile-meta.xml')).toThrow(
      'Set.profile-meta.xml is not a Profile'
    );
    let stderr = '';
    const sink = { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WritableStream;
    expect(await main(['--profile', 'nope.profile-meta.xml'], { stdout: sink, stderr: sink })).toBe(2);
    expect(stderr).toContain('--profile nope.profile-meta.xml does not exist.');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
