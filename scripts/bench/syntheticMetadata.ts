import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom, type Random } from './random';

/**
 * Writes a synthetic retrieved-metadata folder (SFDX source format) shaped like a large real org:
 * permission sets and profiles with hundreds of object and field permissions each, a few of them
 * holding the grants the health check flags.
 */
export type SyntheticMetadataOptions = {
  dir: string;
  permissionSets: number;
  profiles: number;
  objects?: number;
  fieldsPerObject?: number;
  seed?: number;
};

export type SyntheticMetadataSummary = {
  files: number;
  bytes: number;
  /** Enabled user permissions written, by name: what an analysis must find. */
  enabledGrants: Record<string, number>;
};

const COMMON_PERMISSIONS = [
  'ApiEnabled',
  'RunReports',
  'ExportReport',
  'EditTask',
  'EditEvent',
  'ViewSetup',
  'ChatterInternalUser',
  'LightningConsoleAllowedForUser',
  'ActivitiesAccess',
  'AllowViewKnowledge'
];
const FLAGGED_PERMISSIONS = [
  'ModifyAllData',
  'ViewAllData',
  'ManageUsers',
  'AuthorApex',
  'CustomizeApplication',
  'ModifyMetadata',
  'AssignPermissionSets',
  'ResetPasswords',
  'PasswordNeverExpires',
  'DataExport',
  'BulkApiHardDelete',
  'ViewAllUsers',
  'ManageSharing',
  'BypassMFAForUiLogins'
];

export async function writeSyntheticMetadata(options: SyntheticMetadataOptions): Promise<SyntheticMetadataSummary> {
  const random = seededRandom(options.seed ?? 42);
  const objects = Array.from({ length: options.objects ?? 120 }, (_, i) => `Synthetic_Object_${i}__c`);
  const fieldsPerObject = options.fieldsPerObject ?? 8;
  const root = join(options.dir, 'force-app', 'main', 'default');
  await mkdir(join(root, 'permissionsets'), { recursive: true });
  await mkdir(join(root, 'profiles'), { recursive: true });
  await writeFile(
    join(options.dir, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }, null, 2)
  );

  const summary: SyntheticMetadataSummary = { files: 0, bytes: 0, enabledGrants: {} };
  const write = async (path: string, xml: string): Promise<void> => {
    await writeFile(path, xml);
    summary.files += 1;
    summary.bytes += Buffer.byteLength(xml);
  };

  for (let i = 0; i < options.permissionSets; i++) {
    const name = `Synthetic_Permission_Set_${String(i).padStart(5, '0')}`;
    const xml = holderXml('PermissionSet', random, objects, fieldsPerObject, summary, [
      `    <label>Synthetic permission set ${i}</label>`,
      '    <hasActivationRequired>false</hasActivationRequired>'
    ]);
    await write(join(root, 'permissionsets', `${name}.permissionset-meta.xml`), xml);
  }
  for (let i = 0; i < options.profiles; i++) {
    const name = `Synthetic Profile ${String(i).padStart(4, '0')}`;
    const ipRanges = random.chance(0.5)
      ? [
          '    <loginIpRanges>',
          '        <endAddress>10.0.255.255</endAddress>',
          '        <startAddress>10.0.0.0</startAddress>',
          '    </loginIpRanges>'
        ]
      : [];
    const xml = holderXml('Profile', random, objects, fieldsPerObject, summary, [
      '    <custom>true</custom>',
      ...ipRanges,
      '    <userLicense>Salesforce</userLicense>'
    ]);
    await write(join(root, 'profiles', `${name}.profile-meta.xml`), xml);
  }
  return summary;
}

