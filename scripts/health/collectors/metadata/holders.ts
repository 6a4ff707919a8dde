import type { HolderType, LoginIpRange, ObjectPermission, PermissionHolder, SourceLocation } from '../../snapshot';
import { asArray, asNode, asText, isTrue, tagOffsets, type ParsedXml, type XmlNode } from '../../../lib/xml';

/** Where a repeated root-level element starts, by its index in document order (undefined when comments make the count differ). */
function elementLocations(xml: ParsedXml, tag: string, parsedCount: number): (index: number) => SourceLocation {
  const offsets = tagOffsets(xml.text, tag);
  const aligned = offsets.length === parsedCount;
  return (index) => (aligned ? { file: xml.file, line: xml.lineAt(offsets[index]) } : { file: xml.file });
}

function readUserPermissions(xml: ParsedXml, root: XmlNode): { names: string[]; locations: Record<string, SourceLocation> } {
  const entries = asArray(root.userPermissions);
  const locate = elementLocations(xml, 'userPermissions', entries.length);
  const names: string[] = [];
  const locations: Record<string, SourceLocation> = {};
  entries.forEach((entry, index) => {
    const name = asText(entry.name);
    // `<enabled>false</enabled>` is a listed permission that is not granted.
    if (!name || !isTrue(entry.enabled) || name in locations) return;
    names.push(name);
    locations[name] = locate(index);
  });
  return { names, locations };
}

function readObjectPermissions(xml: ParsedXml, root: XmlNode): ObjectPermission[] {
  const entries = asArray(root.objectPermissions);
  const locate = elementLocations(xml, 'objectPermissions', entries.length);
  return entries.map((entry, index) => ({
    object: asText(entry.object) ?? '',
    allowRead: isTrue(entry.allowRead),
    allowCreate: isTrue(entry.allowCreate),
    allowEdit: isTrue(entry.allowEdit),
    allowDelete: isTrue(entry.allowDelete),
    viewAllRecords: isTrue(entry.viewAllRecords),
    modifyAllRecords: isTrue(entry.modifyAllRecords),
    location: locate(index)
  }));
}

function readLoginIpRanges(root: XmlNode): LoginIpRange[] {
  return asArray(root.loginIpRanges).map((range) => ({
    startAddress: asText(range.startAddress) ?? '',
    endAddress: asText(range.endAddress) ?? '',
    description: asText(range.description)
  }));
}

/** Managed (namespaced) permission sets are not the org's own. */
function isNamespaced(name: string): boolean {
  return /^[A-Za-z0-9]+__[A-Za-z]/.test(name);
}

function baseHolder(type: HolderType, name: string, xml: ParsedXml, root: XmlNode): PermissionHolder {
  const permissions = readUserPermissions(xml, root);
  return {
    type,
    name,
    label: asText(root.label),
    userPermissions: permissions.names,
    permissionLocations: permissions.locations,
    objectPermissions: readObjectPermissions(xml, root),
    location: { file: xml.file, line: 1 }
  };
}

export function readProfile(name: string, xml: ParsedXml): PermissionHolder {
  const root = asNode(xml.root.Profile) ?? {};
  const loginHours = asNode(root.loginHours);
  return {
    ...baseHolder('Profile', name, xml, root),
    custom: asText(root.custom) === undefined ? undefined : isTrue(root.custom),
    license: asText(root.userLicense),
    // Retrieved profiles list their ranges; none listed means none set.
    loginIpRanges: readLoginIpRanges(root),
    hasLoginHours: loginHours !== undefined && Object.keys(loginHours).length > 0
  };
}

export function readPermissionSet(name: string, xml: ParsedXml): PermissionHolder {
  const root = asNode(xml.root.PermissionSet) ?? {};
  return {
    ...baseHolder('PermissionSet', name, xml, root),
    custom: !isNamespaced(name),
    license: asText(root.license)
  };
}

/** A muting permission set: what it lists as enabled is removed from its group. */
export type MutingSet = { name: string; mutedPermissions: string[]; mutedObjects: ObjectPermission[] };

export function readMutingPermissionSet(name: string, xml: ParsedXml): MutingSet {
  const root = asNode(xml.root.MutingPermissionSet) ?? {};
  return {
    name,
    mutedPermissions: readUserPermissions(xml, root).names,
    mutedObjects: readObjectPermissions(xml, root)
  };
}

export type GroupDefinition = { holder: PermissionHolder; mutingSetNames: string[] };

export function readPermissionSetGroup(name: string, xml: ParsedXml): GroupDefinition {
  const root = asNode(xml.root.PermissionSetGroup) ?? {};
  return {
    holder: {
      type: 'PermissionSetGroup',
      name,
      label: asText(root.label),
      custom: !isNamespaced(name),
      userPermissions: [],
      permissionLocations: {},
      objectPermissions: [],
      memberPermissionSets: asArray<string>(root.permissionSets).map((member) => String(member)),
      mutedPermissions: [],
      location: { file: xml.file, line: 1 }
    },
    mutingSetNames: asArray<string>(root.mutingPermissionSets).map((member) => String(member))
  };
}

/**
 * A group grants what its members grant minus what its muting sets mute. Grants point at the
 * member permission set's line, where the permission is actually written.
 * Returns the member names that are not in the folder.
 */
