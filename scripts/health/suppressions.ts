import { readFileSync } from 'node:fs';
import { UsageError } from '../lib/errors';
import type { Finding, Suppression } from './result';
import type { OrgSnapshot } from './snapshot';

/** One entry of a `--suppressions` file. */
export type SuppressionEntry = {
  ruleId: string;
  /** Component name, or `*` / absent for every component of the rule. */
  component?: string;
  reason: string;
  /** YYYY-MM-DD: the last day the suppression holds. */
  expires: string;
  /** `file#index` for messages and the finding's suppression ref. */
  ref: string;
};

/** A real day written YYYY-MM-DD: no other text comes back unchanged from the date it is read as. */
function validDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function entryError(file: string, index: number, message: string): UsageError {
  return new UsageError('InvalidSuppressions', `${file}: entry ${index + 1}: ${message}`, [
    'Each entry is {"ruleId": "...", "component": "name or *", "reason": "...", "expires": "YYYY-MM-DD"}.'
  ]);
}

export function parseSuppressions(file: string, text: string): SuppressionEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError('InvalidSuppressions', `${file}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`, [
      'The suppressions file is a JSON array of entries.'
    ]);
  }
  if (!Array.isArray(data))
    throw new UsageError('InvalidSuppressions', `${file}: expected a JSON array of entries`, ['Wrap the entries in [ ].']);
  return data.map((raw: unknown, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw entryError(file, index, 'is not an object');
    const entry = raw as Record<string, unknown>;
    const known = new Set(['ruleId', 'component', 'reason', 'expires']);
    const extra = Object.keys(entry).filter((key) => !known.has(key));
    if (extra.length > 0) throw entryError(file, index, `unknown field ${extra.join(', ')}`);
    if (typeof entry.ruleId !== 'string' || entry.ruleId.trim() === '') throw entryError(file, index, 'ruleId is required');
    if (entry.component !== undefined && (typeof entry.component !== 'string' || entry.component === '')) {
      throw entryError(file, index, 'component must be a component name or "*"');
    }
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '')
      throw entryError(file, index, `reason is required (${entry.ruleId})`);
    if (typeof entry.expires !== 'string' || !validDate(entry.expires)) {
      throw entryError(file, index, `expires must be a date YYYY-MM-DD (${entry.ruleId}), got ${JSON.stringify(entry.expires)}`);
    }
    return {
      ruleId: entry.ruleId,
      component: entry.component,
      reason: entry.reason,
      expires: entry.expires,
      ref: `${file}#${index + 1}`
    };
  });
}

export function loadSuppressions(path: string): SuppressionEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError('SuppressionsNotFound', `--suppressions ${path}: file not found.`, ['Pass the path of a JSON suppressions file.']);
  }
  return parseSuppressions(path, text);
}

type Candidate = { suppression: Suppression; active: boolean };

function configCandidates(finding: Finding, entries: SuppressionEntry[], today: string): Candidate[] {
  return entries
    .filter(
      (entry) =>
        entry.ruleId === finding.ruleId &&
        (entry.component === undefined || entry.component === '*' || entry.component === finding.component.name)
    )
    .map((entry) => ({
      suppression: { kind: 'config', reason: entry.reason, expires: entry.expires, ref: entry.ref },
      active: entry.expires >= today
    }));
}

/**
 * Live: a Risk__c with Treatment Accept whose Source_Ref__c is the finding key (or its rule id),
 * accepted by an Accepted Decision__c that has not passed Expires_On__c.
 */
function decisionCandidates(finding: Finding, snapshot: OrgSnapshot, today: string): Candidate[] {
  const decisions = new Map((snapshot.decisions ?? []).map((decision) => [decision.id, decision]));
  return (snapshot.risks ?? [])
    .filter((risk) => risk.treatment === 'Accept' && (risk.sourceRef === finding.key || risk.sourceRef === finding.ruleId))
    .flatMap((risk) => {
      const decision = risk.acceptanceDecisionId ? decisions.get(risk.acceptanceDecisionId) : undefined;
      if (!decision || decision.status !== 'Accepted') return [];
      const expires = decision.expiresOn?.slice(0, 10);
      return [
        {
          suppression: {
            kind: 'decision' as const,
            reason: `Risk ${risk.name} accepted by ${decision.name}${decision.title ? ` (${decision.title})` : ''}`,
            expires,
            ref: decision.name
          },
          active: expires === undefined || expires >= today
        }
      ];
    });
}

/**
 * Marks each finding accepted when an active suppression matches; a matching but expired one
 * leaves it open with `expiredSuppression`, so reports can say the acceptance lapsed.
 */
export function applySuppressions(findings: Finding[], snapshot: OrgSnapshot, entries: SuppressionEntry[], now: Date): Finding[] {
  const today = now.toISOString().slice(0, 10);
  return findings.map((finding) => {
    const candidates = [...decisionCandidates(finding, snapshot, today), ...configCandidates(finding, entries, today)];
    const active = candidates.find((candidate) => candidate.active);
    if (active) return { ...finding, status: 'accepted', suppression: active.suppression };
    const expired = candidates[0];
    return expired ? { ...finding, status: 'open', expiredSuppression: expired.suppression } : finding;
  });
}
