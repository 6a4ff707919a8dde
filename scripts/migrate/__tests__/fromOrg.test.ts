import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import type { Profile as ToolingProfile } from '@salesforce/types/lib/tooling';
import { XMLParser } from 'fast-xml-parser';
import { loadDataset } from '../../emulator/datasets';
import type { Dataset, StoredRecord } from '../../emulator/types';
import { validateMetadataDir } from '../../metadata/schema/validate';
import { STACK_LINE, startLiveOrg, type LiveOrg } from '../../test-support/liveOrg';
import { toolingProfileXml } from '../fromOrg';
import { grants } from './grants';

jest.setTimeout(180_000);

const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const GSA_ADMIN = join(CORPUS, 'gsa-workspace', 'force-app', 'main', 'default', 'profiles', 'GSA System Administrator.profile-meta.xml');
const EDC_ADMIN = join(CORPUS, 'toronto-edc', 'force-app', 'main', 'default', 'profiles', 'Admin.profile-meta.xml');

/** The list sections of the Tooling API's Profile (from @salesforce/types, generated from the WSDL). */
const TOOLING_LISTS = [
  'applicationVisibilities',
  'classAccesses',
  'customPermissions',
  'externalDataSourceAccesses',
  'fieldPermissions',
  'loginIpRanges',
  'objectPermissions',
  'pageAccesses',
  'profileActionOverrides',
  'recordTypeVisibilities',
  'servicePresenceStatusAccesses',
  'tabVisibilities',
  'userPermissions'
] as const satisfies ReadonlyArray<keyof ToolingProfile>;
const TOOLING_SCALARS = ['custom', 'description', 'loginHours', 'userLicense'] as const satisfies ReadonlyArray<keyof ToolingProfile>;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => (TOOLING_LISTS as readonly string[]).includes(name)
});
const typed = (value: unknown): unknown => {
  if (value === 'true' || value === 'false') return value === 'true';
  if (Array.isArray(value)) return value.map(typed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typed(item)]));
  return value;
};

/**
 * A retrieved profile as the Tooling API answers `Profile.Metadata`: only the Tooling type's
 * sections, booleans as JSON booleans, every list present ([] when empty), unset scalars null.
 */
function toolingMetadata(file: string): Record<string, unknown> {
  const profile = (parser.parse(readFileSync(file, 'utf8')) as { Profile: Record<string, unknown> }).Profile;
  return {
    ...Object.fromEntries(TOOLING_SCALARS.map((key) => [key, profile[key] === undefined ? null : typed(profile[key])])),
    ...Object.fromEntries(TOOLING_LISTS.map((key) => [key, typed(profile[key] ?? [])])),
    fullName: null
  };
}

/** Acme, with two real profiles behind its Tooling API: its System Administrator (Metadata API name Admin) and a custom one. */
function datasetWithRealProfiles(): Dataset {
  const dataset = loadDataset('acme');
  const tooling = dataset.tooling.Profile.map((record): StoredRecord =>
    record.Name === 'System Administrator' ? { ...record, FullName: 'Admin', Metadata: toolingMetadata(EDC_ADMIN) } : record
  );
  const gsa = { Id: '00e000000000090AAA', Name: 'GSA System Administrator' };
  return {
    ...dataset,
    sobjects: { ...dataset.sobjects, Profile: [...dataset.sobjects.Profile, { ...gsa, UserType: 'Standard', Description: null }] },
    // No FullName on this one: the code must not need it.
    tooling: { ...dataset.tooling, Profile: [...tooling, { ...gsa, Metadata: toolingMetadata(GSA_ADMIN) }] }
  };
}

type Envelope = {
  status: number;
  result?: { profile: string; source: string; permissionSets: string[]; permissionSetGroup: string; files: string[]; notes: string[] };
  name?: string;
  message?: string;
};

/** The grants the Tooling API can carry: everything `grants` counts but what only a retrieve has. */
const toolingGrants = (file: string) => grants(toolingProfileXml(toolingMetadata(file)), 'Profile');

