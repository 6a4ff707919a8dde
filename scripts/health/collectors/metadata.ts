import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../lib/errors';
import { resolveFromUser } from '../../lib/userCwd';
import type { ConnectedApp, OrgSnapshot, PermissionHolder } from '../snapshot';
import { addOperatingModelMetadata } from './metadataOperatingModel';
import { mergeConnectedApps, readConnectedApp, readExternalClientApp, readExternalClientAppPolicy } from './metadata/connectedApps';
import { listMetadataFiles, manifestTypes, relativeTo, type MetadataFile, type ReadType } from './metadata/files';
import {
  mergeGroups,
  mergeHolders,
  mergeMutingSets,
  permissionSections,
  readMutingPermissionSet,
  readPermissionSet,
  readPermissionSetGroup,
  readProfile,
  resolveGroup,
  type GroupDefinition,
  type MutingSet
} from './metadata/holders';
import {
  readFileUploadSettings,
  readSecuritySettings,
  SECURITY_SETTING_KEYS,
  SETTINGS_NOT_IN_METADATA,
  type SettingsRead
} from './metadata/settings';
import { parseXmlFile, type ParsedXml } from '../../lib/xml';
import { displayPath } from '../../lib/paths';
import { LIVE_ONLY } from '../reasons';

const RETRIEVE =
  'sf project retrieve start --metadata Profile PermissionSet PermissionSetGroup MutingPermissionSet ConnectedApp Settings:Security';

export type MetadataCollectOptions = { progress?: (message: string) => void };

/** Stats for tests and the progress line: which files were parsed. */
export type MetadataReadStats = { files: string[] };

async function load(file: MetadataFile): Promise<ParsedXml> {
  const text = await readFile(file.path, 'utf8');
  return parseXmlFile(displayPath(file.path), text);
}

/** One component, all the copies of it the folder holds (normally one). */
type Component = { type: ReadType; fullName: string; copies: MetadataFile[] };

function group(files: MetadataFile[]): Component[] {
  const byKey = new Map<string, Component>();
  for (const file of files) {
    const key = `${file.type}\u0000${file.fullName}`;
    const component = byKey.get(key) ?? { type: file.type, fullName: file.fullName, copies: [] };
    component.copies.push(file);
    byKey.set(key, component);
  }
  return [...byKey.values()];
}

/** Reads every copy; two or more are reported once, with every file named. */
async function readCopies<T>(
  component: Component,
  read: (xml: ParsedXml) => T,
  merge: (first: T, second: T) => T,
  context: { files: string[]; warnings: string[]; display: (path: string) => string; how: string }
): Promise<{ value: T; xml: ParsedXml[] }> {
  const xml: ParsedXml[] = [];
  for (const copy of component.copies) {
    const parsed = await load(copy);
    context.files.push(parsed.file);
    xml.push(parsed);
  }
  if (component.copies.length > 1) {
    context.warnings.push(
      `${component.type} ${component.fullName} is in the folder ${component.copies.length} times (${component.copies
        .map((copy) => context.display(copy.path))
        .join(', ')}): ${context.how}`
    );
  }
  const values = xml.map(read);
  return { value: values.slice(1).reduce(merge, values[0]), xml };
}

/**
 * Reads a retrieved metadata folder (source or Metadata API format) into the snapshot the rules
 * read. Only the types the rules read are opened; one file at a time, its text dropped once parsed.
 */
export async function collectMetadataSnapshot(dir: string, options: MetadataCollectOptions = {}): Promise<OrgSnapshot> {
  return (await collectMetadataSnapshotWithStats(dir, options)).snapshot;
}

