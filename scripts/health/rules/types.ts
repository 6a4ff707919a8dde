import type { OrgSnapshot, SourceLocation } from '../snapshot';
import type { Targets } from '../metrics/targets';
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

/** A rule either runs and returns its hits, or says why it cannot run in this snapshot. */
export type RuleEvaluation = { hits: RuleHit[] } | { skipped: string };

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
  /** The operating model's targets (metrics and the gov./dora./revenue. rules); defaults in metrics/targets.ts. */
  targets?: Partial<Targets>;
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
  evaluate(snapshot: OrgSnapshot, context: RuleContext): RuleEvaluation;
};
