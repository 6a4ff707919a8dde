import { DEFAULT_TARGETS, type MetricId } from '../metrics/targets';
import type { OrgSnapshot, SnapshotPart } from '../snapshot';
import { LIVE_ONLY } from './helpers';
import type { Rule, RuleContext, RuleEvaluation } from './types';

/** The operating model's rules are plain rules (with `reads` and `modes`); the alias keeps their files readable. */
export type ContractRule = Rule;

/** The reason to skip when any part is unknown (undefined), with the collector's reason when it gave one. */
export function absent(snapshot: OrgSnapshot, ...parts: Array<SnapshotPart & keyof OrgSnapshot>): RuleEvaluation | undefined {
  for (const part of parts) {
    if (snapshot[part] === undefined) return { skipped: snapshot.unavailable[part] ?? LIVE_ONLY };
  }
  return undefined;
}

export function target(context: RuleContext, id: MetricId): number {
  return context.options.targets?.[id] ?? DEFAULT_TARGETS[id];
}

export function dayDiff(earlier: string, later: string): number {
  return (Date.parse(later.slice(0, 10)) - Date.parse(earlier.slice(0, 10))) / 86_400_000;
}

/** Lower case, underscores and punctuation as spaces: `Shadow_Admin` and "Shadow Admin" compare equal. */
export function normalName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A finding key `<ruleId>:<type>:<name>` split (names may hold colons). */
export function parseFindingKey(key: string): { ruleId: string; type: string; name: string } {
  const [ruleId, type, ...rest] = key.split(':');
  return { ruleId, type: type ?? '', name: rest.join(':') };
}

/** Security rules: the ones whose findings MTTD measures (a regression someone introduced). */
export function isSecurityRule(ruleId: string): boolean {
  return /^(perm\.|profile\.|psg\.|mfa\.|capp\.|user\.|baseline:)/.test(ruleId);
}
