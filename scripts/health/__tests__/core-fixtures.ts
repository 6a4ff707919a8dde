import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OrgSnapshot, PermissionHolder } from '../snapshot';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

/** Writes files (relative path → content) into a fresh temp folder and returns it. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'health-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export function userPermission(name: string, enabled = true): string {
  return `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
}

export function objectPermission(object: string, viewAll: boolean, modifyAll: boolean): string {
  return [
    '    <objectPermissions>',
    '        <allowCreate>true</allowCreate>',
    '        <allowDelete>true</allowDelete>',
    '        <allowEdit>true</allowEdit>',
    '        <allowRead>true</allowRead>',
    `        <modifyAllRecords>${modifyAll}</modifyAllRecords>`,
    `        <object>${object}</object>`,
    `        <viewAllRecords>${viewAll}</viewAllRecords>`,
    '    </objectPermissions>'
  ].join('\n');
}

export function profileXml(body: string[], options: { custom?: boolean; license?: string; ipRanges?: boolean } = {}): string {
  const ranges = options.ipRanges
    ? '    <loginIpRanges>\n        <endAddress>10.0.0.255</endAddress>\n        <startAddress>10.0.0.0</startAddress>\n    </loginIpRanges>'
    : '';
  return [
    XML_HEAD,
    `<Profile ${NS}>`,
    `    <custom>${options.custom ?? true}</custom>`,
    ranges,
    `    <userLicense>${options.license ?? 'Salesforce'}</userLicense>`,
    ...body,
    '</Profile>',
    ''
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function permissionSetXml(label: string, body: string[]): string {
  return [XML_HEAD, `<PermissionSet ${NS}>`, `    <label>${label}</label>`, ...body, '</PermissionSet>', ''].join('\n');
}

export function groupXml(label: string, members: string[], muting: string[] = []): string {
  return [
    XML_HEAD,
    `<PermissionSetGroup ${NS}>`,
    `    <label>${label}</label>`,
    ...muting.map((name) => `    <mutingPermissionSets>${name}</mutingPermissionSets>`),
    ...members.map((name) => `    <permissionSets>${name}</permissionSets>`),
    '    <status>Updated</status>',
    '</PermissionSetGroup>',
    ''
  ].join('\n');
}

export function mutingXml(label: string, body: string[]): string {
  return [XML_HEAD, `<MutingPermissionSet ${NS}>`, `    <label>${label}</label>`, ...body, '</MutingPermissionSet>', ''].join('\n');
}

export function connectedAppXml(label: string, adminApproved: boolean | undefined): string {
  return [
    XML_HEAD,
    `<ConnectedApp ${NS}>`,
    '    <contactEmail>owner@example.com</contactEmail>',
    `    <label>${label}</label>`,
    '    <oauthConfig>',
    '        <callbackUrl>https://example.com/cb</callbackUrl>',
    adminApproved === undefined ? '' : `        <isAdminApproved>${adminApproved}</isAdminApproved>`,
    '        <scopes>Api</scopes>',
    '    </oauthConfig>',
    '</ConnectedApp>',
    ''
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Security.settings; `compliant` chooses values that pass or fail the baseline standard. */
export function securitySettingsXml(compliant: boolean, ipRanges = compliant): string {
  const bool = (good: boolean) => String(compliant ? good : !good);
  return [
    XML_HEAD,
    `<SecuritySettings ${NS}>`,
    `    <enableAdminLoginAsAnyUser>${bool(false)}</enableAdminLoginAsAnyUser>`,
    ipRanges
      ? '    <networkAccess>\n        <ipRanges>\n            <end>10.0.0.255</end>\n            <start>10.0.0.0</start>\n        </ipRanges>\n    </networkAccess>'
      : '    <networkAccess/>',
    '    <passwordPolicies>',
    `        <complexity>${compliant ? 'UpperLowerCaseNumeric' : 'NoRestriction'}</complexity>`,
    `        <expiration>${compliant ? 'NinetyDays' : 'SixMonths'}</expiration>`,
    `        <historyRestriction>${compliant ? 3 : 0}</historyRestriction>`,
    `        <lockoutInterval>${compliant ? 'ThirtyMinutes' : 'FifteenMinutes'}</lockoutInterval>`,
    `        <maxLoginAttempts>${compliant ? 'ThreeAttempts' : 'NoLimit'}</maxLoginAttempts>`,
    `        <minimumPasswordLength>${compliant ? 12 : 5}</minimumPasswordLength>`,
    `        <minimumPasswordLifetime>${bool(true)}</minimumPasswordLifetime>`,
    `        <obscureSecretAnswer>${bool(true)}</obscureSecretAnswer>`,
    `        <questionRestriction>${compliant ? 'DoesNotContainPassword' : 'None'}</questionRestriction>`,
    '    </passwordPolicies>',
    '    <sessionSettings>',
    ...[
      'enableCSPOnEmail',
      'enableCSRFOnGet',
      'enableCSRFOnPost',
      'enableClickjackNonsetupSFDC',
      'enableClickjackNonsetupUser',
      'enableClickjackNonsetupUserHeaderless',
      'enableClickjackSetup',
      'enableContentSniffingProtection',
      'enableMFADirectUILoginOptIn',
      'enableSMSIdentity',
      'enforceIpRangesEveryRequest',
      'forceLogoutOnSessionTimeout',
      'forceRelogin',
      'identityConfirmationOnEmailChange',
      'identityConfirmationOnTwoFactorRegistrationEnabled',
      'lockSessionsToDomain',
      'lockSessionsToIp',
      'requireHttpOnly',
      'terminateUserSessionsWhenAdminResetsPassword'
    ].map((field) => `        <${field}>${bool(true)}</${field}>`),
    `        <sessionTimeout>${compliant ? 'ThirtyMinutes' : 'TwentyFourHours'}</sessionTimeout>`,
    '    </sessionSettings>',
    '    <singleSignOnSettings>',
    `        <enableSamlLogin>${bool(true)}</enableSamlLogin>`,
    '    </singleSignOnSettings>',
    '</SecuritySettings>',
    ''
  ].join('\n');
}

export const SFDX_PROJECT = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' });
export const SOURCE = 'force-app/main/default';

export function holder(
  type: PermissionHolder['type'],
  name: string,
  userPermissions: string[],
  extra: Partial<PermissionHolder> = {}
): PermissionHolder {
  return { type, name, userPermissions, objectPermissions: [], ...extra };
}

/** A live-looking snapshot with nothing in it; tests add what the rule under test reads. */
export function liveSnapshot(extra: Partial<OrgSnapshot> = {}): OrgSnapshot {
  return {
    source: 'org',
    orgId: '00D000000000001',
    takenAt: '2025-06-30T12:00:00.000Z',
    holders: [],
    settings: {},
    unavailable: {},
    connectedApps: [],
    users: [],
    assignments: [],
    logins: [],
    auditTrail: [],
    governanceAreas: [],
    risks: [],
    decisions: [],
    integrations: [],
    findings: [],
    ...extra
  };
}
