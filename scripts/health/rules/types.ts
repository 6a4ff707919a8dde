import type { OrgSnapshot, SnapshotPart, SnapshotSource, SourceLocation } from '../snapshot';
import type { ComponentRef, ControlMappings, Lead, Severity } from '../result';

/** What a rule reports for one component; the engine adds key, status, routing. */
export type RuleHit = {
  component: ComponentRef;
  detail: string;
  location?: SourceLocation;
  /** Overrides the rule's severity for this hit (e.g. baseline warning vs critical). */
  severity?: Severity;
  /** Routes this hit to the area it concerns, with that area's lead (governance findings). */
  route?: { areaKey: string; lead: Lead };
};

/**
 * A rule either runs and returns its hits, or says why it cannot run in this snapshot:
 * `notApplicable` when this mode can never supply what it needs (the run stays complete).
 */
export type RuleEvaluation = { hits: RuleHit[] } | { skipped: string; notApplicable?: boolean };

export type RuleContext = {
  /** Thresholds and options a rule may read (admin-sprawl threshold, dormant days, MTTR target, allow-list, ...). */
  options: RuleOptions;
};

export type RuleOptions = {
  adminSprawlThreshold: number;
  dormantDays: number;
  maxSystemAdministrators: number;
  mttrTargetDays: number;
  /** Usernames whose setup changes need no review. */
  auditAllowList: string[];
  /** ISO time of the previous run (live: latest Health_Check_Run__c), for audit.unreviewed-changes. */
  lastRunAt?: string;
  /** profile.sprawl (live): a custom profile with fewer active users than this belongs in a permission set. */
  profileSprawlMinUsers?: number;
  /** psg.not-adopted (live): a permission set assigned directly to at least this many active users. */
  psgDirectAssignmentThreshold?: number;
};

export type Rule = {
  id: string;
  title: string;
  severity: Severity;
  lead: Lead;
  /** Governance_Area__c.Area_Key__c the findings route to. */
  areaKey: string;
  remediation: string;
  references: string[];
  controls: ControlMappings;
  /** The snapshot parts it reads: the engine skips it, with the collector's reason, when one could not be read. */
  reads: readonly SnapshotPart[];
  /** The modes it can run in; outside them it is skipped as not applicable. */
  modes: readonly SnapshotSource[];
  evaluate(snapshot: OrgSnapshot, context: RuleContext): RuleEvaluation;
};
