import type { GovernanceArea, OrgSnapshot } from '../snapshot';
import { daysBetween, LIVE_MODE, missing, plural } from './helpers';
import type { Rule, RuleHit } from './types';

/** A governance finding goes to the area it concerns and that area's lead: SalesOps reviews its own areas. */
function routeTo(area: GovernanceArea | undefined): RuleHit['route'] {
  return area?.lead ? { areaKey: area.areaKey, lead: area.lead } : undefined;
}

function areaById(snapshot: OrgSnapshot): (id: string | undefined) => GovernanceArea | undefined {
  const areas = new Map((snapshot.governanceAreas ?? []).map((area) => [area.id, area]));
  return (id) => (id ? areas.get(id) : undefined);
}

const GOVERNANCE_AREA = 'GOVERNANCE.OWNERSHIP';
const GOVERNANCE_CONTROLS = { nist: ['GV.RR-02'], iso27001: ['A.5.2'] };

export const areaNoAccountable: Rule = {
  id: 'gov.area-no-accountable',
  reads: ['governanceAreas', 'users'],
  modes: LIVE_MODE,
  title: 'Governance area without an active Accountable',
  severity: 'high',
  lead: 'Joint',
  areaKey: GOVERNANCE_AREA,
  remediation: 'Name one active person as Accountable__c for the area, in writing, and record the handover in the decision log.',
  references: [],
  controls: GOVERNANCE_CONTROLS,
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'governanceAreas', 'users');
    if (skip) return skip;
    const users = new Map((snapshot.users ?? []).map((user) => [user.id, user]));
    return {
      hits: (snapshot.governanceAreas ?? [])
        .filter((area) => area.status !== 'Retired')
        .flatMap((area) => {
          const accountable = area.accountableId ? users.get(area.accountableId) : undefined;
          if (accountable?.isActive) return [];
          const why = !area.accountableId
            ? 'has no Accountable'
            : accountable
              ? `has an inactive Accountable (${accountable.username})`
              : `has an Accountable (${area.accountableId}) who is not an active user`;
          // Its own Accountable is missing: the finding goes to the area's lead, and to the ownership model's Accountable.
          return [
            {
              component: { type: 'Governance_Area__c', name: area.areaKey },
              detail: `${area.name} (${area.areaKey}) ${why}.`,
              route: area.lead ? { areaKey: GOVERNANCE_AREA, lead: area.lead } : undefined
            }
          ];
        })
    };
  }
};

export const reviewOverdue: Rule = {
  id: 'gov.review-overdue',
  reads: ['governanceAreas', 'risks', 'decisions'],
  modes: LIVE_MODE,
  title: 'Areas, risks or decisions past their review date',
  severity: 'low',
  lead: 'Joint',
  areaKey: GOVERNANCE_AREA,
  remediation: 'Review the record with its owner, update it, and set Last Reviewed (areas) or the next review date (risks, decisions).',
  references: [],
  controls: { nist: ['GV.OV-02', 'ID.RA-06'], iso27001: ['A.5.1', 'A.5.35'] },
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'governanceAreas', 'risks', 'decisions');
    if (skip) return skip;
    const today = snapshot.takenAt.slice(0, 10);
    const overdue = (date: string | undefined) => date !== undefined && date.slice(0, 10) < today;
    const area = areaById(snapshot);
    const areas = (snapshot.governanceAreas ?? [])
      .filter((candidate) => candidate.status !== 'Retired' && overdue(candidate.nextReviewDue))
      .map((candidate) => ({
        component: { type: 'Governance_Area__c', name: candidate.areaKey },
        detail: `${candidate.name} was due for review on ${candidate.nextReviewDue}.`,
        route: routeTo(candidate)
      }));
    const risks = (snapshot.risks ?? [])
      .filter((risk) => overdue(risk.nextReviewDate))
      .map((risk) => ({
        component: { type: 'Risk__c', name: risk.name },
        detail: `Risk ${risk.name} was due for review on ${risk.nextReviewDate}.`,
        route: routeTo(area(risk.governanceAreaId))
      }));
    const decisions = (snapshot.decisions ?? [])
      .filter((decision) => overdue(decision.nextReviewDate) && !['Superseded', 'Deprecated', 'Rejected'].includes(decision.status))
      .map((decision) => ({
        component: { type: 'Decision__c', name: decision.name },
        detail: `Decision ${decision.name}${decision.title ? ` (${decision.title})` : ''} was due for review on ${decision.nextReviewDate}.`,
        route: routeTo(area(decision.governanceAreaId))
      }));
    return { hits: [...areas, ...risks, ...decisions] };
  }
};

export const findingMttrBreached: Rule = {
  id: 'gov.finding-mttr-breached',
  reads: ['findings'],
  modes: LIVE_MODE,
  title: 'Open findings older than the MTTR target',
  severity: 'medium',
  lead: 'Joint',
  areaKey: GOVERNANCE_AREA,
  remediation:
    "Fix the finding, or accept the risk through a Risk__c with an accepted, expiring decision; escalate to the area's Accountable.",
  references: [],
  controls: { nist: ['ID.RA-06', 'RS.MI-02'], iso27001: ['A.8.8'], cis: ['7.2', '7.7'] },
  evaluate: (snapshot, { options }) => {
    const skip = missing(snapshot, 'findings');
    if (skip) return skip;
    return {
      hits: (snapshot.findings ?? [])
        .filter(
          (finding) =>
            finding.status === 'Open' &&
            finding.firstDetected &&
            daysBetween(finding.firstDetected, snapshot.takenAt) > options.mttrTargetDays
        )
        .map((finding) => {
          const age = Math.floor(daysBetween(finding.firstDetected ?? snapshot.takenAt, snapshot.takenAt));
          return {
            component: { type: 'Health_Finding__c', name: finding.findingKey },
            detail: `Finding ${finding.findingKey} has been open for ${plural(age, 'day')} (target ${options.mttrTargetDays}).`
          };
        })
    };
  }
};
