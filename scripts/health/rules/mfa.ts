import { ANY_MODE, grants, help, LIVE_MODE, missing, plural, privilegedUserIds } from './helpers';
import type { Rule } from './types';

const MFA_AREA = 'IDENTITY.MFA';
const MFA_REFS = [help('sf.security_require_two-factor_authentication.htm'), help('sf.mfa_waive_exempt_users.htm')];
const MFA_CONTROLS = { nist: ['PR.AA-03'], iso27001: ['A.8.5'], cis: ['6.3', '6.5'] };
const BYPASS = 'BypassMFAForUiLogins';

export const mfaNotEnforced: Rule = {
  id: 'mfa.not-enforced',
  reads: ['mfaRequiredOrgWide'],
  modes: ANY_MODE,
  title: 'MFA not required for all direct UI logins',
  severity: 'critical',
  lead: 'IT',
  areaKey: MFA_AREA,
  remediation:
    'In Setup > Identity Verification, turn on "Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org".',
  references: MFA_REFS,
  controls: MFA_CONTROLS,
  evaluate: (snapshot) => {
    if (snapshot.mfaRequiredOrgWide === undefined) {
      return { skipped: snapshot.unavailable.mfaRequiredOrgWide ?? 'the org-wide MFA setting is not in this snapshot' };
    }
    if (snapshot.mfaRequiredOrgWide) return { hits: [] };
    return {
      hits: [
        {
          component: { type: 'SecuritySettings', name: 'Security' },
          detail:
            'Multi-factor authentication is not required org-wide for direct UI logins (sessionSettings.enableMFADirectUILoginOptIn is false).',
          location: snapshot.settings['Identity.mfaEnabled']?.location
        }
      ]
    };
  }
};

export const mfaBypassGranted: Rule = {
  id: 'mfa.bypass-granted',
  reads: ['holders'],
  modes: ANY_MODE,
  title: 'MFA waived for UI logins',
  severity: 'high',
  lead: 'IT',
  areaKey: MFA_AREA,
  remediation:
    'Remove "Waive Multi-Factor Authentication for Exempt Users" except for documented exempt accounts (API-only integration users), each with an accepted decision.',
  references: MFA_REFS,
  controls: MFA_CONTROLS,
  evaluate: (snapshot) => {
    const reason = snapshot.unavailable[`Permissions${BYPASS}`];
    if (reason) return { skipped: reason };
    return {
      hits: snapshot.holders
        .filter((holder) => grants(holder, BYPASS))
        .map((holder) => ({
          component: { type: holder.type, name: holder.name },
          detail: `${holder.type} ${holder.name} waives MFA for UI logins (${BYPASS})${holder.activeAssigneeIds ? ` for ${plural(holder.activeAssigneeIds.length, 'active user')}` : ''}.`,
          location: holder.permissionLocations?.[BYPASS] ?? holder.location
        }))
    };
  }
};

/** LoginHistory.LoginType of interactive UI logins (username/password or SSO into the UI). */
const UI_LOGIN_TYPES = new Set(['Application', 'SAML Sfdc Initiated SSO', 'SAML Idp Initiated SSO']);

export const loginsWithoutMfa: Rule = {
  id: 'mfa.logins-without-mfa',
  reads: ['holders', 'users', 'logins'],
  modes: LIVE_MODE,
  title: 'Users logging in without MFA',
  severity: 'high',
  lead: 'IT',
  areaKey: MFA_AREA,
  remediation:
    'Register a verification method for these users and require MFA for them (org-wide switch, or the MFA for User Interface Logins permission); start with administrators.',
  references: MFA_REFS,
  controls: MFA_CONTROLS,
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'logins', 'users');
    if (skip) return skip;
    const privileged = privilegedUserIds(snapshot);
    const withoutMfa = new Map<string, number>();
    for (const login of snapshot.logins ?? []) {
      if (!UI_LOGIN_TYPES.has(login.loginType)) continue;
      if (login.status !== 'Success' || /mfa/i.test(login.authMethodReference ?? '')) continue;
      withoutMfa.set(login.userId, (withoutMfa.get(login.userId) ?? 0) + 1);
    }
    const users = new Map((snapshot.users ?? []).map((user) => [user.id, user]));
    return {
      hits: [...withoutMfa.entries()].map(([userId, count]) => {
        const user = users.get(userId);
        const isPrivileged = privileged.has(userId);
        return {
          component: { type: 'User', name: user?.username ?? userId },
          detail: `${user?.name ?? userId}${isPrivileged ? ' (privileged)' : ''} logged in to the UI ${plural(count, 'time')} without MFA.`,
          // Privileged users without MFA are the high-severity case; everyone else is medium.
          severity: isPrivileged ? 'high' : 'medium'
        };
      })
    };
  }
};
