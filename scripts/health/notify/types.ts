import type { Severity } from '../result';

export type Channel = 'slack' | 'teams' | 'webhook' | 'email';
export const CHANNELS: readonly Channel[] = ['slack', 'teams', 'webhook', 'email'];

/** Why a finding is in the notification. */
export type NotifyReason = 'new' | 'breached';

export type NotifiedFinding = {
  key: string;
  ruleId: string;
  severity: Severity;
  title: string;
  component: string;
  detail: string;
  remediation: string;
  reasons: NotifyReason[];
  firstSeen?: string;
  /** The Health_Finding__c record in the org, when the run was pushed. */
  link?: string;
};

/** The findings of one Accountable (the name from the governance area), or of nobody. */
export type AccountableGroup = {
  accountable: string;
  /** The Accountable's e-mail, when the org gave it (live). */
  email?: string;
  findings: NotifiedFinding[];
};

export type Digest = {
  title: string;
  summary: string;
  /** The org or metadata folder, for the reader. */
  source: string;
  score: number;
  grade: string;
  groups: AccountableGroup[];
};

export type NotificationOutcome = {
  channel: Channel;
  status: 'sent' | 'failed' | 'skipped';
  /** Requests or SMTP sessions tried, retries included. */
  attempts: number;
  findings: number;
  /** What went wrong, with no secret in it (the host, never the URL's path or a password). */
  error?: string;
};
