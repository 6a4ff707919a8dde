import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ComponentSet, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { UsageError } from '../../lib/errors';
import type { ConnectedApp, OrgSnapshot, PermissionHolder } from '../snapshot';
import { readConnectedApp } from './metadata/connectedApps';
import {
  readMutingPermissionSet,
  readPermissionSet,
  readPermissionSetGroup,
  readProfile,
  resolveGroup,
  type GroupDefinition,
  type MutingSet
} from './metadata/holders';
import { readFileUploadSettings, readSecuritySettings, SETTINGS_NOT_IN_METADATA, type SettingsRead } from './metadata/settings';
import { parseXmlFile, type ParsedXml } from '../../lib/xml';
import { displayPath } from '../../lib/paths';
import { LIVE_ONLY } from '../reasons';

/** Metadata types the checks read; everything else in the folder is ignored. */
const READ_TYPES = new Set(['Profile', 'PermissionSet', 'PermissionSetGroup', 'MutingPermissionSet', 'ConnectedApp', 'Settings']);
const READ_SETTINGS = new Set(['Security', 'FileUploadAndDownloadSecurity']);

export type MetadataCollectOptions = { progress?: (message: string) => void };

/** Stats for tests and the progress line: which files were parsed, by kind. */
export type MetadataReadStats = { files: string[] };

function resolveComponents(dir: string): SourceComponent[] {
  try {
    return ComponentSet.fromSource(dir)
      .getSourceComponents()
      .toArray()
      .filter((component) => READ_TYPES.has(component.type.name));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError('MetadataResolveFailed', `Cannot resolve the metadata in ${dir}: ${message}`, [
      'Point --metadata-dir at a folder retrieved with `sf project retrieve start` (source format) or a Metadata API (package.xml) folder.'
    ]);
  }
}

async function load(component: SourceComponent): Promise<ParsedXml | undefined> {
  if (!component.xml) return undefined;
  const text = await readFile(component.xml, 'utf8');
  return parseXmlFile(displayPath(component.xml), text);
}

/**
 * Reads a retrieved metadata folder (source or Metadata API format) into the snapshot the rules
 * read. One file at a time: each file's text is dropped once parsed, so 24 MB of profiles stay cheap.
 */
export async function collectMetadataSnapshot(dir: string, options: MetadataCollectOptions = {}): Promise<OrgSnapshot> {
  return (await collectMetadataSnapshotWithStats(dir, options)).snapshot;
}

export async function collectMetadataSnapshotWithStats(
  dir: string,
  options: MetadataCollectOptions = {}
): Promise<{ snapshot: OrgSnapshot; stats: MetadataReadStats }> {
  const absolute = resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError('MetadataDirNotFound', `--metadata-dir ${dir} is not a directory.`, [
      'Retrieve the metadata first, e.g. `sf project retrieve start --metadata Profile PermissionSet PermissionSetGroup ConnectedApp Settings:Security`.'
    ]);
  }
  const components = resolveComponents(absolute);
  options.progress?.(`Reading ${components.length} metadata components from ${dir}`);

  const profiles: PermissionHolder[] = [];
  const permissionSets = new Map<string, PermissionHolder>();
  const groups: GroupDefinition[] = [];
  const mutingSets = new Map<string, MutingSet>();
  const connectedApps: ConnectedApp[] = [];
  const settingsReads: SettingsRead[] = [];
  const files: string[] = [];

  for (const component of components) {
    const typeName = component.type.name;
    if (typeName === 'Settings' && !READ_SETTINGS.has(component.fullName)) continue;
    const xml = await load(component);
    if (!xml) continue;
    files.push(xml.file);
    switch (typeName) {
      case 'Profile':
        profiles.push(readProfile(component.fullName, xml));
        break;
      case 'PermissionSet':
        permissionSets.set(component.fullName, readPermissionSet(component.fullName, xml));
        break;
      case 'PermissionSetGroup':
        groups.push(readPermissionSetGroup(component.fullName, xml));
        break;
      case 'MutingPermissionSet':
        mutingSets.set(component.fullName, readMutingPermissionSet(component.fullName, xml));
        break;
      case 'ConnectedApp':
        connectedApps.push(readConnectedApp(component.fullName, xml));
        break;
      case 'Settings':
        settingsReads.push(component.fullName === 'Security' ? readSecuritySettings(xml) : readFileUploadSettings(xml));
        break;
    }
  }

  const unavailable: Record<string, string> = {};
  for (const group of groups) {
    const missing = resolveGroup(group, permissionSets, mutingSets);
    if (missing.length > 0) {
      unavailable[`PermissionSetGroup.${group.holder.name}`] =
        `member permission sets not in ${dir}: ${missing.join(', ')} (their grants are not counted)`;
    }
  }

  if (profiles.length + permissionSets.size + groups.length + connectedApps.length + settingsReads.length === 0) {
    throw new UsageError(
      'NothingToCheck',
      `${dir} holds nothing the health check reads (no profiles, permission sets, permission set groups, connected apps or Security/FileUploadAndDownloadSecurity settings).`,
      [
        'Retrieve them with `sf project retrieve start --metadata Profile PermissionSet PermissionSetGroup ConnectedApp Settings:Security`, or point --metadata-dir at the right folder.'
      ]
    );
  }

  const snapshot: OrgSnapshot = {
    source: 'metadata',
    takenAt: new Date().toISOString(),
    holders: [...profiles, ...permissionSets.values(), ...groups.map((group) => group.holder)],
    settings: {},
    unavailable,
    connectedApps
  };
  for (const read of settingsReads) {
    Object.assign(snapshot.settings, read.settings);
    Object.assign(snapshot.unavailable, read.unavailable);
    if (read.mfaRequiredOrgWide !== undefined) snapshot.mfaRequiredOrgWide = read.mfaRequiredOrgWide;
  }
  if (!settingsReads.some((read) => 'Identity.mfaEnabled' in read.settings || 'Identity.mfaEnabled' in read.unavailable)) {
    snapshot.unavailable.mfaRequiredOrgWide ??= `no Security.settings in ${dir}`;
  }
  // What retrieved metadata can never hold: the rules reading it do not apply offline (the run stays complete).
  snapshot.notApplicable = {};
  for (const [key, reason] of Object.entries(SETTINGS_NOT_IN_METADATA)) {
    if (!(key in snapshot.settings)) snapshot.notApplicable[key] = reason;
  }
  for (const key of ['users', 'assignments', 'logins', 'auditTrail', 'governanceAreas', 'risks', 'decisions', 'integrations', 'findings']) {
    snapshot.notApplicable[key] = LIVE_ONLY;
  }
  return { snapshot, stats: { files } };
}
