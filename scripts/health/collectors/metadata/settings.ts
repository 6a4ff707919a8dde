import type { SettingValue } from '../../snapshot';
import { asArray, asNode, asText, isTrue, tagOffsets, type ParsedXml, type XmlNode } from '../../../lib/xml';

type Kind = 'boolean' | 'number' | 'enum';

/**
 * Baseline setting (`Group.setting`, as the Health Check baseline XML names it) → where
 * Security.settings keeps it (`section` null = a field of SecuritySettings itself).
 */
export const SECURITY_FIELDS: {
  key: string;
  section: 'sessionSettings' | 'passwordPolicies' | 'singleSignOnSettings' | null;
  field: string;
  kind: Kind;
}[] = [
  { key: 'SessionSettings.lockSessionsToDomain', section: 'sessionSettings', field: 'lockSessionsToDomain', kind: 'boolean' },
  { key: 'SessionSettings.enableSmsIdentity', section: 'sessionSettings', field: 'enableSMSIdentity', kind: 'boolean' },
  { key: 'SessionSettings.clickjackSetup', section: 'sessionSettings', field: 'enableClickjackSetup', kind: 'boolean' },
  { key: 'SessionSettings.clickjackNonSetup', section: 'sessionSettings', field: 'enableClickjackNonsetupSFDC', kind: 'boolean' },
  { key: 'SessionSettings.clickjackVisualForceHeaders', section: 'sessionSettings', field: 'enableClickjackNonsetupUser', kind: 'boolean' },
  {
    key: 'SessionSettings.clickjackVisualForceNoHeaders',
    section: 'sessionSettings',
    field: 'enableClickjackNonsetupUserHeaderless',
    kind: 'boolean'
  },
  { key: 'SessionSettings.csrfGet', section: 'sessionSettings', field: 'enableCSRFOnGet', kind: 'boolean' },
  { key: 'SessionSettings.csrfPost', section: 'sessionSettings', field: 'enableCSRFOnPost', kind: 'boolean' },
  { key: 'SessionSettings.requireHttpOnly', section: 'sessionSettings', field: 'requireHttpOnly', kind: 'boolean' },
  // The Health Check's "MFA" setting is the org-wide switch for direct UI logins.
  { key: 'Identity.mfaEnabled', section: 'sessionSettings', field: 'enableMFADirectUILoginOptIn', kind: 'boolean' },
  { key: 'PasswordPolicies.maxLoginAttempts', section: 'passwordPolicies', field: 'maxLoginAttempts', kind: 'enum' },
  { key: 'PasswordPolicies.minOneDayPasswordLifetime', section: 'passwordPolicies', field: 'minimumPasswordLifetime', kind: 'boolean' },
  { key: 'SessionSettings.forceRelogin', section: 'sessionSettings', field: 'forceRelogin', kind: 'boolean' },
  { key: 'SessionSettings.enforceLoginIp', section: 'sessionSettings', field: 'enforceIpRangesEveryRequest', kind: 'boolean' },
  {
    key: 'SessionSettings.terminateSessionsOnPasswordReset',
    section: 'sessionSettings',
    field: 'terminateUserSessionsWhenAdminResetsPassword',
    kind: 'boolean'
  },
  { key: 'SessionSettings.cspOnEmail', section: 'sessionSettings', field: 'enableCSPOnEmail', kind: 'boolean' },
  {
    key: 'SessionSettings.contentSniffingProtection',
    section: 'sessionSettings',
    field: 'enableContentSniffingProtection',
    kind: 'boolean'
  },
  { key: 'LoginAccessPolicies.adminLoginAsAnyUser', section: null, field: 'enableAdminLoginAsAnyUser', kind: 'boolean' },
  { key: 'PasswordPolicies.history', section: 'passwordPolicies', field: 'historyRestriction', kind: 'number' },
  { key: 'PasswordPolicies.minPasswordLength', section: 'passwordPolicies', field: 'minimumPasswordLength', kind: 'number' },
  { key: 'PasswordPolicies.expiration', section: 'passwordPolicies', field: 'expiration', kind: 'enum' },
  { key: 'PasswordPolicies.complexity', section: 'passwordPolicies', field: 'complexity', kind: 'enum' },
  { key: 'PasswordPolicies.obscureSecretAnswer', section: 'passwordPolicies', field: 'obscureSecretAnswer', kind: 'boolean' },
  { key: 'SessionSettings.forceLogoutOnTimeout', section: 'sessionSettings', field: 'forceLogoutOnSessionTimeout', kind: 'boolean' },
  {
    key: 'SessionSettings.icOn2faRegistration',
    section: 'sessionSettings',
    field: 'identityConfirmationOnTwoFactorRegistrationEnabled',
    kind: 'boolean'
  },
  { key: 'SessionSettings.icOnEmailChange', section: 'sessionSettings', field: 'identityConfirmationOnEmailChange', kind: 'boolean' },
  { key: 'PasswordPolicies.questionRestriction', section: 'passwordPolicies', field: 'questionRestriction', kind: 'enum' },
  { key: 'PasswordPolicies.lockoutInterval', section: 'passwordPolicies', field: 'lockoutInterval', kind: 'enum' },
  { key: 'SessionSettings.timeout', section: 'sessionSettings', field: 'sessionTimeout', kind: 'enum' },
  { key: 'SessionSettings.lockSessionsToIp', section: 'sessionSettings', field: 'lockSessionsToIp', kind: 'boolean' },
  { key: 'Identity.samlEnabled', section: 'singleSignOnSettings', field: 'enableSamlLogin', kind: 'boolean' }
];

