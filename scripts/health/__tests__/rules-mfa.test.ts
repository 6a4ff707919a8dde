import { runHealthCheck } from '../engine';
import { loginsWithoutMfa, mfaBypassGranted, mfaNotEnforced } from '../rules/mfa';
import type { OrgSnapshot, LoginEvent } from '../snapshot';
import { holder, liveSnapshot } from './core-fixtures';
import { evaluateRule, ruleHits, snapshotUser } from './rules-harness';

// What an admin reads in the MFA findings: which snapshot part stops each rule, where its findings are
// routed, which logins count, and the wording of a skip or a finding (its counts and its scope note).

function login(userId: string, loginType: string, extra: Partial<LoginEvent> = {}): LoginEvent {
  return { userId, loginTime: '2025-06-29T08:00:00Z', loginType, status: 'Success', ...extra };
}

const ADMIN = holder('Profile', 'System Administrator', ['ModifyAllData'], { activeAssigneeIds: ['admin'] });

describe('the MFA rules through the engine', () => {
  it.each(
    (
      [
        [mfaNotEnforced, 'mfaRequiredOrgWide'],
        [mfaBypassGranted, 'holders'],
        [loginsWithoutMfa, 'holders'],
        [loginsWithoutMfa, 'users'],
        [loginsWithoutMfa, 'logins']
      ] as const
    ).map(([rule, part]) => [rule.id, part, rule] as const)
  )('%s skips with the collector reason when %s could not be read', (_id, part, rule) => {
    // Everything else is present and would give findings: only the unreadable part stops the rule.
    const snapshot = liveSnapshot({
      mfaRequiredOrgWide: false,
      holders: [ADMIN, holder('PermissionSet', 'Waiver', ['BypassMFAForUiLogins'], { activeAssigneeIds: ['admin'] })],
      users: [snapshotUser('admin')],
      loginVerifications: {},
      logins: [login('admin', 'Application')],
      unavailable: { [part]: `no ${part}: insufficient access` }
    });
    const [result] = runHealthCheck(snapshot, { rules: [rule] }).rules;
    expect({ status: result.status, reason: result.reason }).toEqual({ status: 'skipped', reason: `no ${part}: insufficient access` });
  });

  it('routes every MFA finding to the IDENTITY.MFA governance area', () => {
    const snapshot = liveSnapshot({
      mfaRequiredOrgWide: false,
      holders: [ADMIN, holder('PermissionSet', 'Waiver', ['BypassMFAForUiLogins'], { activeAssigneeIds: ['admin'] })],
      users: [snapshotUser('admin')],
      loginVerifications: {},
      logins: [login('admin', 'Application')]
    });
    const result = runHealthCheck(snapshot, { rules: [mfaNotEnforced, mfaBypassGranted, loginsWithoutMfa] });
    expect(result.findings.map((finding) => [finding.ruleId, finding.areaKey])).toEqual(
      expect.arrayContaining([
        ['mfa.not-enforced', 'IDENTITY.MFA'],
        ['mfa.bypass-granted', 'IDENTITY.MFA'],
        ['mfa.logins-without-mfa', 'IDENTITY.MFA']
      ])
    );
    expect(new Set(result.findings.map((finding) => finding.areaKey))).toEqual(new Set(['IDENTITY.MFA']));
  });
});

describe('mfa.logins-without-mfa: which logins count', () => {
  it('judges an OAuth login to the UI (no API type) by its reported method, like an SSO login', () => {
    const snapshot = liveSnapshot({
      users: [snapshotUser('web'), snapshotUser('api')],
      loginVerifications: {},
      logins: [
        login('web', 'Remote Access 2.0', { authMethodReference: 'pwd' }),
        // The same login type with an API type is an API login: not a UI login, not judged here.
        login('api', 'Remote Access 2.0', { authMethodReference: 'pwd', apiType: 'REST' })
      ]
    });
    expect(ruleHits('mfa.logins-without-mfa', snapshot).map((hit) => hit.detail)).toEqual([
      'User web logged in to the UI 1 time without MFA.'
    ]);
  });

  it('judges an SSO login by its reported method even when it carries an API type', () => {
    const snapshot = liveSnapshot({
      users: [snapshotUser('sso')],
      loginVerifications: {},
      logins: [login('sso', 'Third Party SSO', { authMethodReference: 'pwd', apiType: 'REST' })]
    });
    expect(ruleHits('mfa.logins-without-mfa', snapshot).map((hit) => hit.component.name)).toEqual(['sso@acme.test']);
  });
});