describe('npm run migrate:profile --target-org: a profile read from the org through the Tooling API', () => {
  let org: LiveOrg;
  const dirs: string[] = [];
  const migrate = async (args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'migrate-live-'));
    dirs.push(dir);
    const output = await org.run('scripts/migrate/cli.ts', [...args, '--output-dir', dir, '--json']);
    return { ...output, dir, envelope: JSON.parse(output.stdout) as Envelope };
  };
  const setGrants = (dir: string) => {
    const out = new Set<string>();
    for (const file of readdirSync(join(dir, 'permissionsets')))
      grants(readFileSync(join(dir, 'permissionsets', file), 'utf8'), 'PermissionSet').forEach((grant) => out.add(grant));
    return out;
  };

  beforeAll(async () => {
    org = await startLiveOrg({ dataset: datasetWithRealProfiles() });
  });
  afterAll(async () => {
    await org?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('carries every grant of the profile into the sets, as deployable metadata the schema check accepts', async () => {
    const { code, dir, envelope } = await migrate(['--target-org', org.alias, '--profile', 'GSA System Administrator']);
    expect(code).toBe(0);
    expect(envelope.result!.source).toBe(`${org.alias}: Profile GSA System Administrator`);
    const before = grants(readFileSync(GSA_ADMIN, 'utf8'), 'Profile');
    expect(before.size).toBeGreaterThan(100);
    // The retrieved file and the org's Tooling answer hold the same grants, and the sets carry exactly them.
    expect([...toolingGrants(GSA_ADMIN)].sort()).toEqual([...before].sort());
    expect([...setGrants(dir)].sort()).toEqual([...before].sort());
    // The minimal profile grants none of what moved.
    const minimal = grants(readFileSync(join(dir, 'profiles', 'GSA System Administrator.profile-meta.xml'), 'utf8'), 'Profile');
    expect([...minimal].filter((grant) => !/^(tab|app|recordType):/.test(grant))).toEqual([]);
    const schema = validateMetadataDir(dir);
    expect(schema.checked.length).toBe(envelope.result!.files.length);
    expect(schema.problems).toEqual([]);
    const components = ComponentSet.fromSource(dir)
      .getSourceComponents()
      .toArray()
      .map((component) => `${component.type.name}:${component.fullName}`);
    expect(components).toEqual(expect.arrayContaining(['PermissionSetGroup:GSA_System_Administrator', 'Profile:GSA System Administrator']));
  });

  it('finds a standard profile by its Metadata API name, and says what the Tooling API could not give', async () => {
    const { code, dir, envelope } = await migrate(['--target-org', org.alias, '--profile', 'Admin']);
    expect(code).toBe(0);
    expect(envelope.result!.permissionSetGroup).toBe('Admin');
    expect(envelope.result!.permissionSets).toEqual(['Admin_System', 'Admin_Objects', 'Admin_Access']);
    expect([...setGrants(dir)].sort()).toEqual([...toolingGrants(EDC_ADMIN)].sort());
    expect(validateMetadataDir(dir).problems).toEqual([]);
    // A retrieve of the same profile has layout assignments and flow accesses; the Tooling answer has neither.
    expect(envelope.result!.notes.join(' ')).toMatch(/Tooling API, whose Profile metadata has no .*flowAccesses.*layoutAssignments/);
    expect(envelope.result!.notes.join(' ')).toContain('sf project retrieve start --metadata "Profile:Admin"');
  });

  it('gives the same sets whether the profile comes from the org or from its file, for what the Tooling API carries', async () => {
    const live = await migrate(['--target-org', org.alias, '--profile', 'System Administrator']);
    const offline = await migrate(['--profile', EDC_ADMIN]);
    expect(live.code).toBe(0);
    expect(offline.code).toBe(0);
    expect(readFileSync(join(live.dir, 'permissionsets', 'Admin_System.permissionset-meta.xml'), 'utf8')).toBe(
      readFileSync(join(offline.dir, 'permissionsets', 'Admin_System.permissionset-meta.xml'), 'utf8')
    );
    expect(readFileSync(join(live.dir, 'permissionsets', 'Admin_Objects.permissionset-meta.xml'), 'utf8')).toBe(
      readFileSync(join(offline.dir, 'permissionsets', 'Admin_Objects.permissionset-meta.xml'), 'utf8')
    );
  });

  it("moves the sample org's own profile: the system and object permissions of the set that backs it", async () => {
    const { code, dir } = await migrate(['--target-org', org.alias, '--profile', 'Sales Operations']);
    expect(code).toBe(0);
    const profile = org.emulator.records('Profile').find((record) => record.Name === 'Sales Operations')!;
    const backing = org.emulator.records('PermissionSet').find((set) => set.IsOwnedByProfile === true && set.ProfileId === profile.Id)!;
    const granted = Object.keys(backing)
      .filter((field) => field.startsWith('Permissions') && backing[field] === true)
      .map((field) => `user:${field.slice('Permissions'.length)}`);
    expect(granted).toEqual(expect.arrayContaining(['user:DataExport', 'user:ApiEnabled']));
    expect([...setGrants(dir)].filter((grant) => grant.startsWith('user:')).sort()).toEqual(granted.sort());
    expect(validateMetadataDir(dir).problems).toEqual([]);
  });

  it('names a profile the org does not have, and an org nobody logged in to, with exit 2 and no stack', async () => {
    const missing = await migrate(['--target-org', org.alias, '--profile', 'No Such Profile']);
    expect(missing.code).toBe(2);
    expect(missing.envelope.name).toBe('ProfileNotInOrg');
    expect(missing.envelope.message).toContain('"No Such Profile"');
    expect(missing.stdout + missing.stderr).not.toMatch(STACK_LINE);
    const unknown = await migrate(['--target-org', 'not-logged-in', '--profile', 'Admin']);
    expect(unknown.code).toBe(2);
    expect(unknown.envelope.name).toBe('UnknownOrg');
    expect(unknown.stdout + unknown.stderr).not.toMatch(STACK_LINE);
  });
});

describe('Tooling Profile.Metadata as XML', () => {
  it('leaves out nulls, empty lists and empty objects, and writes booleans as the Metadata API does', () => {
    const xml = toolingProfileXml({
      fullName: null,
      custom: true,
      description: null,
      loginHours: { mondayStart: null },
      userLicense: 'Salesforce',
      userPermissions: [{ enabled: true, name: 'ApiEnabled' }],
      fieldPermissions: [],
      objectPermissions: [{ object: 'Account', allowRead: true, allowEdit: false, viewAllFields: null }]
    });
    expect(xml).not.toMatch(/fullName|description|loginHours|fieldPermissions|viewAllFields/);
    expect(xml).toContain('<custom>true</custom>');
    expect(xml).toMatch(/<userPermissions>\s*<enabled>true<\/enabled>\s*<name>ApiEnabled<\/name>\s*<\/userPermissions>/);
    expect(xml).toContain('<allowEdit>false</allowEdit>');
    expect(grants(xml, 'Profile')).toEqual(new Set(['user:ApiEnabled', 'object:Account:allowRead']));
  });
});
