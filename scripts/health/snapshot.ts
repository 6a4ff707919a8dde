/**
 * The org snapshot: one model that every rule reads, whichever collector filled it.
 *
 * The offline collector (metadata) fills what retrieved metadata holds; the live collector (org)
 * fills everything the API returns. A collection the mode cannot see is `undefined` (unknown),
 * never `[]` (known to be empty): rules skip on `undefined` with the reason in `unavailable`.
 */

export type SnapshotSource = 'org' | 'metadata';

/** The parts of a snapshot a rule can read; a collector that cannot read one names it in `unavailable`. */
export type SnapshotPart =
  | 'holders'
  | 'settings'
  | 'mfaRequiredOrgWide'
  | 'loginIpRanges'
  | 'connectedApps'
  | 'users'
  | 'assignments'
  | 'logins'
  | 'auditTrail'
  | 'governanceAreas'
  | 'risks'
  | 'decisions'
  | 'integrations'
  | 'findings'
  | 'organization';

/** Where a fact came from, for SARIF and the reports. Paths are relative to the metadata dir's parent cwd as given. */
export type SourceLocation = { file: string; line?: number };

export type HolderType = 'Profile' | 'PermissionSet' | 'PermissionSetGroup';

export type ObjectPermission = {
  object: string;
  allowRead: boolean;
  allowCreate: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
  location?: SourceLocation;
};

export type LoginIpRange = { startAddress: string; endAddress: string; description?: string };

/** A profile, permission set or permission set group: anything that grants permissions. */
export type PermissionHolder = {
  type: HolderType;
  /** Full name as the Metadata API names it: a profile's file name without suffix, a permission set's API name. */
  name: string;
  label?: string;
  /** Record id (live only). */
  id?: string;
  /** False for standard profiles and managed/standard permission sets when known. */
  custom?: boolean;
  /** User license name when known (e.g. "Salesforce", "Salesforce Platform"). */
  license?: string;
  /**
   * Enabled system permissions, by API name without the `Permissions` prefix
   * (e.g. `ModifyAllData`, `ViewAllData`, `BypassMFAForUiLogins`). Only enabled ones are listed.
   */
  userPermissions: string[];
  /** Where each enabled permission was granted (metadata only). */
  permissionLocations?: Record<string, SourceLocation>;
  objectPermissions: ObjectPermission[];
  /** Profiles only: login IP ranges; `undefined` when the source does not tell. */
  loginIpRanges?: LoginIpRange[];
  /** Profiles only: true when login hours restrict the profile. */
  hasLoginHours?: boolean;
  /** Permission set groups only: member permission set names. */
  memberPermissionSets?: string[];
  /** Permission set groups only: muted permissions (removed from the group's total). */
  mutedPermissions?: string[];
  /** Live only: ids of active users holding it (profile users, or assignees). */
  activeAssigneeIds?: string[];
  /** The file it was read from (metadata only). */
  location?: SourceLocation;
};

export type SnapshotUser = {
  id: string;
  username: string;
  name: string;
  email?: string;
  isActive: boolean;
  profileName: string;
  /** `Standard`, `PowerPartner`, `CspLitePortal`, `AutomatedProcess`, ... */
  userType: string;
  /** License name from Profile.UserLicense.Name, e.g. `Salesforce`. */
  licenseName?: string;
  lastLoginDate?: string;
  createdDate?: string;
  /** Profile or assigned permission set grants ApiUserOnly. */
  isApiOnly?: boolean;
  /** Profile or assigned permission set grants PasswordNeverExpires. */
  passwordNeverExpires?: boolean;
};

/** Permission set assignment (live only), excluding the profile-owned permission sets. */
export type Assignment = {
  assigneeId: string;
  permissionSetName?: string;
  permissionSetGroupName?: string;
};

export type LoginEvent = {
  userId: string;
  loginTime: string;
  /** LoginHistory.LoginType, e.g. `Application` (UI), `Remote Access 2.0`, `SAML Sfdc Initiated SSO`. */
  loginType: string;
  status: string;
  /** LoginHistory.AuthMethodReference, e.g. `mfa`, `pwd`; empty when no MFA was used. */
  authMethodReference?: string;
  /** LoginHistory.ApiType for API logins, e.g. `SOAP Enterprise`. */
  apiType?: string;
  application?: string;
};

export type AuditTrailEntry = {
  id: string;
  action: string;
  section: string;
  display: string;
  createdDate: string;
  createdById: string;
  createdByUsername?: string;
  delegateUser?: string;
};