describe('mfa.logins-without-mfa: without VerificationHistory', () => {
  const unjudged = (extra: Partial<OrgSnapshot>) =>
    liveSnapshot({ users: [snapshotUser('rep'), snapshotUser('a'), snapshotUser('b')], loginVerifications: undefined, ...extra });

  it('says that the direct logins could not be judged, and why, when no SSO login lacked MFA', () => {
    expect(evaluateRule('mfa.logins-without-mfa', unjudged({ logins: [login('rep', 'Application', { count: 2 })] }))).toEqual({
      skipped:
        '2 direct UI logins could not be judged (VerificationHistory is not in this snapshot); only SSO logins that report their method could be'
    });
  });

  it("gives the collector's reason when it has one", () => {
    const snapshot = unjudged({
      logins: [login('rep', 'Application')],
      unavailable: { loginVerifications: 'VerificationHistory: insufficient access' }
    });
    expect(evaluateRule('mfa.logins-without-mfa', snapshot)).toEqual({
      skipped:
        '1 direct UI login could not be judged (VerificationHistory: insufficient access); only SSO logins that report their method could be'
    });
  });

  it('counts the users whose SSO logins lacked MFA, so that they are not lost in the skip', () => {
    const one = unjudged({
      logins: [login('rep', 'Application'), login('a', 'Third Party SSO', { authMethodReference: 'pwd' })]
    });
    expect(evaluateRule('mfa.logins-without-mfa', one)).toEqual({
      skipped:
        '1 direct UI login could not be judged (VerificationHistory is not in this snapshot); only SSO logins that report their method could be, and 1 user among them logged in without MFA'
    });
    const two = unjudged({
      logins: [
        login('rep', 'Application'),
        login('a', 'Third Party SSO', { authMethodReference: 'pwd' }),
        login('b', 'Third Party SSO', { authMethodReference: 'pwd' })
      ]
    });
    expect(evaluateRule('mfa.logins-without-mfa', two)).toEqual({
      skipped: expect.stringMatching(/could be, and 2 users among them logged in without MFA$/)
    });
  });
});

describe('mfa.logins-without-mfa: the scope note in each finding', () => {
  const base = {
    holders: [ADMIN, holder('PermissionSet', 'Waiver', ['BypassMFAForUiLogins'], { activeAssigneeIds: ['admin'] })],
    users: [snapshotUser('admin')],
    loginVerifications: {},
    logins: [login('admin', 'Application', { count: 2 })]
  };

  it('has no note when MFA is not enforced and the scope is not known', () => {
    expect(ruleHits('mfa.logins-without-mfa', liveSnapshot(base)).map((hit) => hit.detail)).toEqual([
      'User admin (privileged) logged in to the UI 2 times without MFA.'
    ]);
  });

  it('names the production scope alone', () => {
    expect(ruleHits('mfa.logins-without-mfa', liveSnapshot({ ...base, loginScope: 'privileged', isSandbox: false }))[0].detail).toBe(
      "User admin (privileged) logged in to the UI 2 times without MFA (production org: privileged users' logins were read)."
    );
  });

  it('names the sandbox scope alone', () => {
    expect(ruleHits('mfa.logins-without-mfa', liveSnapshot({ ...base, loginScope: 'all', isSandbox: true }))[0].detail).toBe(
      "User admin (privileged) logged in to the UI 2 times without MFA (sandbox: every user's logins were read)."
    );
  });

  it('names the sandbox scope only for a sandbox whose every login was read', () => {
    const noted = (extra: Partial<OrgSnapshot>) =>
      ruleHits('mfa.logins-without-mfa', liveSnapshot({ ...base, ...extra }))[0].detail.includes("sandbox: every user's logins were read");
    expect(noted({ loginScope: 'all', isSandbox: true })).toBe(true);
    expect(noted({ loginScope: 'all', isSandbox: false })).toBe(false);
    expect(noted({ loginScope: undefined, isSandbox: true })).toBe(false);
  });

  it('joins the enforcement note and the scope with a semicolon', () => {
    const snapshot = liveSnapshot({ ...base, mfaRequiredOrgWide: true, loginScope: 'privileged', isSandbox: false });
    expect(ruleHits('mfa.logins-without-mfa', snapshot)[0].detail).toBe(
      'User admin (privileged) logged in to the UI 2 times without MFA (MFA is required org-wide for direct UI logins, so only users who may waive it were judged; ' +
        "production org: privileged users' logins were read)."
    );
  });
});