export async function collectMetadataSnapshotWithStats(
  dir: string,
  options: MetadataCollectOptions = {}
): Promise<{ snapshot: OrgSnapshot; stats: MetadataReadStats }> {
  const absolute = resolveFromUser(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError('MetadataDirNotFound', `--metadata-dir ${dir} is not a directory (${absolute}).`, [
      `Retrieve the metadata first, e.g. \`${RETRIEVE}\`, and pass the folder relative to where you run the command.`
    ]);
  }
  const display = relativeTo(absolute);
  const listing = listMetadataFiles(absolute, display);
  const components = group(listing.files);
  options.progress?.(`Reading ${components.length} metadata components from ${dir}`);

  const warnings: string[] = [...listing.notes];
  const files: string[] = [];
  const context = (how: string) => ({ files, warnings, display, how });
  const both = 'the grants of every copy are counted.';

  const profiles: PermissionHolder[] = [];
  const permissionSets = new Map<string, PermissionHolder>();
  const groups: GroupDefinition[] = [];
  const mutingSets = new Map<string, MutingSet>();
  const apps = new Map<string, ConnectedApp>();
  const ecaPolicies: Array<{ appName: string; policy: Partial<ConnectedApp> }> = [];
  const settingsReads: SettingsRead[] = [];
  const withoutPermissions: string[] = [];

  const noteSections = (component: Component, xml: ParsedXml[], rootTag: string) => {
    const sections = xml.map((parsed) => permissionSections(parsed, rootTag));
    const none = sections.every((section) =>
      rootTag === 'Profile' ? section.userPermissions === 0 : section.userPermissions + section.objectPermissions === 0
    );
    if (none) withoutPermissions.push(`${component.type} ${component.fullName} (${display(component.copies[0].path)})`);
  };

  for (const component of components) {
    const name = component.fullName;
    switch (component.type) {
      case 'Profile': {
        const { value, xml } = await readCopies(component, (parsed) => readProfile(name, parsed), mergeHolders, context(both));
        noteSections(component, xml, 'Profile');
        profiles.push(value);
        break;
      }
      case 'PermissionSet': {
        const { value, xml } = await readCopies(component, (parsed) => readPermissionSet(name, parsed), mergeHolders, context(both));
        noteSections(component, xml, 'PermissionSet');
        permissionSets.set(name, value);
        break;
      }
      case 'PermissionSetGroup':
        groups.push((await readCopies(component, (parsed) => readPermissionSetGroup(name, parsed), mergeGroups, context(both))).value);
        break;
      case 'MutingPermissionSet': {
        const how = 'only what every copy mutes is taken as muted.';
        mutingSets.set(
          name,
          (await readCopies(component, (parsed) => readMutingPermissionSet(name, parsed), mergeMutingSets, context(how))).value
        );
        break;
      }
      case 'ConnectedApp': {
        const how = 'the riskier OAuth policy of the copies is checked.';
        apps.set(
          `ConnectedApp:${name}`,
          (await readCopies(component, (parsed) => readConnectedApp(name, parsed), mergeConnectedApps, context(how))).value
        );
        break;
      }
      case 'ExternalClientApplication': {
        const how = 'the first copy is read.';
        apps.set(
          `ExternalClientApplication:${name}`,
          (
            await readCopies(
              component,
              (parsed) => readExternalClientApp(name, parsed),
              (first) => first,
              context(how)
            )
          ).value
        );
        break;
      }
      case 'ExtlClntAppOauthConfigurablePolicies': {
        const how = 'the riskier policy of the copies is checked.';
        const read = (parsed: ParsedXml) => readExternalClientAppPolicy(name, parsed);
        const { xml } = await readCopies(component, read, (first) => first, context(how));
        ecaPolicies.push(...xml.map(read));
        break;
      }
      case 'Settings': {
        const how = 'every copy is read; where they differ, the first one listed is used.';
        const read = (parsed: ParsedXml) => (name === 'Security' ? readSecuritySettings(parsed) : readFileUploadSettings(parsed));
        const { xml } = await readCopies(component, read, (first) => first, context(how));
        // The first copy wins: assign the others first, then it.
        settingsReads.push(...xml.map(read).reverse());
        break;
      }
    }
  }

  for (const { appName, policy } of ecaPolicies) {
    const key = `ExternalClientApplication:${appName}`;
    const app = apps.get(key) ?? {
      name: appName,
      kind: 'ExternalClientApplication' as const,
      location: policy.policyLocations?.ipRelaxation
    };
    const withPolicy: ConnectedApp = { ...app, ...policy, policyLocations: { ...policy.policyLocations } };
    apps.set(key, app.ipRelaxation || app.refreshTokenPolicy ? mergeConnectedApps(withPolicy, app) : withPolicy);
  }

  for (const definition of groups) {
    const missing = resolveGroup(definition, permissionSets, mutingSets);
    if (missing.length > 0) {
      warnings.push(
        `PermissionSetGroup ${definition.holder.name}: member permission sets not in ${dir}: ${missing.join(', ')} (their grants are not counted).`
      );
    }
  }
  if (withoutPermissions.length > 0) {
    warnings.push(
      `${withoutPermissions.length} profile(s) or permission set(s) list no permissions at all, as when retrieved without them (their grants are not counted): ${withoutPermissions.join('; ')}.`
    );
  }

  const holders = [...profiles, ...permissionSets.values(), ...groups.map((definition) => definition.holder)];
  if (holders.length + apps.size + settingsReads.length === 0) {
    throw new UsageError(
      'NothingToCheck',
      `${dir} holds nothing the health check reads (no profiles, permission sets, permission set groups, connected apps, external client apps or Security/FileUploadAndDownloadSecurity settings).`,
      [`Retrieve them with \`${RETRIEVE}\`, or point --metadata-dir at the right folder.`]
    );
  }

  const snapshot: OrgSnapshot = {
    source: 'metadata',
    takenAt: new Date().toISOString(),
    holders,
    settings: {},
    unavailable: {},
    warnings
  };
  // A type that was not retrieved is unknown, not empty: the rules reading it are skipped with this reason.
  if (holders.length === 0) snapshot.unavailable.holders = `no profiles, permission sets or permission set groups in ${dir}`;
  const manifest = manifestTypes(absolute);
  if (groups.length === 0 && !manifest.has('PermissionSetGroup')) {
    snapshot.unavailable.permissionSetGroups = `no permission set groups in ${dir}`;
  }
  if (apps.size > 0 || manifest.has('ConnectedApp') || manifest.has('ExternalClientApplication'))
    snapshot.connectedApps = [...apps.values()];
  else snapshot.unavailable.connectedApps = `no connected apps in ${dir}`;

  for (const read of settingsReads) {
    Object.assign(snapshot.settings, read.settings);
    Object.assign(snapshot.unavailable, read.unavailable);
    if (read.mfaRequiredOrgWide !== undefined) snapshot.mfaRequiredOrgWide = read.mfaRequiredOrgWide;
  }
  if (settingsReads.length === 0) snapshot.unavailable.settings = `no Security.settings in ${dir}`;
  if (!components.some((component) => component.type === 'Settings' && component.fullName === 'Security')) {
    for (const key of SECURITY_SETTING_KEYS) snapshot.unavailable[key] ??= `no Security.settings in ${dir}`;
    snapshot.unavailable.mfaRequiredOrgWide ??= `no Security.settings in ${dir}`;
  }
  if (!components.some((component) => component.type === 'Settings' && component.fullName === 'FileUploadAndDownloadSecurity')) {
    snapshot.unavailable['FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes'] ??=
      `no FileUploadAndDownloadSecurity.settings in ${dir}`;
  }
  // What retrieved metadata can never hold: the rules reading it do not apply offline (the run stays complete).
  snapshot.notApplicable = {};
  for (const [key, reason] of Object.entries(SETTINGS_NOT_IN_METADATA)) {
    if (!(key in snapshot.settings)) snapshot.notApplicable[key] = reason;
  }
  for (const key of ['users', 'assignments', 'logins', 'auditTrail', 'governanceAreas', 'risks', 'decisions', 'integrations', 'findings']) {
    snapshot.notApplicable[key] = LIVE_ONLY;
  }
  await addOperatingModelMetadata(absolute, snapshot);
  return { snapshot, stats: { files } };
}
