import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { classify, describeCompliant, type BaselineSetting } from '../baseline/model';
import { loadBaseline, MAX_BASELINE_BYTES, parseBaselineText, STANDARD_BASELINE_FILE } from '../baseline/parse';
import type { Finding } from '../result';
import { applySuppressions, loadSuppressions, parseSuppressions } from '../suppressions';
import { liveSnapshot, writeTree } from './core-fixtures';

/** The UsageError a call throws: its name, message and actions, as the CLI prints them. */
function usageError(call: () => unknown): { name: string; message: string; actions: string[] } {
  try {
    call();
  } catch (error) {
    if (error instanceof UsageError) return { name: error.name, message: error.message, actions: error.actions };
    throw error;
  }
  throw new Error('expected a UsageError');
}

const ENTRY_HELP = ['Each entry is {"ruleId": "...", "component": "name or *", "reason": "...", "expires": "YYYY-MM-DD"}.'];

describe('suppressions file errors name the file, the entry and what to write', () => {
  it.each([
    ['a number', '[1]', 's.json: entry 1: is not an object'],
    ['null', '[null]', 's.json: entry 1: is not an object'],
    ['an array', '[["perm.x"]]', 's.json: entry 1: is not an object'],
    [
      'unknown fields',
      '[{"ruleId":"a","reason":"r","expires":"2025-01-01","until":"x","by":"y"}]',
      's.json: entry 1: unknown field until, by'
    ],
    ['a blank ruleId', '[{"ruleId":"  ","reason":"r","expires":"2025-01-01"}]', 's.json: entry 1: ruleId is required'],
    ['a numeric ruleId', '[{"ruleId":5,"reason":"r","expires":"2025-01-01"}]', 's.json: entry 1: ruleId is required'],
    [
      'a numeric component',
      '[{"ruleId":"a","component":5,"reason":"r","expires":"2025-01-01"}]',
      's.json: entry 1: component must be a component name or "*"'
    ],
    ['a blank reason', '[{"ruleId":"a","reason":" ","expires":"2025-01-01"}]', 's.json: entry 1: reason is required (a)'],
    [
      'text before the date',
      '[{"ruleId":"a","reason":"r","expires":"on 2025-01-01"}]',
      's.json: entry 1: expires must be a date YYYY-MM-DD (a), got "on 2025-01-01"'
    ],
    [
      'text after the date',
      '[{"ruleId":"a","reason":"r","expires":"2025-01-01 noon"}]',
      's.json: entry 1: expires must be a date YYYY-MM-DD (a), got "2025-01-01 noon"'
    ],
    [
      'a number as date',
      '[{"ruleId":"a","reason":"r","expires":20250101}]',
      's.json: entry 1: expires must be a date YYYY-MM-DD (a), got 20250101'
    ]
  ])('%s', (_label, text, message) => {
    expect(usageError(() => parseSuppressions('s.json', text))).toEqual({ name: 'InvalidSuppressions', message, actions: ENTRY_HELP });
  });

  it('invalid JSON and a non-array say how the file is shaped', () => {
    const invalid = usageError(() => parseSuppressions('s.json', '{'));
    expect(invalid.message).toMatch(/^s\.json: invalid JSON: \S/);
    expect(invalid.actions).toEqual(['The suppressions file is a JSON array of entries.']);
    expect(usageError(() => parseSuppressions('s.json', '{}'))).toEqual({
      name: 'InvalidSuppressions',
      message: 's.json: expected a JSON array of entries',
      actions: ['Wrap the entries in [ ].']
    });
  });

  it('a missing file names the flag and the path', () => {
    expect(usageError(() => loadSuppressions('/nowhere/s.json'))).toEqual({
      name: 'SuppressionsNotFound',
      message: '--suppressions /nowhere/s.json: file not found.',
      actions: ['Pass the path of a JSON suppressions file.']
    });
  });

  it('keeps each entry with its reference', () => {
    expect(
      parseSuppressions(
        's.json',
        '[{"ruleId":"a","reason":"r","expires":"2025-01-01"},{"ruleId":"b","component":"X","reason":"q","expires":"2025-02-01"}]'
      )
    ).toEqual([
      { ruleId: 'a', component: undefined, reason: 'r', expires: '2025-01-01', ref: 's.json#1' },
      { ruleId: 'b', component: 'X', reason: 'q', expires: '2025-02-01', ref: 's.json#2' }
    ]);
  });
});

