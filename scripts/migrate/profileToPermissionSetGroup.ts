import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PermissionSet, PermissionSetGroup, Profile } from '@salesforce/types/lib/metadata';
import { UsageError } from '../lib/errors';
import { jsonText } from '../lib/json';

/**
 * Profile → permission sets + a permission set group (the 30/60/90 playbook's "migrate profiles to
 * permission set groups"). What a permission set can carry moves into three sets (system
 * permissions; object and field access; apps, tabs, classes, pages and the rest), grouped; the
 * minimal profile keeps what only a profile holds (license, layouts, login IP ranges and hours,
 * default apps and record types) and revokes each moved grant explicitly, because a profile deploy
 * leaves unnamed permissions as they are.
 */

type Xml = Record<string, unknown>;

/** Profile sections a permission set carries as they are (Profile and PermissionSet share the element type). */
const SHARED = [
  'classAccesses',
  'customMetadataTypeAccesses',
  'customPermissions',
  'customSettingAccesses',
  'externalDataSourceAccesses',
  'flowAccesses',
  'pageAccesses'
] as const satisfies ReadonlyArray<keyof PermissionSet & keyof Profile>;
const REPEATED = new Set<string>([
  ...SHARED,
  'userPermissions',
  'objectPermissions',
  'fieldPermissions',
  'tabVisibilities',
  'applicationVisibilities',
  'recordTypeVisibilities',
  'layoutAssignments',
  'loginIpRanges',
  'profileActionOverrides',
  'categoryGroupVisibilities',
  'loginFlows'
]);
/** What stays on the minimal profile as it was. */
const PROFILE_ONLY = [
  'custom',
  'description',
  'layoutAssignments',
  'loginFlows',
  'loginHours',
  'loginIpRanges',
  'profileActionOverrides',
  'categoryGroupVisibilities',
  'userLicense'
] as const satisfies ReadonlyArray<keyof Profile>;

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name) });
const builder = new XMLBuilder({
  format: true,
  indentBy: '    ',
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true
});

export type MigrationOutput = {
  /** Relative path (source format, under force-app/main/default) → file text. */
  files: Record<string, string>;
  permissionSets: string[];
  group: string;
  /** Notes for the user: what needs a human (standard profiles cannot be edited, ...). */
  notes: string[];
};

const asArray = (value: unknown): Xml[] =>
  Array.isArray(value) ? (value as Xml[]) : value === undefined || value === '' ? [] : [value as Xml];
const isTrue = (value: unknown) => value === 'true';

/** An API name for the profile's sets: letters, digits and single underscores, starting with a letter, at most 80 characters. */
export function apiName(profileName: string): string {
  const name = profileName
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'P_$1');
  return (name || 'Profile').slice(0, 60);
}

/** Sorted keys, as a retrieve writes them, so the output diffs cleanly. */
function sorted(node: Xml): Xml {
  return Object.fromEntries(
    Object.keys(node)
      .sort()
      .map((key) => [key, node[key]])
  );
}

function xml(root: 'PermissionSet' | 'PermissionSetGroup' | 'Profile', body: Xml): string {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': 'http://soap.sforce.com/2006/04/metadata', ...sorted(body) } })}`;
  return text;
}

/** Profile tab visibility → permission set tab setting (DefaultOn: Visible; DefaultOff: Available; Hidden: not granted). */
const TAB_SETTING: Record<string, string | undefined> = { DefaultOn: 'Visible', DefaultOff: 'Available', Hidden: undefined };

