import { CORE_RULES, defaultRuleOptions } from '../rules';
import type { RuleEvaluation, RuleHit, RuleOptions } from '../rules/types';
import type { OrgSnapshot, SnapshotUser } from '../snapshot';

/** Evaluates one rule of the registry by id, with the default options and these overrides. */
export function evaluateRule(id: string, snapshot: OrgSnapshot, overrides: Partial<RuleOptions> = {}): RuleEvaluation {
  const rule = CORE_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.evaluate(snapshot, { options: { ...defaultRuleOptions(), ...overrides } });
}

/** The hits of a rule that must have run. */
export function ruleHits(id: string, snapshot: OrgSnapshot, overrides: Partial<RuleOptions> = {}): RuleHit[] {
  const evaluation = evaluateRule(id, snapshot, overrides);
  if ('skipped' in evaluation) throw new Error(`${id} skipped: ${evaluation.skipped}`);
  return evaluation.hits;
}

export function hitNames(id: string, snapshot: OrgSnapshot, overrides: Partial<RuleOptions> = {}): string[] {
  return ruleHits(id, snapshot, overrides).map((hit) => hit.component.name);
}

/** An active, standard, fully licensed user who logged in the day before the fixtures' takenAt. */
export function snapshotUser(id: string, extra: Partial<SnapshotUser> = {}): SnapshotUser {
  return {
    id,
    username: `${id}@acme.test`,
    name: `User ${id}`,
    isActive: true,
    profileName: 'Standard User',
    userType: 'Standard',
    licenseName: 'Salesforce',
    lastLoginDate: '2025-06-29T00:00:00Z',
    ...extra
  };
}

/** `days` days (may be fractional) before an ISO time. */
export function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * 86_400_000).toISOString();
}
