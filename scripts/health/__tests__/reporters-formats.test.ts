import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { render } from '../reporters';
import { sampleResult } from './reporters-fixture';

describe('table reporter', () => {
  const table = render('table', sampleResult());

  it('groups open findings by who must fix them, most severe first', () => {
    const it = table.indexOf('What IT must fix (2)');
    const salesOps = table.indexOf('What SalesOps must fix (1)');
    expect(it).toBeGreaterThan(-1);
    expect(salesOps).toBeGreaterThan(it);
    expect(table.indexOf('CRITICAL  perm.modify-all-data')).toBeLessThan(table.indexOf('HIGH      mfa.logins-without-mfa'));
    expect(table).toContain('Ivy Platform');
    expect(table).toContain('profiles/Admin.profile-meta.xml:591');
  });

  it('lists accepted risks apart, flags expired acceptances, calls out a partial run', () => {
    expect(table).toMatch(/Accepted risks \(1\)[\s\S]*perm\.view-all-data[\s\S]*DEC-0004\s+2027-03-31/);
    expect(table).toContain('acceptance expired 2026-01-31 (suppressions.json:3)');
    expect(table).toContain('PARTIAL RUN: API budget below 10%');
    expect(table).toContain('API budget: stopped early: audit.privilege-change, gov.area-no-accountable');
  });

  it('adds colour only on request', () => {
    expect(table).not.toContain('\x1b[');
    expect(render('table', sampleResult(), { color: true })).toContain('\x1b[1;31m');
  });
});

describe('SARIF reporter', () => {
  const sarif = JSON.parse(render('sarif', sampleResult()));
  const run = sarif.runs[0];

  it('is a SARIF 2.1.0 log whose results point at their rules', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver.name).toBe('crm-ownership-console');
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.partialFingerprints['findingKey/v1']).toMatch(/^[\w.-]+:/);
    }
    const severities = run.tool.driver.rules.map((rule: { properties: Record<string, string> }) =>
      Number(rule.properties['security-severity'])
    );
    expect(severities.every((value: number) => value >= 0 && value <= 10)).toBe(true);
  });

  it('gives file and line for metadata findings and a logical location otherwise', () => {
    const admin = run.results.find((result: { ruleId: string }) => result.ruleId === 'perm.modify-all-data');
    expect(admin.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'force-app/main/default/profiles/Admin.profile-meta.xml' },
      region: { startLine: 591 }
    });
    const user = run.results.find((result: { ruleId: string }) => result.ruleId === 'mfa.logins-without-mfa');
    expect(user.locations[0].logicalLocations[0].fullyQualifiedName).toBe('User/sandbox.admin@acme.example');
  });

  it('marks accepted findings as suppressed and leaves skipped rules out', () => {
    const accepted = run.results.find((result: { ruleId: string }) => result.ruleId === 'perm.view-all-data');
    expect(accepted.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Quarterly data audit (DEC-0004)' }]);
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).not.toContain('audit.privilege-change');
  });
});

describe('JUnit reporter', () => {
  const xml = render('junit', sampleResult());
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);

  it('is well-formed XML with counts that match its test cases', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = [parsed.testsuites.testsuite].flat();
    expect(suites.map((suite: { name: string }) => suite.name)).toEqual([
      'health check: IT',
      'health check: SalesOps',
      'health check: Joint'
    ]);
    for (const suite of suites) {
      const cases = [suite.testcase].flat();
      expect(Number(suite.tests)).toBe(cases.length);
      expect(Number(suite.failures)).toBe(cases.filter((testcase: Record<string, unknown>) => 'failure' in testcase).length);
      expect(Number(suite.skipped)).toBe(cases.filter((testcase: Record<string, unknown>) => 'skipped' in testcase).length);
    }
    expect(parsed.testsuites.failures).toBe('3');
  });

  it('does not fail a rule whose only finding is accepted, and escapes details', () => {
    expect(xml).not.toMatch(/perm\.view-all-data[^>]*>\s*<failure/);
    expect(xml).toContain('&lt;script&gt;');
  });
});

describe('Markdown reporter', () => {
  const markdown = render('markdown', sampleResult());

  it('heads with the score and keeps tables intact', () => {
    expect(markdown.split('\n')[0]).toBe('## CRM health check: 62/100 (Poor, incomplete)');
    expect(markdown).toContain('### What IT must fix (2)');
    expect(markdown).toContain('\\| piped');
    expect(markdown).toMatch(/<details><summary>Skipped rules \(2\)<\/summary>/);
    expect(markdown).toContain('Partial run: API budget below 10%');
  });
});

describe('HTML reporter', () => {
  const html = render('html', sampleResult());

  it('is one self-contained file that loads nothing from the network', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
  });

  it('escapes every text and draws an accessible gauge', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('role="img" aria-label="Score 62 out of 100, Poor"');
    expect(html).toContain('NIST PR.AA-05');
    expect(html).toContain('acceptance expired 2026-01-31');
  });
});
