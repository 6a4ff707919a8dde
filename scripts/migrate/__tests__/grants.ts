import { XMLParser } from 'fast-xml-parser';

const listParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: () => true });

/** Every grant as one comparable string: system permissions, object access, field access, tabs, apps, classes, pages, ... */
export function grants(text: string, kind: 'Profile' | 'PermissionSet'): Set<string> {
  const node = ((listParser.parse(text) as Record<string, unknown[]>)[kind]?.[0] ?? {}) as Record<string, Array<Record<string, string[]>>>;
  const out = new Set<string>();
  const v = (entry: Record<string, string[]>, key: string) => entry[key]?.[0];
  for (const entry of node.userPermissions ?? []) if (v(entry, 'enabled') === 'true') out.add(`user:${v(entry, 'name')}`);
  for (const entry of node.objectPermissions ?? [])
    for (const key of ['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords', 'viewAllRecords'])
      if (v(entry, key) === 'true') out.add(`object:${v(entry, 'object')}:${key}`);
  for (const entry of node.fieldPermissions ?? [])
    for (const key of ['readable', 'editable']) if (v(entry, key) === 'true') out.add(`field:${v(entry, 'field')}:${key}`);
  for (const entry of node.tabVisibilities ?? []) if (v(entry, 'visibility') !== 'Hidden') out.add(`tab:${v(entry, 'tab')}`);
  for (const entry of node.tabSettings ?? []) if (v(entry, 'visibility') !== 'None') out.add(`tab:${v(entry, 'tab')}`);
  for (const entry of node.applicationVisibilities ?? []) if (v(entry, 'visible') === 'true') out.add(`app:${v(entry, 'application')}`);
  for (const entry of node.classAccesses ?? []) if (v(entry, 'enabled') === 'true') out.add(`class:${v(entry, 'apexClass')}`);
  for (const entry of node.pageAccesses ?? []) if (v(entry, 'enabled') === 'true') out.add(`page:${v(entry, 'apexPage')}`);
  for (const entry of node.customPermissions ?? []) if (v(entry, 'enabled') === 'true') out.add(`custom:${v(entry, 'name')}`);
  for (const entry of node.recordTypeVisibilities ?? [])
    if (v(entry, 'visible') === 'true') out.add(`recordType:${v(entry, 'recordType')}`);
  return out;
}
