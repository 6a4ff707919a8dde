import type { OrgSnapshot, PermissionHolder } from '../snapshot';
import { ADMIN_EQUIVALENT, ANY_MODE, assigneeNote, DANGEROUS_PERMISSIONS, grants, help, plural } from './helpers';
import type { Rule, RuleHit } from './types';

const ACCESS_AREA = 'ACCESS.PERMISSIONS';
const PERMISSION_REFS = [help('sf.admin_userperms.htm'), help('sf.perm_sets_overview.htm')];

function holderHit(holder: PermissionHolder, permission: string, detail: string): RuleHit {
  return {
    component: { type: holder.type, name: holder.name },
    detail,
    location: holder.permissionLocations?.[permission] ?? holder.location
  };
}

function grantRule(id: string, permission: string, label: string, severity: Rule['severity']): Rule {
  return {
    id,
    title: `${label} granted`,
    severity,
    lead: 'IT',
    areaKey: ACCESS_AREA,
    remediation: `Remove ${label} from every profile, permission set and group that does not strictly need it; give the few administrators who do a dedicated permission set, and review its assignees every quarter.`,
    references: PERMISSION_REFS,
    controls: { nist: ['PR.AA-05'], iso27001: ['A.5.15', 'A.8.2'], cis: ['5.4', '6.8'] },
    reads: ['holders'],
    modes: ANY_MODE,
    evaluate: (snapshot: OrgSnapshot) => ({
      hits: snapshot.holders
        .filter((holder) => grants(holder, permission))
        .map((holder) => holderHit(holder, permission, `${holder.type} ${holder.name} grants ${label}${assigneeNote(holder)}.`))
    })
  };
}

export const modifyAllData = grantRule('perm.modify-all-data', 'ModifyAllData', 'Modify All Data', 'critical');
export const viewAllData = grantRule('perm.view-all-data', 'ViewAllData', 'View All Data', 'high');

export const adminSprawl: Rule = {
  id: 'perm.admin-sprawl',
  reads: ['holders'],
  modes: ANY_MODE,
  title: 'Too many admin-equivalent holders',
  severity: 'high',
  lead: 'IT',
  areaKey: ACCESS_AREA,
  remediation:
    'Reduce who holds Modify All Data or View All Data to a small named group of administrators; move everyone else to task-specific permission sets.',
  references: PERMISSION_REFS,
  controls: { nist: ['PR.AA-05'], iso27001: ['A.8.2'], cis: ['5.4'] },
  evaluate: (snapshot, { options }) => {
    const holders = snapshot.holders.filter((holder) => ADMIN_EQUIVALENT.some((permission) => grants(holder, permission)));
    const threshold = options.adminSprawlThreshold;
    const live = holders.some((holder) => holder.activeAssigneeIds !== undefined);
    // Live we count people; offline only the grants are known.
    const count = live ? new Set(holders.flatMap((holder) => holder.activeAssigneeIds ?? [])).size : holders.length;
    const what = live ? 'active users hold' : 'profiles, permission sets and groups grant';
    if (count <= threshold) return { hits: [] };
    return {
      hits: [
        {
          component: { type: 'Organization', name: snapshot.orgId ?? 'Organization' },
          detail: `${count} ${what} Modify All Data or View All Data (threshold ${threshold}): ${holders.map((holder) => holder.name).join(', ')}.`
        }
      ]
    };
  }
};

export const dangerousPermissions: Rule = {
  id: 'perm.dangerous',
  reads: ['holders'],
  modes: ANY_MODE,
  title: 'High-risk system permissions granted',
  severity: 'high',
  lead: 'IT',
  areaKey: ACCESS_AREA,
  remediation:
    'Keep high-risk permissions (Manage Users, Author Apex, Customize Application, Modify Metadata, Assign Permission Sets, Data Export, ...) in dedicated, reviewed permission sets for the few people who need them.',
  references: PERMISSION_REFS,
  controls: { nist: ['PR.AA-05'], iso27001: ['A.5.15', 'A.8.2'], cis: ['6.8'] },
  evaluate: (snapshot) => ({
    hits: snapshot.holders.flatMap((holder) => {
      const granted = DANGEROUS_PERMISSIONS.filter((permission) => grants(holder, permission));
      if (granted.length === 0) return [];
      return [
        holderHit(
          holder,
          granted[0],
          `${holder.type} ${holder.name} grants ${plural(granted.length, 'high-risk permission')}${assigneeNote(holder)}: ${granted.join(', ')}.`
        )
      ];
    })
  })
};

export const objectWideAccess: Rule = {
  id: 'perm.object-wide-access',
  reads: ['holders'],
  modes: ANY_MODE,
  title: 'Object-level View All / Modify All records',
  severity: 'medium',
  lead: 'IT',
  areaKey: ACCESS_AREA,
  remediation:
    'Replace object-level View All / Modify All with sharing rules, or keep them in a reviewed permission set for the integration or team that needs them.',
  references: [help('sf.users_profiles_object_perms.htm'), ...PERMISSION_REFS],
  controls: { nist: ['PR.AA-05'], iso27001: ['A.5.15', 'A.8.3'], cis: ['3.3'] },
  evaluate: (snapshot) => ({
    hits: snapshot.holders.flatMap((holder) => {
      const wide = holder.objectPermissions.filter((permission) => permission.viewAllRecords || permission.modifyAllRecords);
      if (wide.length === 0) return [];
      const describe = wide.map((permission) => `${permission.object} (${permission.modifyAllRecords ? 'Modify All' : 'View All'})`);
      return [
        {
          component: { type: holder.type, name: holder.name },
          detail: `${holder.type} ${holder.name} grants View All / Modify All on ${plural(wide.length, 'object')}: ${describe.join(', ')}.`,
          location: wide[0].location ?? holder.location
        }
      ];
    })
  })
};