describe('which suppression applies to a finding', () => {
  const NOW = new Date('2025-06-30T12:00:00Z');
  const finding: Finding = {
    ruleId: 'perm.modify-all-data',
    key: 'perm.modify-all-data:Profile:Admin',
    severity: 'critical',
    lead: 'IT',
    title: 'Modify All Data granted',
    component: { type: 'Profile', name: 'Admin' },
    detail: '',
    remediation: '',
    status: 'open',
    areaKey: 'ACCESS.PERMISSIONS'
  };
  const entry = (extra: Record<string, string>) =>
    parseSuppressions('s.json', JSON.stringify([{ ruleId: 'perm.modify-all-data', reason: 'r', expires: '2025-12-31', ...extra }]));

  it('only an entry for the same rule, and the same component or every component', () => {
    expect(applySuppressions([finding], liveSnapshot(), entry({ ruleId: 'perm.view-all-data' }), NOW)[0].status).toBe('open');
    expect(applySuppressions([finding], liveSnapshot(), entry({ component: 'Ops' }), NOW)[0].status).toBe('open');
    expect(applySuppressions([finding], liveSnapshot(), entry({ component: 'Admin' }), NOW)[0].status).toBe('accepted');
    expect(applySuppressions([finding], liveSnapshot(), entry({}), NOW)[0].status).toBe('accepted');
    // The last day is still covered.
    expect(applySuppressions([finding], liveSnapshot(), entry({ expires: '2025-06-30' }), NOW)[0].status).toBe('accepted');
  });

  it('a decision accepts only a risk treated by acceptance, for this finding or its rule, until its expiry day', () => {
    const decisions = [
      { id: 'd1', name: 'DEC-1', title: 'Break-glass admin', status: 'Accepted', expiresOn: '2025-06-30T00:00:00.000Z' },
      { id: 'd2', name: 'DEC-2', status: 'Accepted' }
    ];
    const withRisk = (risk: Record<string, string>) =>
      applySuppressions(
        [finding],
        liveSnapshot({ decisions, risks: [{ id: 'r1', name: 'R-1', treatment: 'Accept', acceptanceDecisionId: 'd1', ...risk }] }),
        [],
        NOW
      )[0];
    expect(withRisk({ sourceRef: finding.key })).toMatchObject({
      status: 'accepted',
      suppression: { kind: 'decision', reason: 'Risk R-1 accepted by DEC-1 (Break-glass admin)', expires: '2025-06-30', ref: 'DEC-1' }
    });
    expect(withRisk({ sourceRef: 'perm.modify-all-data', acceptanceDecisionId: 'd2' })).toMatchObject({
      status: 'accepted',
      suppression: { kind: 'decision', reason: 'Risk R-1 accepted by DEC-2', expires: undefined, ref: 'DEC-2' }
    });
    expect(withRisk({ sourceRef: finding.key, treatment: 'Mitigate' }).status).toBe('open');
    expect(withRisk({ sourceRef: 'perm.view-all-data' }).status).toBe('open');
  });
});