function holderXml(
  rootElement: 'PermissionSet' | 'Profile',
  random: Random,
  objects: string[],
  fieldsPerObject: number,
  summary: SyntheticMetadataSummary,
  header: string[]
): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<${rootElement} xmlns="http://soap.sforce.com/2006/04/metadata">`, ...header];
  const objectCount = random.int(5, Math.min(40, objects.length));
  const start = random.int(0, objects.length - objectCount);
  for (const object of objects.slice(start, start + objectCount)) {
    for (let f = 0; f < fieldsPerObject; f++) {
      lines.push(
        '    <fieldPermissions>',
        `        <editable>${random.chance(0.5)}</editable>`,
        `        <field>${object}.Field_${f}__c</field>`,
        '        <readable>true</readable>',
        '    </fieldPermissions>'
      );
    }
  }
  for (const object of objects.slice(start, start + objectCount)) {
    const wide = random.chance(0.02);
    lines.push(
      '    <objectPermissions>',
      '        <allowCreate>true</allowCreate>',
      '        <allowDelete>false</allowDelete>',
      '        <allowEdit>true</allowEdit>',
      '        <allowRead>true</allowRead>',
      `        <modifyAllRecords>${wide}</modifyAllRecords>`,
      `        <object>${object}</object>`,
      `        <viewAllRecords>${wide}</viewAllRecords>`,
      '    </objectPermissions>'
    );
  }
  const permissions = new Set(COMMON_PERMISSIONS.filter(() => random.chance(0.4)));
  if (random.chance(0.05)) permissions.add(random.pick(FLAGGED_PERMISSIONS));
  // Disabled grants are written too: real retrievals hold them, and they must not count.
  const disabled = random.pick(FLAGGED_PERMISSIONS);
  for (const name of [...permissions, disabled].sort()) {
    const enabled = permissions.has(name);
    if (enabled) summary.enabledGrants[name] = (summary.enabledGrants[name] ?? 0) + 1;
    lines.push('    <userPermissions>', `        <enabled>${enabled}</enabled>`, `        <name>${name}</name>`, '    </userPermissions>');
  }
  lines.push(`</${rootElement}>`, '');
  return lines.join('\n');
}

export type BackupShapedOptions = {
  dir: string;
  /** Profiles in the backup (the largest real one: 165). */
  profiles: number;
  /** Total size of the profiles, in bytes (the largest real one: about 400 MB). */
  profileBytes: number;
  permissionSets?: number;
  seed?: number;
};

/**
 * A nightly org backup in Metadata API format (package.xml at the root), shaped like the largest
 * real one: profiles of a few MB each, mostly field permissions over hundreds of objects, names
 * percent-encoded as the Metadata API writes them (`%26`, `%3A`, `%E2%80%93`), one in ten profiles
 * retrieved without its user permissions, and types the check does not read beside them (Apex
 * classes, a static resource whose content was left out of the repository).
 */
export async function writeBackupShapedMetadata(options: BackupShapedOptions): Promise<SyntheticMetadataSummary> {
  const random = seededRandom(options.seed ?? 165);
  const summary: SyntheticMetadataSummary = { files: 0, bytes: 0, enabledGrants: {} };
  const write = async (path: string, text: string): Promise<void> => {
    await writeFile(path, text);
    summary.files += 1;
    summary.bytes += Buffer.byteLength(text);
  };
  for (const folder of ['profiles', 'permissionsets', 'classes', 'staticresources'])
    await mkdir(join(options.dir, folder), { recursive: true });
  await writeFile(
    join(options.dir, 'package.xml'),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
      ...['ApexClass', 'PermissionSet', 'Profile', 'StaticResource'].map(
        (type) => `    <types>\n        <members>*</members>\n        <name>${type}</name>\n    </types>`
      ),
      '    <version>62.0</version>',
      '</Package>',
      ''
    ].join('\n')
  );
  const objects = Array.from({ length: 450 }, (_, i) =>
    i < 60 ? STANDARD_OBJECTS[i % STANDARD_OBJECTS.length] + (i < STANDARD_OBJECTS.length ? '' : `_${i}`) : `Backup_Object_${i}__c`
  );
  // About 175 bytes a field permission: the fields per object that reach the size asked for.
  const perProfile = options.profileBytes / options.profiles;
  const fieldsPerObject = Math.max(1, Math.round((perProfile - objects.length * 340) / (objects.length * 175)));
  for (let i = 0; i < options.profiles; i++) {
    const name =
      BACKUP_PROFILE_NAMES[i % BACKUP_PROFILE_NAMES.length] + (i < BACKUP_PROFILE_NAMES.length ? '' : ` ${String(i).padStart(3, '0')}`);
    const withoutUserPermissions = i % 10 === 9;
    await write(
      join(options.dir, 'profiles', `${name}.profile`),
      backupProfileXml(random, objects, fieldsPerObject, withoutUserPermissions, summary)
    );
  }
  for (let i = 0; i < (options.permissionSets ?? 300); i++) {
    const xml = holderXml('PermissionSet', random, objects.slice(0, 120), 4, summary, [`    <label>Backup permission set ${i}</label>`]);
    await write(join(options.dir, 'permissionsets', `Backup_Set_${String(i).padStart(4, '0')}.permissionset`), xml);
  }
  for (let i = 0; i < 50; i++) {
    await writeFile(join(options.dir, 'classes', `Backup_Class_${i}.cls`), `public with sharing class Backup_Class_${i} {}\n`);
    await writeFile(
      join(options.dir, 'classes', `Backup_Class_${i}.cls-meta.xml`),
      '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>62.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n'
    );
  }
  // Left out of the repository as large files often are: the -meta.xml without its resource.
  await writeFile(
    join(options.dir, 'staticresources', 'Large_Bundle.resource-meta.xml'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n    <cacheControl>Private</cacheControl>\n    <contentType>application/zip</contentType>\n</StaticResource>\n'
  );
  return summary;
}

const STANDARD_OBJECTS = [
  'Account',
  'Contact',
  'Lead',
  'Opportunity',
  'Case',
  'Campaign',
  'Contract',
  'Order',
  'Product2',
  'Asset',
  'Task',
  'Event'
];

/** As the Metadata API writes profile names into file names. */
const BACKUP_PROFILE_NAMES = [
  'Admin',
  'Custom%3A Marketing Profile',
  'Custom%3A Sales Profile',
  'E%26F Staff',
  'FDS %E2%80%93 Agency',
  'Read Only',
  'Standard',
  'ContractManager',
  'SolutionManager',
  'Partner Community User'
];

function backupProfileXml(
  random: Random,
  objects: string[],
  fieldsPerObject: number,
  withoutUserPermissions: boolean,
  summary: SyntheticMetadataSummary
): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">'];
  for (let c = 0; c < 40; c++)
    lines.push(
      '    <classAccesses>',
      `        <apexClass>Backup_Class_${c}</apexClass>`,
      `        <enabled>${random.chance(0.5)}</enabled>`,
      '    </classAccesses>'
    );
  lines.push(`    <custom>${random.chance(0.8)}</custom>`);
  for (const object of objects) {
    for (let f = 0; f < fieldsPerObject; f++) {
      lines.push(
        '    <fieldPermissions>',
        `        <editable>${random.chance(0.5)}</editable>`,
        `        <field>${object}.Backup_Field_${f}__c</field>`,
        '        <readable>true</readable>',
        '    </fieldPermissions>'
      );
    }
  }
  for (const object of objects.slice(0, 200))
    lines.push('    <layoutAssignments>', `        <layout>${object}-${object} Layout</layout>`, '    </layoutAssignments>');
  for (const object of objects) {
    const wide = random.chance(0.01);
    lines.push(
      '    <objectPermissions>',
      '        <allowCreate>true</allowCreate>',
      `        <allowDelete>${random.chance(0.3)}</allowDelete>`,
      '        <allowEdit>true</allowEdit>',
      '        <allowRead>true</allowRead>',
      `        <modifyAllRecords>${wide}</modifyAllRecords>`,
      `        <object>${object}</object>`,
      `        <viewAllRecords>${wide}</viewAllRecords>`,
      '    </objectPermissions>'
    );
  }
  for (const object of objects.slice(0, 150))
    lines.push(
      '    <tabVisibilities>',
      `        <tab>${object}</tab>`,
      '        <visibility>DefaultOn</visibility>',
      '    </tabVisibilities>'
    );
  lines.push('    <userLicense>Salesforce</userLicense>');
  if (!withoutUserPermissions) {
    const permissions = new Set(COMMON_PERMISSIONS.filter(() => random.chance(0.7)));
    if (random.chance(0.15)) permissions.add(random.pick(FLAGGED_PERMISSIONS));
    for (const name of [...permissions].sort()) {
      summary.enabledGrants[name] = (summary.enabledGrants[name] ?? 0) + 1;
      lines.push('    <userPermissions>', '        <enabled>true</enabled>', `        <name>${name}</name>`, '    </userPermissions>');
    }
  }
  lines.push('</Profile>', '');
  return lines.join('\n');
}