export function migrateProfile(profileName: string, profileXml: string, file = `${profileName}.profile-meta.xml`): MigrationOutput {
  const validation = XMLValidator.validate(profileXml);
  if (validation !== true)
    throw new UsageError('MalformedProfile', `${file}:${validation.err.line}: invalid XML: ${validation.err.msg}`, [
      `Fix or re-retrieve ${file}.`
    ]);
  const parsed = parser.parse(profileXml) as Xml;
  const profile = parsed.Profile as Xml | undefined;
  if (!profile || typeof profile !== 'object')
    throw new UsageError('NotAProfile', `${file} is not a Profile (its root element is not <Profile>).`, [
      'Give a .profile-meta.xml or .profile file.'
    ]);

  const base = apiName(profileName);
  const label = (suffix: string) => `${profileName} - ${suffix}`.slice(0, 80);
  const userPermissions = asArray(profile.userPermissions).filter((permission) => isTrue(permission.enabled));
  const objectPermissions = asArray(profile.objectPermissions).filter((permission) =>
    ['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords', 'viewAllRecords'].some((key) => isTrue(permission[key]))
  );
  const fieldPermissions = asArray(profile.fieldPermissions).filter(
    (permission) => isTrue(permission.readable) || isTrue(permission.editable)
  );
  const tabSettings = asArray(profile.tabVisibilities)
    .map((tab) => ({ tab: tab.tab, visibility: TAB_SETTING[String(tab.visibility)] }))
    .filter((tab) => tab.visibility);
  const applicationVisibilities = asArray(profile.applicationVisibilities)
    .filter((app) => isTrue(app.visible))
    .map((app) => ({ application: app.application, visible: 'true' }));
  const recordTypeVisibilities = asArray(profile.recordTypeVisibilities)
    .filter((type) => isTrue(type.visible))
    .map((type) => ({ recordType: type.recordType, visible: 'true' }));
  const shared = Object.fromEntries(
    SHARED.map((section) => [section, asArray(profile[section]).filter((entry) => entry.enabled === undefined || isTrue(entry.enabled))])
  );

  const sets: Array<{ name: string; body: Xml }> = [];
  const addSet = (suffix: string, description: string, body: Xml) => {
    if (!Object.values(body).some((value) => Array.isArray(value) && value.length > 0)) return;
    sets.push({
      name: `${base}_${suffix}`,
      body: {
        label: label(suffix.replace(/_/g, ' ')),
        description: `${description} Migrated from the ${profileName} profile.`.slice(0, 255),
        hasActivationRequired: 'false',
        ...body
      }
    });
  };
  const license = jsonText(profile.userLicense);
  addSet('System', 'System permissions.', {
    userPermissions: userPermissions.map((permission) => ({ enabled: 'true', name: permission.name })),
    ...(license ? { license } : {})
  });
  addSet('Objects', 'Object and field access.', { objectPermissions, fieldPermissions });
  addSet('Access', 'Apps, tabs, record types, Apex classes, Visualforce pages, custom permissions and settings.', {
    applicationVisibilities,
    tabSettings,
    recordTypeVisibilities,
    ...shared
  });

  // Typed against the Metadata API's types (from the WSDL): element names the schema does not have fail to compile.
  const group: Partial<PermissionSetGroup> = {
    label: label('Group'),
    description: `Everything the ${profileName} profile granted, as permission sets; assign it with the minimal profile.`.slice(0, 255),
    permissionSets: sets.map((set) => set.name),
    status: 'Updated'
  };

  const revoke = (entries: Xml[], fields: string[]) =>
    entries.map((entry) => ({ ...entry, ...Object.fromEntries(fields.map((field) => [field, 'false'])) }));
  const minimal: Xml = {
    ...Object.fromEntries(PROFILE_ONLY.filter((key) => profile[key] !== undefined).map((key) => [key, profile[key]])),
    // Defaults only a profile sets: the default app and record types stay, now granted by the group.
    applicationVisibilities: asArray(profile.applicationVisibilities).filter((app) => isTrue(app.default)),
    recordTypeVisibilities: asArray(profile.recordTypeVisibilities).filter((type) => isTrue(type.default)),
    userPermissions: revoke(userPermissions, ['enabled']),
    objectPermissions: revoke(objectPermissions, [
      'allowCreate',
      'allowDelete',
      'allowEdit',
      'allowRead',
      'modifyAllRecords',
      'viewAllRecords'
    ]),
    fieldPermissions: revoke(fieldPermissions, ['editable', 'readable']),
    ...Object.fromEntries(
      SHARED.map((section) => [section, revoke(shared[section], shared[section].some((entry) => 'enabled' in entry) ? ['enabled'] : [])])
    )
  };
  const notes: string[] = [];
  if (profile.custom === 'false')
    notes.push(
      `${profileName} is a standard profile: its permissions cannot be edited, so deploy the group and assign users a custom minimal profile.`
    );

  const files: Record<string, string> = {};
  for (const set of sets) files[`permissionsets/${set.name}.permissionset-meta.xml`] = xml('PermissionSet', set.body);
  files[`permissionsetgroups/${base}.permissionsetgroup-meta.xml`] = xml('PermissionSetGroup', group);
  files[`profiles/${profileName}.profile-meta.xml`] = xml('Profile', minimal);
  return { files, permissionSets: sets.map((set) => set.name), group: base, notes };
}