describe('baseline values against a setting', () => {
  const numeric = (compliantNumber: number, warningNumber: number): BaselineSetting => ({
    name: 'PasswordPolicies.minPasswordLength',
    kind: 'numericRangeSetting',
    risk: 'high',
    line: 1,
    compliantNumber,
    warningNumber
  });
  const boolean: BaselineSetting = {
    name: 'SessionSettings.lockSessionsToDomain',
    kind: 'booleanSetting',
    risk: 'high',
    line: 1,
    compliantBoolean: true
  };

  it('higher is better when compliant is above warning: the thresholds themselves are in their bucket', () => {
    expect([12, 13, 11, 8, 7, Number.NaN].map((value) => classify(numeric(12, 8), value))).toEqual([
      'compliant',
      'compliant',
      'warning',
      'warning',
      'critical',
      'critical'
    ]);
    expect(['12', 'twelve'].map((value) => classify(numeric(12, 8), value))).toEqual(['compliant', 'critical']);
  });

  it('lower is better when compliant is below warning', () => {
    expect([3, 2, 4, 5, 6].map((value) => classify(numeric(3, 5), value))).toEqual([
      'compliant',
      'compliant',
      'warning',
      'warning',
      'critical'
    ]);
  });

  it('equal thresholds: at least the value is compliant', () => {
    expect([5, 6, 4].map((value) => classify(numeric(5, 5), value))).toEqual(['compliant', 'compliant', 'critical']);
  });

  it('booleans from text in any case; a non-compliant value goes to its bucket (critical by default)', () => {
    expect([true, 'TRUE', 'true', false, 'yes', 1].map((value) => classify(boolean, value))).toEqual([
      'compliant',
      'compliant',
      'compliant',
      'critical',
      'critical',
      'critical'
    ]);
    expect(classify({ ...boolean, nonCompliant: 'warning' }, false)).toBe('warning');
  });

  it('describes the compliant value the way the remediation says it', () => {
    expect(describeCompliant(numeric(12, 8))).toBe('at least 12');
    expect(describeCompliant(numeric(3, 5))).toBe('at most 3');
    expect(describeCompliant(numeric(5, 5))).toBe('at least 5');
    expect(describeCompliant(boolean)).toBe('true');
    expect(describeCompliant({ ...boolean, compliantBoolean: false })).toBe('false');
    expect(
      describeCompliant({
        name: 'SessionSettings.timeout',
        kind: 'enumSetting',
        risk: 'low',
        line: 1,
        compliantValues: ['FifteenMinutes', 'ThirtyMinutes']
      })
    ).toBe('FifteenMinutes or ThirtyMinutes');
  });
});

