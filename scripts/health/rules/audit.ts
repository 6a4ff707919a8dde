import { daysBetween, help, LIVE_MODE, missing, plural } from './helpers';
import type { Rule } from './types';

const AUDIT_AREA = 'AUDIT.LOG_RETENTION';
const AUDIT_REFS = [help('sf.admin_monitorsetup.htm')];

/** Setup Audit Trail actions that grant or change privileges. */
const PRIVILEGE_ACTIONS = new Set([
  'PermSetAssign',
  'PermSetGroupAssign',
  'PermSetEnableUserPerm',
  'PermSetGroupAddPermSet',
  'profileUserPermChangedCustom',
  'profileUserPermChangedStandard',
  'changedprofileforuser',
  'changedprofileforusercusttostd',
  'changedprofileforuserstdtocust',
  'changedUserAdminVerifiedStatusVerified'
]);
const PRIVILEGE_TEXT =
  /modify all data|view all data|system administrator|manage users|author apex|customize application|modify metadata|assign permission sets|waive multi-factor/i;

export const privilegeChange: Rule = {
  id: 'audit.privilege-change',
  reads: ['auditTrail'],
  modes: LIVE_MODE,
  title: 'Setup change granting or changing privileged access',
  severity: 'high',
  lead: 'IT',
  areaKey: AUDIT_AREA,
  remediation: 'Confirm each privileged change with its requester and the area owner; revert the ones without a ticket or decision.',
  references: AUDIT_REFS,
  controls: { nist: ['DE.CM-03'], iso27001: ['A.8.15', 'A.8.16'], cis: ['8.2', '8.11'] },
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'auditTrail');
    if (skip) return skip;
    return {
      hits: (snapshot.auditTrail ?? [])
        .filter((entry) => PRIVILEGE_ACTIONS.has(entry.action) || PRIVILEGE_TEXT.test(entry.display))
        .map((entry) => ({
          component: { type: 'SetupAuditTrail', name: entry.id },
          detail: `${entry.createdDate} ${entry.createdByUsername ?? entry.createdById}: ${entry.display}`
        }))
    };
  }
};

export const unreviewedChanges: Rule = {
  id: 'audit.unreviewed-changes',
  reads: ['auditTrail'],
  modes: LIVE_MODE,
  title: 'Setup changes by users outside the allow-list',
  severity: 'medium',
  lead: 'IT',
  areaKey: AUDIT_AREA,
  remediation:
    'Review these setup changes with the people who made them; add regular administrators to the allow-list and route everyone else through the change process.',
  references: AUDIT_REFS,
  controls: { nist: ['DE.CM-03'], iso27001: ['A.8.32', 'A.8.15'], cis: ['8.11'] },
  evaluate: (snapshot, { options }) => {
    const skip = missing(snapshot, 'auditTrail');
    if (skip) return skip;
    const allowed = new Set(options.auditAllowList.map((username) => username.toLowerCase()));
    // Without a previous run, the last 7 days are what nobody has reviewed yet.
    const since = options.lastRunAt;
    const byUser = new Map<string, number>();
    for (const entry of snapshot.auditTrail ?? []) {
      const recent = since ? entry.createdDate > since : daysBetween(entry.createdDate, snapshot.takenAt) <= 7;
      const who = entry.createdByUsername ?? entry.createdById;
      if (!recent || allowed.has(who.toLowerCase())) continue;
      byUser.set(who, (byUser.get(who) ?? 0) + 1);
    }
    return {
      hits: [...byUser.entries()].map(([who, count]) => ({
        component: { type: 'User', name: who },
        detail: `${who} made ${plural(count, 'setup change')} ${since ? `since ${since}` : 'in the last 7 days'} and is not on the allow-list.`
      }))
    };
  }
};
