import type { ObjectPermission, PermissionHolder } from '../../snapshot';
import { declare, field } from './declare';

/**
 * Live counterpart of collectors/metadata/holders.ts: the same holders, read from the sObjects that
 * back them. A profile's permissions live on the permission set it owns; a group's totals (muting
 * applied by Salesforce) on its aggregate permission set of Type `Group`.
 */

export const PROFILE = declare({
  object: 'Profile',
  parts: ['holders'],
  grant: 'View Setup and Configuration',
  shape: { id: field.id(), name: field.required('Name'), license: field.text('UserLicense.Name') }
});

const setShape = {
  id: field.id(),
  name: field.required('Name'),
  label: field.text('Label'),
  ownedByProfile: field.flag('IsOwnedByProfile'),
  profileId: field.text('ProfileId'),
  custom: field.maybeFlag('IsCustom'),
  type: field.text('Type'),
  groupId: field.text('PermissionSetGroupId'),
  namespace: field.text('NamespacePrefix')
};
export type SetRow = {
  id: string;
  name: string;
  label?: string;
  ownedByProfile: boolean;
  profileId?: string;
  custom?: boolean;
  type?: string;
  groupId?: string;
  namespace?: string;
  /** Enabled permissions among those read, without the `Permissions` prefix. */
  grants: string[];
};

/** The PermissionSet declaration for the permission fields this org has (checked against describe). */
export function permissionSetDeclaration(permissionFields: readonly string[]) {
  const grants = {
    select: permissionFields,
    key: '',
    read: (record: unknown): string[] =>
      permissionFields.filter((name) => (record as Record<string, unknown>)[name] === true).map((name) => name.replace(/^Permissions/, ''))
  };
  return declare<SetRow>({
    object: 'PermissionSet',
    parts: ['holders'],
    grant: 'View Setup and Configuration',
    shape: { ...setShape, grants }
  });
}

export const PERMISSION_SET_GROUP = declare({
  object: 'PermissionSetGroup',
  parts: ['holders'],
  grant: 'View Setup and Configuration',
  shape: {
    id: field.id(),
    name: field.required('DeveloperName'),
    label: field.text('MasterLabel'),
    namespace: field.text('NamespacePrefix')
  }
});

export const GROUP_COMPONENT = declare({
  object: 'PermissionSetGroupComponent',
  parts: ['holders'],
  grant: 'View Setup and Configuration',
  shape: { groupId: field.required('PermissionSetGroupId'), setId: field.required('PermissionSetId') }
});

export const OBJECT_PERMISSION = declare({
  object: 'ObjectPermissions',
  parts: ['holders'],
  grant: 'View Setup and Configuration',
  shape: {
    parentId: field.required('ParentId'),
    object: field.required('SobjectType'),
    allowRead: field.flag('PermissionsRead'),
    allowCreate: field.flag('PermissionsCreate'),
    allowEdit: field.flag('PermissionsEdit'),
    allowDelete: field.flag('PermissionsDelete'),
    viewAllRecords: field.flag('PermissionsViewAllRecords'),
    modifyAllRecords: field.flag('PermissionsModifyAllRecords')
  }
});
/** Only object-wide access is judged, so only those rows are read. */
export const OBJECT_PERMISSION_WHERE = 'PermissionsViewAllRecords = true OR PermissionsModifyAllRecords = true';

type ProfileRow = { id: string; name: string; license?: string };
type GroupRow = { id: string; name: string; label?: string; namespace?: string };
type ObjectRow = Omit<ObjectPermission, 'location'> & { parentId: string };

/** Managed (namespaced) sets and groups are not the org's own. */
const own = (namespace?: string) => namespace === undefined;

export function readProfile(set: SetRow, profile: ProfileRow | undefined, objects: ObjectPermission[]): PermissionHolder {
  return {
    type: 'Profile',
    name: profile?.name ?? set.label ?? set.id,
    id: set.profileId,
    custom: set.custom === true,
    license: profile?.license,
    userPermissions: set.grants,
    objectPermissions: objects
  };
}

export function readPermissionSet(set: SetRow, objects: ObjectPermission[]): PermissionHolder {
  return {
    type: 'PermissionSet',
    name: set.name,
    label: set.label,
    id: set.id,
    custom: set.custom !== false && own(set.namespace),
    userPermissions: set.grants,
    objectPermissions: objects
  };
}

export function readPermissionSetGroup(
  group: GroupRow,
  aggregate: SetRow | undefined,
  objects: ObjectPermission[],
  members: string[]
): PermissionHolder {
  return {
    type: 'PermissionSetGroup',
    name: group.name,
    label: group.label,
    id: group.id,
    custom: own(group.namespace),
    userPermissions: aggregate?.grants ?? [],
    objectPermissions: aggregate ? objects : [],
    memberPermissionSets: members
  };
}

/** Profiles, permission sets and groups, each with its object-wide access; assignees are added later. */
export function buildHolders(
  profiles: ProfileRow[],
  sets: SetRow[],
  groups: GroupRow[],
  components: Array<{ groupId: string; setId: string }>,
  objectRows: ObjectRow[]
): { holders: PermissionHolder[]; holderBySetId: Map<string, PermissionHolder> } {
  const profileById = new Map(profiles.map((profile) => [profile.id, profile]));
  const objectsBySet = new Map<string, ObjectPermission[]>();
  for (const { parentId, ...objectPermission } of objectRows) {
    const list = objectsBySet.get(parentId) ?? [];
    list.push(objectPermission);
    objectsBySet.set(parentId, list);
  }
  const setNameById = new Map(sets.map((set) => [set.id, set.name]));
  const aggregateByGroup = new Map(sets.filter((set) => set.groupId).map((set) => [set.groupId!, set]));
  const holders: PermissionHolder[] = [];
  const holderBySetId = new Map<string, PermissionHolder>();
  for (const set of sets) {
    const objects = objectsBySet.get(set.id) ?? [];
    let holder: PermissionHolder | undefined;
    if (set.ownedByProfile) holder = readProfile(set, set.profileId ? profileById.get(set.profileId) : undefined, objects);
    else if (set.type !== 'Group' && !set.groupId) holder = readPermissionSet(set, objects);
    if (!holder) continue;
    holders.push(holder);
    holderBySetId.set(set.id, holder);
  }
  for (const group of groups) {
    const aggregate = aggregateByGroup.get(group.id);
    const members = components.filter((row) => row.groupId === group.id).map((row) => setNameById.get(row.setId) ?? row.setId);
    const holder = readPermissionSetGroup(group, aggregate, aggregate ? (objectsBySet.get(aggregate.id) ?? []) : [], members);
    holders.push(holder);
    // A group's assignments name its aggregate permission set.
    if (aggregate) holderBySetId.set(aggregate.id, holder);
  }
  return { holders, holderBySetId };
}