/** Baseline settings retrieved metadata cannot tell, with the reason reports show. */
export const SETTINGS_NOT_IN_METADATA: Record<string, string> = {
  'ExternalClientApps.metadataApiAccess': 'needs a live org (--target-org): not in retrieved settings',
  'CertificateAndKeyManagement.expiredCert': 'needs a live org (--target-org): certificates are not in retrieved settings',
  'CertificateAndKeyManagement.keySize': 'needs a live org (--target-org): certificates are not in retrieved settings',
  'CertificateAndKeyManagement.certExpiration': 'needs a live org (--target-org): certificates are not in retrieved settings',
  'SharingSettings.orgWideDefaults': 'needs a live org (--target-org): sharing defaults are not in Security.settings',
  'RemoteSiteSettings.remoteSiteSettings': 'needs a live org (--target-org): remote site settings are not read offline',
  'UserPIISettings.enforceNameVisibility': 'needs a live org (--target-org): not in retrieved settings',
  'SessionSettings.redirectionAllowUntrusted': 'needs a live org (--target-org): not in retrieved settings',
  'GuestUserAccess.guestEditAccess': 'needs a live org (--target-org): guest access is computed from the org',
  'GuestUserAccess.guestReadAccess': 'needs a live org (--target-org): guest access is computed from the org',
  'GuestUserAccess.guestAccessSharingRules': 'needs a live org (--target-org): guest access is computed from the org',
  'AdminUsers.activeSystemAdministratorCount': 'needs a live org (--target-org): counts active users'
};

export type SettingsRead = {
  settings: Record<string, SettingValue>;
  unavailable: Record<string, string>;
  mfaRequiredOrgWide?: boolean;
};

/** The first `<field>` inside [from, to): a section's fields are unique, so the first match is the one. */
function fieldLine(xml: ParsedXml, field: string, from: number, to: number): number | undefined {
  const [offset] = tagOffsets(xml.text, field, from, to);
  return offset === undefined ? undefined : xml.lineAt(offset);
}

function sectionRange(xml: ParsedXml, section: string | null): [number, number] {
  if (section === null) return [0, xml.text.length];
  const [start] = tagOffsets(xml.text, section);
  if (start === undefined) return [0, 0];
  const end = xml.text.indexOf(`</${section}>`, start);
  return [start, end === -1 ? xml.text.length : end];
}

export function convert(raw: string, kind: Kind): string | number | boolean {
  if (kind === 'boolean') return raw.toLowerCase() === 'true';
  if (kind === 'number') {
    const number = Number(raw);
    return Number.isFinite(number) ? number : raw;
  }
  return raw;
}

export function readSecuritySettings(xml: ParsedXml): SettingsRead {
  const root = asNode(xml.root.SecuritySettings) ?? {};
  const result: SettingsRead = { settings: {}, unavailable: {} };
  for (const entry of SECURITY_FIELDS) {
    const container: XmlNode | undefined = entry.section === null ? root : asNode(root[entry.section]);
    const raw = asText(container?.[entry.field]);
    if (raw === undefined || raw === '') {
      const where = entry.section ? `${entry.section}.${entry.field}` : entry.field;
      result.unavailable[entry.key] = `${where} is not set in ${xml.file}`;
      continue;
    }
    const [from, to] = sectionRange(xml, entry.section);
    result.settings[entry.key] = {
      value: convert(raw, entry.kind),
      location: { file: xml.file, line: fieldLine(xml, entry.field, from, to) }
    };
  }
  const mfa = result.settings['Identity.mfaEnabled'];
  if (mfa) result.mfaRequiredOrgWide = mfa.value === true;
  else result.unavailable.mfaRequiredOrgWide = `sessionSettings.enableMFADirectUILoginOptIn is not set in ${xml.file}`;

  // Retrieved Security.settings lists the trusted ranges; an empty or missing networkAccess means none.
  const ipRanges = asArray(asNode(root.networkAccess)?.ipRanges);
  const [networkOffset] = tagOffsets(xml.text, 'networkAccess');
  result.settings['NetworkSecurity.trustedIpRangesConfigured'] = {
    value: ipRanges.length > 0 ? 1 : 0,
    location: { file: xml.file, line: networkOffset === undefined ? undefined : xml.lineAt(networkOffset) }
  };
  return result;
}

/** Security-risk file types (HTML, SVG, ...) that open in the browser (HYBRID) instead of downloading. */
export function readFileUploadSettings(xml: ParsedXml): SettingsRead {
  const root = asNode(xml.root.FileUploadAndDownloadSecuritySettings) ?? {};
  const dispositions = asArray(root.dispositions);
  const risky = dispositions.filter((disposition) => isTrue(disposition.securityRiskFileType) && asText(disposition.behavior) === 'HYBRID');
  const [firstOffset] = tagOffsets(xml.text, 'dispositions');
  return {
    settings: {
      'FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes': {
        value: risky.length,
        location: { file: xml.file, line: firstOffset === undefined ? undefined : xml.lineAt(firstOffset) }
      }
    },
    unavailable: {}
  };
}

/** Every baseline setting Security.settings holds: unknown, with the reason, when the file was not retrieved. */
export const SECURITY_SETTING_KEYS: readonly string[] = [
  ...SECURITY_FIELDS.map((entry) => entry.key),
  'NetworkSecurity.trustedIpRangesConfigured'
];
