/**
 * The Health Check page's group and setting labels (what `SecurityHealthCheckRisks.SettingGroup` and
 * `.Setting` hold) for each baseline setting name. `DurableId` is documented as not guaranteed to
 * stay the same from one release to the next, so the live collector matches a row by DurableId when
 * it is the baseline's name and otherwise by these labels, never by an id alone.
 */
export const HEALTH_CHECK_LABELS: Record<string, [group: string, setting: string]> = {
  'SessionSettings.lockSessionsToDomain': ['Session Settings', 'Lock sessions to the domain in which they were first used'],
  'SessionSettings.enableSmsIdentity': ['Session Settings', 'Let users verify their identity by text (SMS)'],
  'SessionSettings.clickjackSetup': ['Session Settings', 'Enable clickjack protection for Setup pages'],
  'SessionSettings.clickjackNonSetup': ['Session Settings', 'Enable clickjack protection for non-Setup Salesforce pages'],
  'SessionSettings.clickjackVisualForceHeaders': [
    'Session Settings',
    'Enable clickjack protection for customer Visualforce pages with standard headers'
  ],
  'SessionSettings.clickjackVisualForceNoHeaders': [
    'Session Settings',
    'Enable clickjack protection for customer Visualforce pages with headers disabled'
  ],
  'SessionSettings.csrfGet': ['Session Settings', 'Enable CSRF protection on GET requests on non-setup pages'],
  'SessionSettings.csrfPost': ['Session Settings', 'Enable CSRF protection on POST requests on non-setup pages'],
  'SessionSettings.requireHttpOnly': ['Session Settings', 'Require HttpOnly attribute'],
  'Identity.mfaEnabled': ['Identity Verification', 'Require multi-factor authentication (MFA) for all direct UI logins'],
  'ExternalClientApps.metadataApiAccess': ['External Client Apps', 'Allow access to External Client App consumer secrets via REST API'],
  'FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes': [
    'File Upload and Download Security',
    'Security risk file types with Hybrid behavior'
  ],
  'PasswordPolicies.maxLoginAttempts': ['Password Policies', 'Maximum invalid login attempts'],
  'CertificateAndKeyManagement.expiredCert': ['Certificate and Key Management', 'Expired certificate'],
  'SharingSettings.orgWideDefaults': ['Sharing Settings', 'Default external access'],
  'NetworkSecurity.trustedIpRangesConfigured': ['Network Access', 'Trusted IP ranges'],
  'PasswordPolicies.minOneDayPasswordLifetime': ['Password Policies', 'Require a minimum 1 day password lifetime'],
  'SessionSettings.forceRelogin': ['Session Settings', 'Force relogin after Login-As-User'],
  'SessionSettings.enforceLoginIp': ['Session Settings', 'Enforce login IP ranges on every request'],
  'SessionSettings.terminateSessionsOnPasswordReset': [
    'Session Settings',
    "Terminate all of a user's sessions when an admin resets that user's password"
  ],
  'SessionSettings.cspOnEmail': ['Session Settings', 'Enable Content Security Policy protection for email templates'],
  'SessionSettings.contentSniffingProtection': ['Session Settings', 'Enable Content Sniffing protection'],
  'LoginAccessPolicies.adminLoginAsAnyUser': ['Login Access Policies', 'Administrators can log in as any user'],
  'PasswordPolicies.history': ['Password Policies', 'Enforce password history'],
  'PasswordPolicies.minPasswordLength': ['Password Policies', 'Minimum password length'],
  'PasswordPolicies.expiration': ['Password Policies', 'User passwords expire in'],
  'PasswordPolicies.complexity': ['Password Policies', 'Password complexity requirement'],
  'PasswordPolicies.obscureSecretAnswer': ['Password Policies', 'Obscure secret answer for password resets'],
  'SessionSettings.forceLogoutOnTimeout': ['Session Settings', 'Force logout on session timeout'],
  'SessionSettings.icOn2faRegistration': [
    'Session Settings',
    'Require identity verification during multi-factor authentication (MFA) registration'
  ],
  'SessionSettings.icOnEmailChange': ['Session Settings', 'Require identity verification for change of email address'],
  'RemoteSiteSettings.remoteSiteSettings': ['Remote Site Settings', 'Remote sites with protocol security disabled'],
  'PasswordPolicies.questionRestriction': ['Password Policies', 'Password question requirement'],
  'PasswordPolicies.lockoutInterval': ['Password Policies', 'Lockout effective period'],
  'SessionSettings.timeout': ['Session Settings', 'Timeout value'],
  'CertificateAndKeyManagement.keySize': ['Certificate and Key Management', 'Key size'],
  'CertificateAndKeyManagement.certExpiration': ['Certificate and Key Management', 'Expiring certificate'],
  'UserPIISettings.enforceNameVisibility': ['User PII Settings', 'Enforce name visibility'],
  'SessionSettings.redirectionAllowUntrusted': ['Session Settings', 'Allow redirections to untrusted external URLs without a warning'],
  'SessionSettings.lockSessionsToIp': ['Session Settings', 'Lock sessions to the IP address from which they originated'],
  'Identity.samlEnabled': ['Single Sign-On Settings', 'SAML-based single sign-on'],
  'GuestUserAccess.guestEditAccess': ['Guest User Access', 'Guest user edit access'],
  'GuestUserAccess.guestReadAccess': ['Guest User Access', 'Guest user read access'],
  'GuestUserAccess.guestAccessSharingRules': ['Guest User Access', 'Guest user sharing rules'],
  'AdminUsers.activeSystemAdministratorCount': ['Administrators', 'Active users with the System Administrator profile']
};

/** Lower case, letters and digits only: labels compare without punctuation or spacing. */
export function normalizeLabel(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
