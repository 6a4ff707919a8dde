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

/** LoginHistory.LoginType of a direct username-and-password login to the UI. */
const DIRECT_UI = 'Application';
/** SSO logins: their method is the identity provider's to report. */
const SSO_LOGIN = /^SAML |Third Party SSO/;
/** OpenID Connect `amr` values (RFC 8176) that mean a second factor was used. */
const MFA_AMR = /\b(mfa|otp|hwk|swk|sms|fpt|face|iris|retina|vbm|pop)\b/i;

/**
 * Judges UI logins by what Salesforce records about them. `AuthMethodReference` is what a third-party
 * OpenID Connect provider reports, null for native and SAML logins: null means unknown, never "no MFA".
 * A direct login's MFA shows in VerificationHistory (a successful Login verification); without it,
 * only SSO logins that report their method can be judged. Where MFA is enforced org-wide for direct
 * UI logins, only the users who may bypass it (Waive MFA) are judged. Privileged users first: in
 * production the collector reads privileged users' logins only (the accounts whose compromise costs
 * most, and the ones an admin can act on first); in a sandbox (Organization.IsSandbox), where MFA is
 * most often forgotten and the data is a copy of production's, everyone's. Either way privileged
 * users are listed first and at high severity, everyone else at medium.
 */
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
    const enforced = snapshot.mfaRequiredOrgWide === true;
    const waived = new Set(snapshot.holders.filter((holder) => grants(holder, BYPASS)).flatMap((holder) => holder.activeAssigneeIds ?? []));
    const verified = snapshot.loginVerifications;
    const direct = new Map<string, number>();
    const withoutMfa = new Map<string, number>();
    let unknownDirect = 0;
    for (const login of snapshot.logins ?? []) {
      if (login.status !== 'Success') continue;
      const count = login.count ?? 1;
      if (login.loginType === DIRECT_UI) {
        if (enforced && !waived.has(login.userId)) continue;
        if (verified) direct.set(login.userId, (direct.get(login.userId) ?? 0) + count);
        else unknownDirect += count;
      } else if (login.authMethodReference !== undefined && (SSO_LOGIN.test(login.loginType) || !login.apiType)) {
        if (!MFA_AMR.test(login.authMethodReference)) withoutMfa.set(login.userId, (withoutMfa.get(login.userId) ?? 0) + count);
      }
    }
    for (const [userId, count] of direct) {
      const unverified = count - (verified?.[userId] ?? 0);
      if (unverified > 0) withoutMfa.set(userId, (withoutMfa.get(userId) ?? 0) + unverified);
    }
    if (unknownDirect > 0) {
      const why = snapshot.unavailable.loginVerifications ?? 'VerificationHistory is not in this snapshot';
      return {
        skipped: `${plural(unknownDirect, 'direct UI login')} could not be judged (${why}); only SSO logins that report their method could be${withoutMfa.size > 0 ? `, and ${plural(withoutMfa.size, 'user')} among them logged in without MFA` : ''}`
      };
    }
    const users = new Map((snapshot.users ?? []).map((user) => [user.id, user]));
    const scope = [
      enforced ? 'MFA is required org-wide for direct UI logins, so only users who may waive it were judged' : '',
      snapshot.loginScope === 'privileged' ? "production org: privileged users' logins were read" : '',
      snapshot.loginScope === 'all' && snapshot.isSandbox === true ? "sandbox: every user's logins were read" : ''
    ]
      .filter(Boolean)
      .join('; ');
    // Privileged users first (the accounts an attacker wants), then by how often each logged in without MFA.
    const ordered = [...withoutMfa.entries()].sort(
      ([a, countA], [b, countB]) => Number(privileged.has(b)) - Number(privileged.has(a)) || countB - countA || a.localeCompare(b)
    );
    return {
      hits: ordered.map(([userId, count]) => {
        const user = users.get(userId);
        const isPrivileged = privileged.has(userId);
        return {
          component: { type: 'User', name: user?.username ?? userId },
          detail: `${user?.name ?? userId}${isPrivileged ? ' (privileged)' : ''} logged in to the UI ${plural(count, 'time')} without MFA${scope ? ` (${scope})` : ''}.`,
          // Privileged users without MFA are the high-severity case; everyone else is medium.
          severity: isPrivileged ? 'high' : 'medium'
        };
      })
    };
  }
};
