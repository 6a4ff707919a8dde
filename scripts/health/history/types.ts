import type { ComponentRef, Severity } from '../result';

/** One run as the trend shows it: when, how it scored, what was open. */
export type TrendPoint = {
  startedAt: string;
  score: number;
  /** A Grade; a result file written by another version may hold another text, kept as written. */
  grade: string;
  counts: Record<Severity, number>;
  /** The run was partial or incomplete: its score is not comparable. */
  partial?: boolean;
};

/** A finding of the previous run, as much of it as the baseline keeps (the org keeps less than a JSON result). */
export type BaselineFinding = {
  key: string;
  ruleId: string;
  severity?: Severity;
  title?: string;
  component?: ComponentRef;
  /** When it was first seen: the baseline's own first-seen date, or the baseline run's time. */
  firstSeen?: string;
};

/** The previous run a new one is compared with. */
export type BaselineRun = {
  /** Where it came from, for the report: the file, or the org's Health_Check_Run__c. */
  origin: string;
  startedAt: string;
  score: number;
  grade: string;
  counts: Record<Severity, number>;
  findings: BaselineFinding[];
  /** Runs before it, oldest first (not including it). */
  trend: TrendPoint[];
};

export type HistoryComparison = {
  /** The run compared with; undefined on the first run (nothing kept yet): every finding is new. */
  baseline?: { origin: string; startedAt: string; score: number; grade: string };
  newCount: number;
  unchangedCount: number;
  /** Findings of the baseline that this run no longer sees. */
  resolved: BaselineFinding[];
  /** Score and counts per run, oldest first, this run last. */
  trend: TrendPoint[];
};
