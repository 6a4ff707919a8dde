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