describe('baseline file format', () => {
  const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const wrap = (body: string) =>
    `${HEAD}<baseline name="Custom">\n<highRiskSecuritySettings>\n${body}\n</highRiskSecuritySettings>\n</baseline>\n`;
  const BASELINE_HELP = [
    'A custom baseline is the Health Check export format: settings can be moved between risk sections or given other values, never added or removed. Start from the Salesforce baseline standard.'
  ];
  const parseError = (text: string) => usageError(() => parseBaselineText('b.xml', text));

  it('reads attributes quoted either way, with spaces around =, and trims list values', () => {
    const baseline = parseBaselineText(
      'b.xml',
      wrap(
        `<enumSetting name = 'SessionSettings.timeout' compliant=" FifteenMinutes, ThirtyMinutes,," warning="TwoHours" critical=""/>\n<booleanSetting name="A.b" compliant="false"/>\n<numericRangeSetting name="P.len" compliant="12" warning="8"/>`
      )
    );
    expect(baseline.name).toBe('Custom');
    expect(baseline.settings).toEqual([
      {
        name: 'SessionSettings.timeout',
        kind: 'enumSetting',
        risk: 'high',
        line: 4,
        compliantValues: ['FifteenMinutes', 'ThirtyMinutes'],
        warningValues: ['TwoHours'],
        criticalValues: []
      },
      { name: 'A.b', kind: 'booleanSetting', risk: 'high', line: 5, compliantBoolean: false, nonCompliant: 'critical' },
      { name: 'P.len', kind: 'numericRangeSetting', risk: 'high', line: 6, compliantNumber: 12, warningNumber: 8 }
    ]);
    expect(parseBaselineText('b.xml', wrap('<booleanSetting name="A.b" compliant="true"/>')).settings[0].compliantBoolean).toBe(true);
    expect(parseBaselineText('b.xml', `${HEAD}<baseline>\n</baseline>\n`)).toEqual({ file: 'b.xml', name: '', line: 2, settings: [] });
  });

  it('reads an enum setting without warning or critical values as having none', () => {
    expect(parseBaselineText('b.xml', wrap('<enumSetting name="A.c" compliant="One"/>')).settings[0]).toMatchObject({
      compliantValues: ['One'],
      warningValues: [],
      criticalValues: []
    });
  });

  it('ignores commented-out settings, keeping the lines of what follows', () => {
    const baseline = parseBaselineText(
      'b.xml',
      wrap('<!-- <booleanSetting name="X.gone" compliant="true"/> --><!-- two\n lines --> <booleanSetting name="A.b" compliant="true"/>')
    );
    expect(baseline.settings.map((setting) => [setting.name, setting.line])).toEqual([['A.b', 5]]);
  });

  it.each([
    [
      'a name without a group',
      '<booleanSetting name="lockSessions" compliant="true"/>',
      'b.xml:4: booleanSetting needs a name="Group.setting" attribute'
    ],
    [
      'a name with a prefix',
      '<booleanSetting name="-A.b" compliant="true"/>',
      'b.xml:4: booleanSetting needs a name="Group.setting" attribute'
    ],
    [
      'a name with a suffix',
      '<booleanSetting name="A.b-c" compliant="true"/>',
      'b.xml:4: booleanSetting needs a name="Group.setting" attribute'
    ],
    ['no name', '<booleanSetting compliant="true"/>', 'b.xml:4: booleanSetting needs a name="Group.setting" attribute'],
    ['a boolean that is not', '<booleanSetting name="A.b" compliant="yes"/>', 'b.xml:4: A.b: compliant="yes" must be true or false'],
    ['a boolean without value', '<booleanSetting name="A.b"/>', 'b.xml:4: A.b: compliant="" must be true or false'],
    [
      'a bad bucket',
      '<booleanSetting name="A.b" compliant="true" nonCompliant="high"/>',
      'b.xml:4: A.b: nonCompliant="high" must be critical or warning'
    ],
    ['a blank number', '<numericRangeSetting name="P.len" compliant=" " warning="8"/>', 'b.xml:4: P.len: compliant=" " is not a number'],
    ['a missing number', '<numericRangeSetting name="P.len" compliant="12"/>', 'b.xml:4: P.len: warning="" is not a number'],
    [
      'a word for a number',
      '<numericRangeSetting name="P.len" compliant="12" warning="eight"/>',
      'b.xml:4: P.len: warning="eight" is not a number'
    ],
    [
      'an enum without compliant values',
      '<enumSetting name="S.t" compliant="" warning="A"/>',
      'b.xml:4: S.t: an enumSetting needs at least one compliant value'
    ],
    [
      'an enum value twice',
      '<enumSetting name="S.t" compliant="A" warning="B" critical="A"/>',
      'b.xml:4: S.t: value A is in more than one of compliant, warning and critical'
    ],
    ['an unknown element', '<stringSetting name="A.b"/>', 'b.xml:4: unknown element <stringSetting>']
  ])('rejects %s at its line', (_label, body, message) => {
    expect(parseError(wrap(body))).toEqual({ name: 'InvalidBaseline', message, actions: BASELINE_HELP });
  });

  it('a setting must sit inside an open risk section', () => {
    const sections = 'highRiskSecuritySettings, mediumRiskSecuritySettings, lowRiskSecuritySettings, informationalSecuritySettings';
    expect(
      parseError(
        `${HEAD}<baseline>\n<highRiskSecuritySettings>\n</highRiskSecuritySettings>\n<booleanSetting name="A.b" compliant="true"/>\n</baseline>\n`
      ).message
    ).toBe(`b.xml:5: <booleanSetting> must be inside one of ${sections}`);
    expect(
      parseError(`${HEAD}<baseline>\n<highRiskSecuritySettings/>\n<booleanSetting name="A.b" compliant="true"/>\n</baseline>\n`).message
    ).toBe(`b.xml:4: <booleanSetting> must be inside one of ${sections}`);
  });

  it('a custom baseline file: found, at most 20 KB (exactly 20 KB is fine), settings known with their values', () => {
    expect(usageError(() => loadBaseline('/nowhere/b.xml'))).toEqual({
      name: 'BaselineNotFound',
      message: '--baseline /nowhere/b.xml: file not found.',
      actions: ['Pass the path of a Health Check baseline XML file.']
    });
    const standard = readFileSync(STANDARD_BASELINE_FILE, 'utf8');
    const dir = writeTree({});
    const exact = join(dir, 'exact.xml');
    writeFileSync(exact, `${standard}<!--${' '.repeat(MAX_BASELINE_BYTES - Buffer.byteLength(standard) - 8)}-->\n`);
    expect(loadBaseline(exact).settings).toHaveLength(45);
    const unknownValue = join(dir, 'unknown.xml');
    writeFileSync(unknownValue, standard.replace('compliant="FifteenMinutes', 'compliant="Never,FifteenMinutes'));
    expect(usageError(() => loadBaseline(unknownValue)).message).toMatch(
      /^.*unknown\.xml:45: SessionSettings\.timeout: Never is not a value of this setting \(allowed: FifteenMinutes, ThirtyMinutes, SixtyMinutes, NinetyMinutes, TwoHours, FourHours, EightHours, TwelveHours, TwentyFourHours\)$/
    );
  });
});
