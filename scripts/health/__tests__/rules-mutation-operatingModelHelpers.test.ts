import { LIVE_ONLY } from '../reasons';
import { defaultRuleOptions } from '../rules';
import { absent, dayDiff, isSecurityRule, normalName, parseFindingKey, target } from '../rules/operatingModelHelpers';
import { liveSnapshot } from './core-fixtures';

// The operating model rules' shared helpers, as the rules rely on them.
describe('absent: when an operating model rule skips', () => {
  it('a part that is known, even empty, does not skip', () => {
    expect(absent(liveSnapshot({ changeRequests: [], runbooks: [] }), 'changeRequests', 'runbooks')).toBeUndefined();
  });

  it("an unknown part skips with the collector's reason, or as needing a live org when it gave none", () => {
    expect(
      absent(
        liveSnapshot({ runbooks: [], unavailable: { changeRequests: 'Change_Request__c is not deployed' } }),
        'changeRequests',
        'runbooks'
      )
    ).toEqual({
      skipped: 'Change_Request__c is not deployed'
    });
    expect(absent(liveSnapshot({ changeRequests: [] }), 'changeRequests', 'runbooks')).toEqual({ skipped: LIVE_ONLY });
  });
});

describe('target: a metric target', () => {
  it('is the configured one when set, the default otherwise', () => {
    expect(target({ options: defaultRuleOptions(undefined, { targets: { 'mttd-hours': 4 } }) }, 'mttd-hours')).toBe(4);
    expect(target({ options: defaultRuleOptions(undefined, { targets: { 'mttd-hours': 4 } }) }, 'lead-time-days')).toBe(5);
    expect(target({ options: defaultRuleOptions() }, 'security-review-days')).toBe(7);
  });
});

describe('dayDiff: calendar days', () => {
  it('counts calendar days whether it gets dates or times of day', () => {
    expect(dayDiff('2026-11-01', '2026-11-08')).toBe(7);
    expect(dayDiff('2026-11-01T23:30:00.000Z', '2026-11-02T00:10:00.000Z')).toBe(1);
    expect(dayDiff('2026-11-02T00:10:00.000Z', '2026-11-02T23:30:00.000Z')).toBe(0);
    expect(dayDiff('2026-11-08', '2026-11-01')).toBe(-7);
  });
});

describe('normalName: API names and labels compare equal', () => {
  it('lower case, every run of underscores or punctuation one space, none at the ends', () => {
    expect(normalName('Shadow_Admin')).toBe('shadow admin');
    expect(normalName('Shadow Admin')).toBe('shadow admin');
    expect(normalName('  ERP -- Sync (v2)!')).toBe('erp sync v2');
    expect(normalName('integration@acme.example')).toBe('integration acme example');
  });
});

describe('parseFindingKey', () => {
  it('splits rule, type and a name that may hold colons', () => {
    expect(parseFindingKey('perm.modify-all-data:PermissionSet:Shadow_Admin')).toEqual({
      ruleId: 'perm.modify-all-data',
      type: 'PermissionSet',
      name: 'Shadow_Admin'
    });
    expect(parseFindingKey('capp.refresh-token-forever:ConnectedApp:ns:Erp:App')).toEqual({
      ruleId: 'capp.refresh-token-forever',
      type: 'ConnectedApp',
      name: 'ns:Erp:App'
    });
  });

  it('a key without type or name gives empty ones', () => {
    expect(parseFindingKey('perm.admin-sprawl')).toEqual({ ruleId: 'perm.admin-sprawl', type: '', name: '' });
  });
});

describe('isSecurityRule: the findings MTTD measures', () => {
  it.each([
    'perm.modify-all-data',
    'profile.no-login-ip-ranges',
    'psg.muting',
    'mfa.logins-without-mfa',
    'capp.ip-relaxation-bypass',
    'user.dormant',
    'baseline:SessionSettings.timeout'
  ])('%s is a security rule', (ruleId) => expect(isSecurityRule(ruleId)).toBe(true));

  it.each([
    'gov.review-overdue',
    'salesops.stage-forecast-mismatch',
    'dora.change-failure-rate',
    'data.unclassified-sensitive-field',
    'superuser.x',
    'permission-x'
  ])('%s is not', (ruleId) => expect(isSecurityRule(ruleId)).toBe(false));
});
