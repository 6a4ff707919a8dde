import type { LoginEvent } from '../snapshot';
import { daysBetween, help, LIVE_MODE, missing, plural } from './helpers';
import type { Rule } from './types';

const UI_LOGIN = 'Application';

function isApiLogin(login: LoginEvent): boolean {
  return Boolean(login.apiType) || login.loginType !== UI_LOGIN;
}

export const sharedIntegrationUser: Rule = {
  id: 'user.shared-integration-user',
  reads: ['users', 'logins'],
  modes: LIVE_MODE,
  title: 'Human-licensed user used as a hard-coded API user',
  severity: 'high',
  lead: 'IT',
  areaKey: 'INTEGRATION.GOVERNANCE',
  remediation:
    'Move the integration to a dedicated Salesforce Integration user with API Only, a connected app (OAuth, no stored password) and a named owner in the integration inventory.',
  references: [help('sf.integration_user.htm'), help('sf.connected_app_overview.htm')],
  controls: { nist: ['PR.AA-01', 'PR.AA-05'], iso27001: ['A.5.16', 'A.8.2'], cis: ['5.5', '5.2'] },
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'users', 'logins');
    if (skip) return skip;
    const apiLogins = new Map<string, number>();
    for (const login of snapshot.logins ?? []) {
      if (login.status === 'Success' && isApiLogin(login)) apiLogins.set(login.userId, (apiLogins.get(login.userId) ?? 0) + 1);
    }
    return {
      hits: (snapshot.users ?? [])
        .filter(
          (user) =>
            user.isActive &&
            user.licenseName === 'Salesforce' &&
            !user.isApiOnly &&
            user.passwordNeverExpires &&
            (apiLogins.get(user.id) ?? 0) > 0
        )
        .map((user) => ({
          component: { type: 'User', name: user.username },
          detail: `${user.name} has a full Salesforce license, ${plural(apiLogins.get(user.id) ?? 0, 'API login')}, a password that never expires and no API Only.`
        }))
    };
  }
};

export const dormantUsers: Rule = {
  id: 'user.dormant',
  reads: ['users'],
  modes: LIVE_MODE,
  title: 'Active users who have not logged in recently',
  severity: 'medium',
  lead: 'IT',
  areaKey: 'ACCESS.PERMISSIONS',
  remediation:
    'Deactivate (or freeze) users who no longer log in, after confirming with their manager; integration users belong in the integration inventory.',
  references: [help('sf.users_deactivate.htm')],
  controls: { nist: ['PR.AA-01'], iso27001: ['A.5.18'], cis: ['5.3'] },
  evaluate: (snapshot, { options }) => {
    const skip = missing(snapshot, 'users');
    if (skip) return skip;
    const now = snapshot.takenAt;
    return {
      hits: (snapshot.users ?? [])
        .filter((user) => user.isActive && user.userType === 'Standard')
        .flatMap((user) => {
          const since = user.lastLoginDate ?? user.createdDate;
          if (!since || daysBetween(since, now) <= options.dormantDays) return [];
          const days = Math.floor(daysBetween(since, now));
          return [
            {
              component: { type: 'User', name: user.username },
              detail: user.lastLoginDate
                ? `${user.name} last logged in ${days} days ago (limit ${options.dormantDays}).`
                : `${user.name} has never logged in; created ${days} days ago (limit ${options.dormantDays}).`
            }
          ];
        })
    };
  }
};

export const tooManyAdmins: Rule = {
  id: 'user.too-many-admins',
  reads: ['users'],
  modes: LIVE_MODE,
  title: 'More active System Administrators than the baseline allows',
  severity: 'medium',
  lead: 'IT',
  areaKey: 'ACCESS.PERMISSIONS',
  remediation:
    'Keep the System Administrator profile for a handful of named administrators; give everyone else a minimal profile plus the permission sets their job needs.',
  references: [help('sf.security_health_check.htm'), help('sf.admin_userprofiles.htm')],
  controls: { nist: ['PR.AA-05'], iso27001: ['A.8.2'], cis: ['5.4'] },
  evaluate: (snapshot, { options }) => {
    const skip = missing(snapshot, 'users');
    if (skip) return skip;
    const admins = (snapshot.users ?? []).filter((user) => user.isActive && user.profileName === 'System Administrator');
    if (admins.length <= options.maxSystemAdministrators) return { hits: [] };
    return {
      hits: [
        {
          component: { type: 'Organization', name: snapshot.orgId ?? 'Organization' },
          detail: `${plural(admins.length, 'active System Administrator')} (baseline maximum ${options.maxSystemAdministrators}): ${admins.map((user) => user.username).join(', ')}.`
        }
      ]
    };
  }
};
