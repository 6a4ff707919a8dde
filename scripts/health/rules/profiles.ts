import { ADMIN_EQUIVALENT, ANY_MODE, DANGEROUS_PERMISSIONS, grants, help, isPrivileged, plural } from './helpers';
import type { Rule } from './types';

const ACCESS_AREA = 'ACCESS.PERMISSIONS';
const PROFILE_ONLY_PERMISSIONS = [...ADMIN_EQUIVALENT, ...DANGEROUS_PERMISSIONS];

export const profileSprawl: Rule = {
  id: 'profile.sprawl',
  reads: ['holders'],
  modes: ANY_MODE,
  title: 'Custom profile that should be a permission set',
  severity: 'low',
  lead: 'IT',
  areaKey: ACCESS_AREA,
  remediation:
    'Keep few, minimal profiles (license and login policy); move privileged permissions to permission sets and groups, and merge or delete custom profiles that hardly anyone uses.',
  references: [help('sf.perm_sets_overview.htm'), help('sf.admin_userprofiles.htm')],
  controls: { nist: ['PR.AA-05'], iso27001: ['A.5.18', 'A.8.2'], cis: ['6.8'] },
  evaluate: (snapshot, { options }) => {
    const minUsers = options.profileSprawlMinUsers ?? 2;
    const profiles = snapshot.holders.filter((holder) => holder.type === 'Profile' && holder.custom === true);
    return {
      hits: profiles.flatMap((profile) => {
        const reasons: string[] = [];
        // Live: how many people actually use it. Offline only the privileged content tells.
        if (profile.activeAssigneeIds && profile.activeAssigneeIds.length < minUsers) {
          reasons.push(`${plural(profile.activeAssigneeIds.length, 'active user')} (fewer than ${minUsers})`);
        }
        const onProfile = PROFILE_ONLY_PERMISSIONS.filter((permission) => grants(profile, permission));
        if (onProfile.length > 0) reasons.push(`holds ${onProfile.join(', ')}, which belong in permission sets`);
        if (reasons.length === 0) return [];
        return [
          {
            component: { type: 'Profile', name: profile.name },
            detail: `Custom profile ${profile.name}: ${reasons.join('; ')}.`,
            location: (onProfile[0] && profile.permissionLocations?.[onProfile[0]]) || profile.location
          }
        ];
      })
    };
  }
};

export const noLoginIpRanges: Rule = {
  id: 'profile.no-login-ip-ranges',
  reads: ['holders', 'loginIpRanges'],
  modes: ANY_MODE,
  title: 'Privileged profile without login IP ranges',
  severity: 'medium',
  lead: 'IT',
  areaKey: 'SECURITY.IP_ALLOWLIST',
  remediation: 'Set login IP ranges on every profile with administrative permissions, limited to the corporate network or VPN egress.',
  references: [help('sf.login_ip_ranges.htm'), help('sf.security_networkaccess.htm')],
  controls: { nist: ['PR.AA-03', 'PR.IR-01'], iso27001: ['A.8.5', 'A.8.20'], cis: ['12.2'] },
  evaluate: (snapshot) => {
    const privileged = snapshot.holders.filter((holder) => holder.type === 'Profile' && isPrivileged(holder));
    const known = privileged.filter((profile) => profile.loginIpRanges !== undefined);
    if (privileged.length > 0 && known.length === 0) {
      return { skipped: snapshot.unavailable.loginIpRanges ?? 'login IP ranges of profiles are not in this snapshot' };
    }
    return {
      hits: known
        .filter((profile) => profile.loginIpRanges?.length === 0)
        .map((profile) => ({
          component: { type: 'Profile', name: profile.name },
          detail: `Profile ${profile.name} grants administrative permissions and has no login IP ranges${profile.hasLoginHours ? '' : ' or login hours'}.`,
          location: profile.location
        }))
    };
  }
};

export const psgNotAdopted: Rule = {
  id: 'psg.not-adopted',
  reads: ['holders'],
  modes: ANY_MODE,
  title: 'Permission sets assigned one by one instead of through groups',
  severity: 'low',
  lead: 'IT',
  areaKey: ACCESS_AREA,
  remediation: 'Bundle the permission sets each job role needs into a permission set group and assign the group.',
  references: [help('sf.perm_set_groups.htm')],
  controls: { nist: ['PR.AA-05'], iso27001: ['A.5.15', 'A.5.18'], cis: ['6.8'] },
  evaluate: (snapshot, { options }) => {
    const groups = snapshot.holders.filter((holder) => holder.type === 'PermissionSetGroup');
    const customSets = snapshot.holders.filter((holder) => holder.type === 'PermissionSet' && holder.custom !== false);
    if (snapshot.unavailable.assignments) return { skipped: snapshot.unavailable.assignments };
    if (snapshot.assignments === undefined) {
      // Offline: only "many permission sets, no group at all" can be told, and only when groups were retrieved
      // (the metadata collector marks them unavailable only when it found none).
      const notRetrieved = snapshot.unavailable.permissionSetGroups;
      if (notRetrieved) return { skipped: notRetrieved };
      if (groups.length > 0 || customSets.length < 3) return { hits: [] };
      return {
        hits: [
          {
            component: { type: 'Organization', name: snapshot.orgId ?? 'Organization' },
            detail: `${plural(customSets.length, 'custom permission set')} and no permission set group.`
          }
        ]
      };
    }
    const threshold = options.psgDirectAssignmentThreshold ?? 3;
    const grouped = new Set(groups.flatMap((group) => group.memberPermissionSets ?? []));
    const direct = new Map<string, Set<string>>();
    for (const assignment of snapshot.assignments) {
      if (!assignment.permissionSetName || assignment.permissionSetGroupName) continue;
      const users = direct.get(assignment.permissionSetName) ?? new Set<string>();
      users.add(assignment.assigneeId);
      direct.set(assignment.permissionSetName, users);
    }
    // Live, the org counts direct assignments itself (GROUP BY): the collector reads only privileged assignments row by row.
    const counts = new Map(Object.entries(snapshot.directAssignees ?? {}));
    if (!snapshot.directAssignees) for (const [name, users] of direct) counts.set(name, users.size);
    return {
      hits: [...counts.entries()]
        .filter(([, users]) => users >= threshold)
        .map(([name, users]) => ({
          component: { type: 'PermissionSet', name },
          detail: `Permission set ${name} is assigned directly to ${plural(users, 'user')}${grouped.has(name) ? ' although it is in a group' : ''}.`
        }))
    };
  }
};