export function resolveGroup(
  group: GroupDefinition,
  permissionSets: Map<string, PermissionHolder>,
  mutingSets: Map<string, MutingSet>
): string[] {
  const muted = new Set<string>();
  const mutedObjects = new Map<string, ObjectPermission>();
  for (const mutingName of group.mutingSetNames) {
    const muting = mutingSets.get(mutingName);
    muting?.mutedPermissions.forEach((permission) => muted.add(permission));
    muting?.mutedObjects.forEach((objectPermission) => mutedObjects.set(objectPermission.object, objectPermission));
  }
  const holder = group.holder;
  holder.mutedPermissions = [...muted];
  const missing: string[] = [];
  const objects = new Map<string, ObjectPermission>();
  for (const memberName of holder.memberPermissionSets ?? []) {
    const member = permissionSets.get(memberName);
    if (!member) {
      missing.push(memberName);
      continue;
    }
    for (const permission of member.userPermissions) {
      if (muted.has(permission) || holder.userPermissions.includes(permission)) continue;
      holder.userPermissions.push(permission);
      const location = member.permissionLocations?.[permission];
      if (location && holder.permissionLocations) holder.permissionLocations[permission] = location;
    }
    for (const objectPermission of member.objectPermissions) {
      const mutedObject = mutedObjects.get(objectPermission.object);
      const merged = objects.get(objectPermission.object) ?? { ...objectPermission, viewAllRecords: false, modifyAllRecords: false };
      const viewAll = objectPermission.viewAllRecords && !mutedObject?.viewAllRecords;
      const modifyAll = objectPermission.modifyAllRecords && !mutedObject?.modifyAllRecords;
      // The finding points at the member whose line grants the object-wide access, not at the first member listing the object.
      if ((viewAll && !merged.viewAllRecords) || (modifyAll && !merged.modifyAllRecords)) merged.location = objectPermission.location;
      merged.viewAllRecords ||= viewAll;
      merged.modifyAllRecords ||= modifyAll;
      objects.set(objectPermission.object, merged);
    }
  }
  holder.objectPermissions = [...objects.values()];
  return missing;
}

/** How many permission entries a file lists (enabled or not): none at all means the section was not retrieved. */
export function permissionSections(xml: ParsedXml, rootTag: string): { userPermissions: number; objectPermissions: number } {
  const root = asNode(xml.root[rootTag]) ?? {};
  return { userPermissions: asArray(root.userPermissions).length, objectPermissions: asArray(root.objectPermissions).length };
}

function mergeObjectPermissions(first: ObjectPermission[], second: ObjectPermission[]): ObjectPermission[] {
  const byObject = new Map(first.map((entry) => [entry.object, { ...entry }]));
  for (const entry of second) {
    const merged = byObject.get(entry.object);
    if (!merged) {
      byObject.set(entry.object, { ...entry });
      continue;
    }
    if ((entry.viewAllRecords && !merged.viewAllRecords) || (entry.modifyAllRecords && !merged.modifyAllRecords))
      merged.location = entry.location;
    for (const key of ['allowRead', 'allowCreate', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'] as const) {
      merged[key] ||= entry[key];
    }
  }
  return [...byObject.values()];
}

/**
 * Two copies of one holder (a source-format file beside a stray Metadata API copy): either may be
 * what the org holds, so the grants of both count and the restrictions of the weaker apply.
 */
export function mergeHolders(first: PermissionHolder, second: PermissionHolder): PermissionHolder {
  const userPermissions = [...first.userPermissions];
  const permissionLocations = { ...(first.permissionLocations ?? {}) };
  for (const permission of second.userPermissions) {
    if (userPermissions.includes(permission)) continue;
    userPermissions.push(permission);
    const location = second.permissionLocations?.[permission];
    if (location) permissionLocations[permission] = location;
  }
  const ranges =
    first.loginIpRanges && second.loginIpRanges ? (first.loginIpRanges.length === 0 ? first : second).loginIpRanges : undefined;
  return {
    ...first,
    label: first.label ?? second.label,
    custom: first.custom ?? second.custom,
    license: first.license ?? second.license,
    userPermissions,
    permissionLocations,
    objectPermissions: mergeObjectPermissions(first.objectPermissions, second.objectPermissions),
    ...(first.type === 'Profile' ? { loginIpRanges: ranges, hasLoginHours: Boolean(first.hasLoginHours && second.hasLoginHours) } : {})
  };
}

/** Two copies of one muting set: only what both mute is surely muted. */
export function mergeMutingSets(first: MutingSet, second: MutingSet): MutingSet {
  const objects = new Map(second.mutedObjects.map((entry) => [entry.object, entry]));
  return {
    name: first.name,
    mutedPermissions: first.mutedPermissions.filter((permission) => second.mutedPermissions.includes(permission)),
    mutedObjects: first.mutedObjects
      .filter((entry) => objects.has(entry.object))
      .map((entry) => ({
        ...entry,
        viewAllRecords: entry.viewAllRecords && Boolean(objects.get(entry.object)?.viewAllRecords),
        modifyAllRecords: entry.modifyAllRecords && Boolean(objects.get(entry.object)?.modifyAllRecords)
      }))
  };
}

/** Two copies of one group: the members of both, the muting sets both list. */
export function mergeGroups(first: GroupDefinition, second: GroupDefinition): GroupDefinition {
  const members = [...new Set([...(first.holder.memberPermissionSets ?? []), ...(second.holder.memberPermissionSets ?? [])])];
  return {
    holder: { ...first.holder, memberPermissionSets: members },
    mutingSetNames: first.mutingSetNames.filter((name) => second.mutingSetNames.includes(name))
  };
}
