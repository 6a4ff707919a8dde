import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { classify, describeCompliant } from '../baseline/model';
import { loadBaseline, STANDARD_BASELINE_FILE, standardBaseline } from '../baseline/parse';
import { baselineRules } from '../baseline/rules';
import { liveSnapshot, writeTree } from './core-fixtures';

const STANDARD_TEXT = readFileSync(STANDARD_BASELINE_FILE, 'utf8');

function customBaseline(text: string): string {
  const dir = writeTree({ 'baseline.xml': text });
  return join(dir, 'baseline.xml');
}

function errorOf(path: string): UsageError {
  try {
    loadBaseline(path);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

/** 1-based line of the first line containing `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('baseline standard', () => {
  it('ships the Salesforce baseline standard unchanged', () => {
    // ../shared beside the checkout, where CI puts it.
    const shared = join(__dirname, '..', '..', '..', '..', 'shared', 'reference', 'salesforce-baseline-standard.xml');
    let reference: string | undefined;
    try {
      reference = readFileSync(shared, 'utf8');
    } catch {
      reference = undefined;
    }
    if (reference !== undefined) expect(STANDARD_TEXT).toBe(reference);
    expect(standardBaseline().name).toBe('SFDC recommended');
  });

  it('parses every setting with its section and line', () => {
    const settings = standardBaseline().settings;
    expect(settings).toHaveLength(45);
    expect(settings.filter((setting) => setting.risk === 'high')).toHaveLength(16);
    const timeout = settings.find((setting) => setting.name === 'SessionSettings.timeout');
    expect(timeout).toMatchObject({
      kind: 'enumSetting',
      risk: 'low',
      warningValues: ['FourHours', 'EightHours', 'TwelveHours'],
      criticalValues: ['TwentyFourHours']
    });
    expect(timeout?.line).toBe(lineOf(STANDARD_TEXT, 'SessionSettings.timeout'));
  });

  it('classifies booleans, numeric ranges both ways, and enums', () => {
    const find = (name: string) =>
      standardBaseline().settings.find((setting) => setting.name === name) ??
      (() => {
        throw new Error(name);
      })();
    expect(classify(find('SessionSettings.lockSessionsToDomain'), true)).toBe('compliant');
    expect(classify(find('SessionSettings.lockSessionsToDomain'), false)).toBe('critical');
    expect(classify(find('SessionSettings.lockSessionsToIp'), false)).toBe('warning');
    expect(classify(find('PasswordPolicies.minPasswordLength'), 8)).toBe('compliant');
    expect(classify(find('PasswordPolicies.minPasswordLength'), 7)).toBe('warning');
    expect(classify(find('PasswordPolicies.minPasswordLength'), 5)).toBe('critical');
    expect(classify(find('FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes'), 0)).toBe('compliant');
    expect(classify(find('FileUploadAndDownloadSecurity.hybridSecurityRiskFileTypes'), 2)).toBe('critical');
    expect(classify(find('PasswordPolicies.expiration'), 'SixMonths')).toBe('warning');
    expect(classify(find('PasswordPolicies.expiration'), 'Never')).toBe('critical');
  });

  it('classifies a number that is not finite as critical, whichever way the range runs', () => {
    const higherIsBetter = {
      name: 'A.b',
      kind: 'numericRangeSetting',
      risk: 'high',
      line: 1,
      compliantNumber: 8,
      warningNumber: 7
    } as const;
    const lowerIsBetter = { ...higherIsBetter, compliantNumber: 0, warningNumber: 1 };
    expect(classify(higherIsBetter, Infinity)).toBe('critical');
    expect(classify(higherIsBetter, 'Infinity')).toBe('critical');
    expect(classify(lowerIsBetter, -Infinity)).toBe('critical');
    expect(classify(higherIsBetter, 'many')).toBe('critical');
  });

  it('describes an enum setting by its compliant values, none when it has none', () => {
    const setting = { name: 'A.b', kind: 'enumSetting', risk: 'high', line: 1 } as const;
    expect(describeCompliant({ ...setting, compliantValues: ['One', 'Two'] })).toBe('One or Two');
    expect(describeCompliant(setting)).toBe('');
  });
});

describe('baseline rules', () => {
  const rules = baselineRules(standardBaseline());
  const rule = (name: string) =>
    rules.find((candidate) => candidate.id === `baseline:${name}`) ??
    (() => {
      throw new Error(name);
    })();
  const options = { adminSprawlThreshold: 5, dormantDays: 90, maxSystemAdministrators: 5, mttrTargetDays: 5, auditAllowList: [] };

  it('one rule per setting, severity by section', () => {
    expect(rules).toHaveLength(45);
    expect(rule('SessionSettings.csrfGet').severity).toBe('high');
    expect(rule('PasswordPolicies.history').severity).toBe('medium');
    expect(rule('SessionSettings.timeout').severity).toBe('low');
    expect(rule('Identity.samlEnabled').severity).toBe('info');
    expect(rule('Identity.samlEnabled').areaKey).toBe('SECURITY.SETTINGS');
  });

  it('a warning-bucket value is reported one level below, a critical one at the section severity', () => {
    const at = (value: string) =>
      rule('PasswordPolicies.maxLoginAttempts').evaluate(liveSnapshot({ settings: { 'PasswordPolicies.maxLoginAttempts': { value } } }), {
        options
      });
    expect(at('ThreeAttempts')).toEqual({ hits: [] });
    expect(at('TenAttempts')).toMatchObject({ hits: [{ severity: 'medium', component: { type: 'SecuritySettings', name: 'Security' } }] });
    expect(at('NoLimit')).toMatchObject({ hits: [{ severity: 'high' }] });
  });

  it('skips with the reason when the value is not in the snapshot', () => {
    const evaluation = rule('CertificateAndKeyManagement.expiredCert').evaluate(
      liveSnapshot({ unavailable: { 'CertificateAndKeyManagement.expiredCert': 'needs a live org (--target-org)' } }),
      { options }
    );
    expect(evaluation).toEqual({ skipped: 'needs a live org (--target-org)' });
    expect(rule('SessionSettings.csrfGet').evaluate(liveSnapshot(), { options })).toEqual({
      skipped: 'no value for SessionSettings.csrfGet in this snapshot'
    });
  });
});

describe('custom baselines', () => {
  it('accepts settings moved between sections and revalued', () => {
    const moved = STANDARD_TEXT.replace(
      '<booleanSetting name="SessionSettings.lockSessionsToIp" compliant="true" nonCompliant="warning"/>\n',
      ''
    )
      .replace(
        '<highRiskSecuritySettings>\n',
        '<highRiskSecuritySettings>\n<booleanSetting name="SessionSettings.lockSessionsToIp" compliant="true" nonCompliant="critical"/>\n'
      )
      .replace(
        'name="PasswordPolicies.minPasswordLength" compliant="8.0" warning="6.0"',
        'name="PasswordPolicies.minPasswordLength" compliant="12.0" warning="10.0"'
      );
    const baseline = loadBaseline(customBaseline(moved));
    expect(baseline.settings.find((setting) => setting.name === 'SessionSettings.lockSessionsToIp')).toMatchObject({
      risk: 'high',
      nonCompliant: 'critical'
    });
    expect(baseline.settings.find((setting) => setting.name === 'PasswordPolicies.minPasswordLength')?.compliantNumber).toBe(12);
  });

  const cases: [string, (text: string) => string, RegExp, string | undefined][] = [
    [
      'invalid XML',
      (text) => text.replace('<lowRiskSecuritySettings>', '<lowRiskSecuritySettings'),
      /invalid XML/,
      'PasswordPolicies.obscureSecretAnswer'
    ],
    [
      'an added setting',
      (text) =>
        text.replace(
          '<lowRiskSecuritySettings>\n',
          '<lowRiskSecuritySettings>\n<booleanSetting name="SessionSettings.madeUp" compliant="true" nonCompliant="critical"/>\n'
        ),
      /SessionSettings\.madeUp is not a setting of the Salesforce baseline standard/,
      'SessionSettings.madeUp'
    ],
    [
      'removed settings',
      (text) =>
        text
          .replace('<booleanSetting name="SessionSettings.csrfGet" compliant="true" nonCompliant="critical"/>\n', '')
          .replace('<booleanSetting name="SessionSettings.csrfPost" compliant="true" nonCompliant="critical"/>\n', ''),
      /missing from the custom baseline \(settings can be moved or revalued, never removed\): SessionSettings\.csrfGet, SessionSettings\.csrfPost$/,
      '<baseline xmlns'
    ],
    [
      'a duplicated setting',
      (text) =>
        text.replace(
          '<lowRiskSecuritySettings>\n',
          '<lowRiskSecuritySettings>\n<booleanSetting  name="SessionSettings.csrfPost" compliant="true" nonCompliant="critical"/>\n'
        ),
      /SessionSettings\.csrfPost appears more than once/,
      '<booleanSetting  name'
    ],
    [
      'a bad boolean',
      (text) => text.replace('name="SessionSettings.csrfGet" compliant="true"', 'name="SessionSettings.csrfGet" compliant="yes"'),
      /csrfGet: compliant="yes" must be true or false/,
      'SessionSettings.csrfGet'
    ],
    [
      'a bad nonCompliant',
      (text) =>
        text.replace(
          'name="SessionSettings.csrfGet" compliant="true" nonCompliant="critical"',
          'name="SessionSettings.csrfGet" compliant="true" nonCompliant="fatal"'
        ),
      /nonCompliant="fatal" must be critical or warning/,
      'SessionSettings.csrfGet'
    ],
    [
      'a bad number',
      (text) => text.replace('compliant="8.0" warning="6.0"', 'compliant="eight" warning="6.0"'),
      /minPasswordLength: compliant="eight" is not a number/,
      'PasswordPolicies.minPasswordLength'
    ],
    [
      'unknown enum values',
      (text) => text.replace('compliant="ThreeAttempts" warning="FiveAttempts,', 'compliant="TwoAttempts" warning="SixAttempts,'),
      /maxLoginAttempts: TwoAttempts, SixAttempts is not a value of this setting \(allowed: ThreeAttempts, FiveAttempts, TenAttempts, NoLimit\)$/,
      'PasswordPolicies.maxLoginAttempts'
    ],
    [
      'an enum value in two buckets',
      (text) =>
        text.replace(
          'compliant="ThreeAttempts" warning="FiveAttempts,TenAttempts"',
          'compliant="ThreeAttempts" warning="ThreeAttempts,TenAttempts"'
        ),
      /ThreeAttempts is in more than one/,
      'PasswordPolicies.maxLoginAttempts'
    ],
    [
      'a changed kind',
      (text) =>
        text.replace(
          '<numericRangeSetting name="PasswordPolicies.history" compliant="3.0" warning="1.0"/>',
          '<booleanSetting name="PasswordPolicies.history" compliant="true" nonCompliant="critical"/>'
        ),
      /PasswordPolicies\.history must be a numericRangeSetting/,
      'PasswordPolicies.history'
    ],
    [
      'an unknown element',
      (text) => text.replace('<lowRiskSecuritySettings>\n', '<lowRiskSecuritySettings>\n<stringSetting name="X.y"/>\n'),
      /unknown element <stringSetting>/,
      '<stringSetting'
    ],
    [
      'an unknown element named outside ASCII',
      (text) => text.replace('<lowRiskSecuritySettings>\n', '<lowRiskSecuritySettings>\n<réglage name="X.y"/>\n'),
      /unknown element <réglage>/,
      '<réglage'
    ],
    [
      'a setting outside any section',
      (text) =>
        text.replace(
          '<highRiskSecuritySettings>\n',
          '<booleanSetting name="SessionSettings.csrfGet" compliant="true" nonCompliant="critical"/>\n<highRiskSecuritySettings>\n'
        ),
      /must be inside one of/,
      '<booleanSetting name="SessionSettings.csrfGet"'
    ],
    ['a wrong root element', () => '<?xml version="1.0"?>\n<settings>\n</settings>\n', /root element must be <baseline>/, '<settings>'],
    [
      'a wrong root element named outside ASCII',
      () => '<?xml version="1.0"?>\n<paramètres/>\n',
      /root element must be <baseline>, not <paramètres>/,
      '<paramètres'
    ],
    ['a file without a root element', () => '<?xml version="1.0"?>\n<!-- no baseline -->\n', /invalid XML: Start tag expected/, undefined]
  ];

  it.each(cases)('rejects %s with file:line', (_label, edit, message, lineNeedle) => {
    const text = edit(STANDARD_TEXT);
    const path = customBaseline(text);
    const error = errorOf(path);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
    const expectedLine = lineNeedle === undefined ? 1 : lineOf(text, lineNeedle);
    expect(error.message).toContain(`baseline.xml:${expectedLine}:`);
  });

  it('reads settings written as start and end tags, each in its section', () => {
    const text = STANDARD_TEXT.replace(
      '<booleanSetting name="SessionSettings.csrfGet" compliant="true" nonCompliant="critical"/>',
      '<booleanSetting name="SessionSettings.csrfGet" compliant="true" nonCompliant="critical"></booleanSetting>'
    );
    const risks = new Map(loadBaseline(customBaseline(text)).settings.map((setting) => [setting.name, setting.risk]));
    expect(risks.get('SessionSettings.csrfGet')).toBe('high');
    // The setting's end tag closes the setting, not its section.
    expect(risks.get('SessionSettings.csrfPost')).toBe('high');
  });

  it('rejects files over 20 KB, naming the file', () => {
    const path = customBaseline(`${STANDARD_TEXT}<!--${'x'.repeat(21 * 1024)}-->\n`);
    expect(errorOf(path).message).toMatch(/baseline\.xml: the file is \d+ bytes; a custom baseline may be at most 20 KB/);
  });

  it('rejects a missing file', () => {
    expect(() => loadBaseline('/nonexistent/baseline.xml')).toThrow(/--baseline \/nonexistent\/baseline\.xml: file not found/);
  });

  it('uses the custom values when evaluating', () => {
    const path = customBaseline(STANDARD_TEXT.replace('compliant="8.0" warning="6.0"', 'compliant="12.0" warning="10.0"'));
    writeFileSync(path, readFileSync(path, 'utf8'));
    const rules = baselineRules(loadBaseline(path));
    const length = rules.find((candidate) => candidate.id === 'baseline:PasswordPolicies.minPasswordLength');
    const evaluation = length?.evaluate(liveSnapshot({ settings: { 'PasswordPolicies.minPasswordLength': { value: 8 } } }), {
      options: { adminSprawlThreshold: 5, dormantDays: 90, maxSystemAdministrators: 5, mttrTargetDays: 5, auditAllowList: [] }
    });
    expect(evaluation).toMatchObject({ hits: [{ severity: 'medium' }] });
  });
});
