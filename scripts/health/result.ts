import type { SnapshotSource, SourceLocation } from './snapshot';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Lead = 'IT' | 'SalesOps' | 'Joint';
export type FailOn = Severity | 'never';
export type ReportFormat = 'table' | 'json' | 'sarif' | 'junit' | 'markdown' | 'html';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type ComponentRef = {
  /** As the Metadata API names it (Profile, PermissionSet, PermissionSetGroup, SecuritySettings, ConnectedApp) or an sObject (User, Organization, Governance_Area__c, ...). */
  type: string;
  name: string;
};

export type ControlMappings = {
  nist?: string[];
  iso27001?: string[];
  cis?: string[];
};

export type FindingStatus = 'open' | 'accepted';

export type Suppression = {
  /** `decision` (an Accepted Decision__c through a Risk__c) or `config` (suppressions file). */
  kind: 'decision' | 'config';
  reason: string;
  expires?: string;
  /** Decision__c name or config file path:line. */
  ref: string;
};

export type Finding = {
  ruleId: string;
  /** Stable key: `<ruleId>:<component.type>:<component.name>` (Health_Finding__c.Finding_Key__c). */
  key: string;
  severity: Severity;
  lead: Lead;
  title: string;
  component: ComponentRef;
  detail: string;
  remediation: string;
  location?: SourceLocation;
  status: FindingStatus;
  suppression?: Suppression;
  /** A suppression that matched but has expired: the finding is open again, and the report says so. */
  expiredSuppression?: Suppression;
  /** Governance_Area__c.Area_Key__c the finding routes to. */
  areaKey: string;
  /** The area's Accountable, when the org has one (live). */
  accountable?: { id: string; name: string };
};

export type RuleOutcome = 'passed' | 'failed' | 'skipped';

/** `not-applicable`: this mode can never run it (the run stays complete); `incomplete`: its data could not be read. */
export type SkipKind = 'not-applicable' | 'incomplete';

export type Coverage = {
  rules: number;
  run: number;
  skipped: number;
  /** Of the skipped, those this mode can never run. */
  notApplicable: number;
  byReason: Array<{ reason: string; rules: number }>;
};

export type RuleResult = {
  id: string;
  title: string;
  severity: Severity;
  lead: Lead;
  status: RuleOutcome;
  /** Why it was skipped (needs a live org, missing permission, field not in this org, ...). */
  reason?: string;
  skipKind?: SkipKind;
  findings: number;
  references: string[];
  controls: ControlMappings;
};

export type HealthCheckResult = {
  source: SnapshotSource;
  orgId?: string;
  username?: string;
  /** The metadata directory (offline). */
  metadataDir?: string;
  baseline: string;
  score: number;
  grade: Grade;
  counts: Record<Severity, number>;
  findings: Finding[];
  rules: RuleResult[];
  /** False when a rule this mode can run was skipped for data it could not read, or the run stopped early: never graded as a pass. */
  complete: boolean;
  coverage: Coverage;
  /** Live: the org's own Security Health Check score, beside ours. */
  salesforceScore?: number;
  partial?: { reason: string };
  apiCalls?: { total: number; byKind: Record<string, number> };
  startedAt: string;
  durationMs: number;
  toolVersion: string;
  push?: PushSummary;
};

export type Grade = 'Excellent' | 'Very Good' | 'Good' | 'Poor' | 'Very Poor';

export type PushSummary = {
  runId: string;
  created: number;
  updated: number;
  resolved: number;
  /** Findings whose area has no active Accountable: pushed unassigned. */
  unassigned: number;
};