export type ConnectedApp = {
  name: string;
  label?: string;
  id?: string;
  /** True when admins must approve users (`isAdminApproved` / OptionsAllowAdminApprovedUsersOnly); false: any user may self-authorize. */
  adminApprovedUsersOnly?: boolean;
  /** True when the app has an OAuth configuration. */
  hasOAuth?: boolean;
  contactEmail?: string;
  /** OAuth policy's IP relaxation as the Metadata API / Tooling name it (`ENFORCE`, `BYPASS`, ...). */
  ipRelaxation?: string;
  /** OAuth policy's refresh token validity (`infinite` = valid until revoked, ...). */
  refreshTokenPolicy?: string;
  kind?: 'ConnectedApp' | 'ExternalClientApplication';
  /** Installed by Salesforce (Salesforce CLI, SalesforceA, ...): not the org's own integration. */
  salesforceProvided?: boolean;
  location?: SourceLocation;
};

export type GovernanceArea = {
  id: string;
  areaKey: string;
  name: string;
  category?: string;
  lead?: 'SalesOps' | 'IT' | 'Joint';
  accountableId?: string;
  status?: string;
  nextReviewDue?: string;
};

export type RiskRecord = {
  id: string;
  name: string;
  riskOwnerId?: string;
  governanceAreaId?: string;
  nextReviewDate?: string;
  treatment?: string;
  /** Risk__c.Acceptance_Decision__c: the decision that accepts it (Treatment = Accept). */
  acceptanceDecisionId?: string;
  /** Risk__c.Source_Ref__c: the finding key (or rule id, for every component) the risk came from. */
  sourceRef?: string;
};

export type DecisionRecord = {
  id: string;
  name: string;
  title?: string;
  status: string;
  decisionOwnerId?: string;
  governanceAreaId?: string;
  decidedOn?: string;
  expiresOn?: string;
  /** Decision__c.Next_Review_Date__c. */
  nextReviewDate?: string;
};

export type IntegrationRecord = {
  id: string;
  name: string;
  system?: string;
  connectedAppName?: string;
  integrationUserId?: string;
  ownerUserId?: string;
  onCall?: string;
  lastReviewed?: string;
};

export type FindingRecord = {
  id: string;
  findingKey: string;
  ruleId: string;
  status: string;
  firstDetected?: string;
  lastDetected?: string;
  resolvedOn?: string;
  assignedToId?: string;
};

/** One Health Check baseline setting value as the org holds it (keyed `Group.setting`). */
export type SettingValue = {
  value: string | number | boolean;
  location?: SourceLocation;
};

export type OrgSnapshot = {
  source: SnapshotSource;
  orgId?: string;
  instanceUrl?: string;
  /** Live: the `sf` username (never the token). */
  username?: string;
  /** When the data was taken (ISO 8601); rules use it as "now". */
  takenAt: string;
  holders: PermissionHolder[];
  /** Baseline settings by `Group.setting` name, e.g. `SessionSettings.lockSessionsToDomain`. */
  settings: Record<string, SettingValue>;
  /** Org-wide "Require MFA for all direct UI logins" (metadata: Security.settings); undefined when unknown. */
  mfaRequiredOrgWide?: boolean;
  connectedApps?: ConnectedApp[];
  users?: SnapshotUser[];
  assignments?: Assignment[];
  logins?: LoginEvent[];
  auditTrail?: AuditTrailEntry[];
  governanceAreas?: GovernanceArea[];
  risks?: RiskRecord[];
  decisions?: DecisionRecord[];
  integrations?: IntegrationRecord[];
  findings?: FindingRecord[];
  /**
   * Why a piece of data that this mode should read is missing, by snapshot part, setting name or field
   * (e.g. `PermissionsBypassMFAForUiLogins`): rules reading it are skipped and the run is incomplete.
   */
  unavailable: Record<string, string>;
  /** What this mode can never supply (offline: users, logins, ...), by part or setting name: rules reading it do not apply. */
  notApplicable?: Record<string, string>;
  /** Live: the org's own Security Health Check score (SecurityHealthCheck.Score). */
  salesforceScore?: number;
  /** Live: Organization.IsSandbox. */
  isSandbox?: boolean;
  /** Live: when the previous org run was pushed (latest Health_Check_Run__c.Run_At__c), for audit.unreviewed-changes. */
  lastRunAt?: string;
  /** Set when the live run stopped early (API budget, ...): nothing may be resolved from it. */
  partial?: { reason: string };
  /** API calls used, by kind (live only). */
  apiCalls?: { total: number; byKind: Record<string, number> };
};
