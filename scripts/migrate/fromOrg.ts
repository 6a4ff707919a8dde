import { jsonText } from '../lib/json';
import type { Connection } from '@salesforce/core';
import type { Profile as ToolingProfile } from '@salesforce/types/lib/tooling';
import { XMLBuilder } from 'fast-xml-parser';
import { OrgApi } from '../health/collectors/api/orgApi';
import { UsageError } from '../lib/errors';

/**
 * A profile read from a live org: Tooling `Profile.Metadata` (the Metadata API's Profile as JSON),
 * through the sf CLI's stored login and the real @salesforce/core connection, turned back into the
 * .profile-meta.xml a retrieve would write, so the same migration runs on it as on a file.
 */

/** Profile sections a retrieve has that the Tooling API's Profile type (from the WSDL) does not carry. */
export const NOT_IN_TOOLING = [
  'customMetadataTypeAccesses',
  'customSettingAccesses',
  'flowAccesses',
  'layoutAssignments',
  'loginFlows',
  'categoryGroupVisibilities'
] as const;

/** Keys of the JSON that are not Profile elements of a source file. */
const NOT_ELEMENTS = new Set(['fullName', 'urls']);

type Json = null | undefined | boolean | number | string | Json[] | { [key: string]: Json };

const builder = new XMLBuilder({ format: true, indentBy: '    ', ignoreAttributes: false, attributeNamePrefix: '@_' });

/** A JSON value as XML text: booleans and numbers as the Metadata API writes them; nulls and empty values left out. */
function toXmlValue(value: Json): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const items = value.map(toXmlValue).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  const entries = Object.entries(value)
    .map(([key, item]) => [key, toXmlValue(item)] as const)
    .filter(([, item]) => item !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * Tooling Profile.Metadata → Profile XML. Unset fields come back as null or are absent, list sections
 * as [] or absent, booleans as JSON booleans: every variant gives the same file.
 */
export function toolingProfileXml(metadata: Partial<ToolingProfile> | Record<string, unknown>): string {
  const body = Object.fromEntries(
    Object.entries(metadata as Record<string, Json>)
      .filter(([key]) => !NOT_ELEMENTS.has(key))
      .map(([key, value]) => [key, toXmlValue(value)] as const)
      .filter(([, value]) => value !== undefined)
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    Profile: { '@_xmlns': 'http://soap.sforce.com/2006/04/metadata', ...body }
  })}`;
}

export type OrgProfile = {
  /** The profile's Metadata API name (FullName: `Admin` for System Administrator), else its Name. */
  fullName: string;
  name: string;
  xml: string;
  /** Sections a retrieve would have and this org's Tooling answer did not. */
  missingSections: string[];
};

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Reads one profile by its name (as Setup shows it) or its Metadata API name. A Tooling query that
 * selects Metadata may match one row only, so the name is looked up first, then the profile is read by Id.
 */
export async function readOrgProfile(connection: Connection, targetOrg: string, profile: string): Promise<OrgProfile> {
  const api = new OrgApi(connection, { org: targetOrg, minApiBudgetShare: 0, concurrency: 1 });
  const matches = await api.queryAll(`SELECT Id, Name FROM Profile WHERE Name = ${quote(profile)}`, { tooling: true, what: 'Profile' });
  let id = matches[0]?.Id;
  if (!id) {
    // A Metadata API name (Admin, Standard, ...) differs from the Setup name of standard profiles: look it up among all.
    const all = await api.queryAll('SELECT Id, Name FROM Profile', { tooling: true, what: 'Profile' });
    for (const candidate of all) {
      const [row] = await api.queryAll(`SELECT Id, FullName FROM Profile WHERE Id = ${quote(String(candidate.Id))}`, {
        tooling: true,
        what: 'Profile'
      });
      if (row?.FullName === profile) id = candidate.Id;
      if (id) break;
    }
    if (!id)
      throw new UsageError('ProfileNotInOrg', `There is no profile named "${profile}" in ${targetOrg} (--profile).`, [
        `List the org's profiles: sf data query --use-tooling-api --query "SELECT Name FROM Profile" --target-org ${targetOrg}`
      ]);
  }
  const [row] = await api.queryAll(`SELECT Id, Name, FullName, Metadata FROM Profile WHERE Id = ${quote(jsonText(id))}`, {
    tooling: true,
    what: 'Profile'
  });
  const metadata = (row?.Metadata ?? null) as Record<string, unknown> | null;
  if (!metadata)
    throw new UsageError('ProfileWithoutMetadata', `The org returned no Metadata for the profile "${profile}" in ${targetOrg}.`, [
      'Check that your user has View Setup and Configuration, or retrieve the profile (sf project retrieve start --metadata Profile:NAME) and give the file to --profile.'
    ]);
  const name = jsonText(row.Name) || profile;
  const fullName = typeof row.FullName === 'string' && row.FullName !== '' ? row.FullName : name;
  return {
    fullName,
    name,
    xml: toolingProfileXml(metadata),
    missingSections: NOT_IN_TOOLING.filter((section) => metadata[section] === undefined || metadata[section] === null)
  };
}
