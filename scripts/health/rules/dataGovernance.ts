import type { CustomFieldInfo, OrgSnapshot } from '../snapshot';
import { help } from './helpers';
import { absent, type ContractRule } from './operatingModelHelpers';
import type { RuleHit } from './types';

const AI_AREA = 'AI.CONFIGURATION';

/** What ownership of the AI configuration the snapshot shows, or why it cannot tell (offline). */
function aiOwnership(snapshot: OrgSnapshot): { owned: boolean; why: string; orphan?: boolean } | undefined {
  if (!snapshot.governanceAreas || !snapshot.users || !snapshot.decisions) return undefined;
  const area = snapshot.governanceAreas.find((candidate) => candidate.areaKey === AI_AREA && candidate.status !== 'Retired');
  if (!area) return { owned: false, why: `there is no ${AI_AREA} governance area`, orphan: true };
  const accountable = snapshot.users.find((user) => user.id === area.accountableId);
  if (!accountable?.isActive) return { owned: false, why: `${area.name} has no active Accountable`, orphan: true };
  const today = snapshot.takenAt.slice(0, 10);
  const decided = snapshot.decisions.some(
    (decision) =>
      decision.governanceAreaId === area.id &&
      decision.status === 'Accepted' &&
      (!decision.expiresOn || decision.expiresOn.slice(0, 10) >= today)
  );
  if (!decided) return { owned: false, why: `${area.name} has no accepted, unexpired decision on what AI may do` };
  return { owned: true, why: '' };
}

export const aiConfigUnowned: ContractRule = {
  id: 'ai.config-unowned',
  title: 'AI features enabled while the AI configuration has no accountable owner or accepted decision',
  severity: 'high',
  lead: 'Joint',
  areaKey: AI_AREA,
  remediation:
    'Name an active Accountable for the AI.CONFIGURATION area and record an accepted, expiring decision on which data, prompts and agents are allowed; until then deactivate the agents and prompt templates.',
  references: [help('sf.generative_ai_trust_layer.htm'), help('sf.copilot_intro.htm')],
  controls: { nist: ['GV.RR-02', 'GV.PO-01'], iso27001: ['A.5.2', 'A.5.9'] },
  // Governance areas and decisions are read when the snapshot has them (live); offline the rule still names the AI configuration.
  reads: ['aiComponents'],
  modes: ['org', 'metadata'],
  evaluate: (snapshot) => {
    const skip = absent(snapshot, 'aiComponents');
    if (skip) return skip;
    const components = snapshot.aiComponents ?? [];
    if (components.length === 0) return { hits: [] };
    const ownership = aiOwnership(snapshot);
    if (ownership?.owned) return { hits: [] };
    return {
      hits: components.map((component) => ({
        component: { type: component.type, name: component.name },
        detail: ownership
          ? `${component.type} ${component.name} is enabled, but ${ownership.why}.`
          : `${component.type} ${component.name} is in the metadata; nothing in it names who owns the AI configuration (a live run checks the ${AI_AREA} area and its decisions).`,
        location: component.location,
        // The AI area itself lacks an owner: the finding goes to the ownership model's Accountable, as gov.area-no-accountable does.
        ...(ownership?.orphan ? { route: { areaKey: 'GOVERNANCE.OWNERSHIP', lead: 'Joint' as const } } : {}),
        // Offline the owner is unknown, not known to be missing: a note, not a high finding.
        ...(ownership ? {} : { severity: 'info' as const })
      }))
    };
  }
};

/** Names and labels that mark personal data, and the types that always hold it. */
const PERSONAL_NAME =
  /(e-?mail|phone|mobile|fax|birth|\bdob\b|date of birth|ssn|social security|national id|national insurance|passport|tax id|driver.?s? licen|address|street|postal|zip code|postcode)/i;
const PERSONAL_TYPES = new Set(['Email', 'Phone']);

export function marksPersonalData(field: CustomFieldInfo): boolean {
  const words = `${field.name.replace(/__c$/, '').replace(/_/g, ' ')} ${field.label ?? ''}`;
  return PERSONAL_TYPES.has(field.type) || PERSONAL_NAME.test(words);
}

export const unclassifiedSensitiveField: ContractRule = {
  id: 'data.unclassified-sensitive-field',
  title: 'Field holding personal data without a data sensitivity level or compliance category',
  severity: 'medium',
  lead: 'Joint',
  areaKey: 'DATA.RETENTION',
  remediation:
    "Set the field's Data Sensitivity Level (securityClassification) and Compliance Categorization (complianceGroup, e.g. PII;GDPR) so retention, masking and AI access follow it.",
  references: [help('sf.data_classification_metadata_fields.htm')],
  controls: { nist: ['ID.AM-07', 'PR.DS-01'], iso27001: ['A.5.12', 'A.5.34'], cis: ['3.7'] },
  reads: ['customFields'],
  modes: ['org', 'metadata'],
  evaluate: (snapshot) => {
    const skip = absent(snapshot, 'customFields');
    if (skip) return skip;
    const hits: RuleHit[] = [];
    for (const field of snapshot.customFields ?? []) {
      if (!marksPersonalData(field)) continue;
      const lacking = [
        field.securityClassification ? undefined : 'data sensitivity level',
        field.complianceGroup ? undefined : 'compliance category'
      ].filter((text): text is string => Boolean(text));
      if (lacking.length === 0) continue;
      hits.push({
        component: { type: 'CustomField', name: `${field.object}.${field.name}` },
        detail: `${field.object}.${field.name} (${field.type}${field.label ? `, "${field.label}"` : ''}) looks like personal data and has no ${lacking.join(' and no ')}.`,
        location: field.location
      });
    }
    return { hits };
  }
};

export const DATA_GOVERNANCE_RULES: readonly ContractRule[] = [aiConfigUnowned, unclassifiedSensitiveField];
