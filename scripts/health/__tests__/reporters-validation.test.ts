import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectMetadataSnapshot } from '../collectors/metadata';
import { runHealthCheck } from '../engine';
import { renderJunit } from '../reporters/junit';
import { renderSarif } from '../reporters/sarif';
import type { HealthCheckResult } from '../result';
import { groupXml, permissionSetXml, profileXml, SFDX_PROJECT, SOURCE, userPermission, writeTree } from './core-fixtures';
import { junitProblems, multitoolFindings, sarifProblems, sarifSchemaErrors } from './report-validators';
import { sampleResult } from './reporters-fixture';

jest.setTimeout(120_000);

type SarifLog = {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri?: string; properties: { tags: string[]; 'security-severity': string } }> } };
    results: Array<{
      ruleId: string;
      locations: Array<{ physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string } } }>;
    }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
  }>;
};

/** A repository as a user has it: a git checkout whose metadata folder has spaces in its path and encoded file names. */
function repositoryFixture(): { repo: string; metadataDir: string } {
  const repo = mkdtempSync(join(tmpdir(), 'health repo '));
  execFileSync('git', ['init', '--quiet', repo]);
  const metadataDir = join(repo, 'org backups', 'prod');
  const tree = writeTree({
    'sfdx-project.json': SFDX_PROJECT,
    [`${SOURCE}/profiles/E%26F Staff.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')]),
    [`${SOURCE}/permissionsets/FDS %E2%80%93 Agency.permissionset-meta.xml`]: permissionSetXml('FDS – Agency', [
      userPermission('ViewAllData')
    ]),
    [`${SOURCE}/permissionsetgroups/Ops.permissionsetgroup-meta.xml`]: groupXml('Ops', ['FDS – Agency', 'Not_Retrieved'])
  });
  mkdirSync(join(repo, 'org backups'));
  renameSync(tree, metadataDir);
  return { repo, metadataDir };
}

describe('SARIF for code scanning', () => {
  let repo: string;
  let result: HealthCheckResult;
  let text: string;
  let log: SarifLog;
  beforeAll(async () => {
    const fixture = repositoryFixture();
    repo = fixture.repo;
    result = runHealthCheck(await collectMetadataSnapshot(fixture.metadataDir), {
      metadataDir: fixture.metadataDir,
      now: new Date('2026-01-15T00:00:00Z')
    });
    text = renderSarif(result);
    log = JSON.parse(text) as SarifLog;
  });

  it('gives percent-encoded URIs relative to SRCROOT, the repository that holds the folder', () => {
    const run = log.runs[0];
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${repo.split('/').map(encodeURIComponent).join('/')}/`);
    const uris = run.results.flatMap((entry) => entry.locations.map((location) => location.physicalLocation?.artifactLocation));
    expect(uris).toContainEqual({
      uri: 'org%20backups/prod/force-app/main/default/profiles/E%2526F%20Staff.profile-meta.xml',
      uriBaseId: 'SRCROOT'
    });
    // Resolved once against SRCROOT, every URI names a file that exists (no double decoding).
    for (const location of uris) {
      if (!location) continue;
      expect(existsSync(fileURLToPath(new URL(location.uri, run.originalUriBaseIds.SRCROOT.uri)))).toBe(true);
    }
  });

  it('describes each rule with helpUri, tags and security-severity, and carries the warnings', () => {
    for (const rule of log.runs[0].tool.driver.rules) {
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.properties.tags).toContain('security');
      expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(0);
    }
    expect(log.runs[0].invocations[0].toolExecutionNotifications.map((notification) => notification.message.text)).toContainEqual(
      expect.stringContaining('member permission sets not in')
    );
  });

  it("passes Microsoft's validator and the official schema; the sample result too", () => {
    expect(sarifProblems([text, renderSarif(sampleResult())])).toEqual([]);
  });

  it('the schema check fails on what code scanning rejects: a path with a space left unencoded', () => {
    const broken = JSON.parse(text) as SarifLog;
    const location = broken.runs[0].results[0].locations[0].physicalLocation;
    if (location) location.artifactLocation.uri = 'org backups/prod/Admin.profile-meta.xml';
    expect(sarifSchemaErrors(broken)).toEqual([expect.stringMatching(/artifactLocation\/uri must match format "uri-reference"/)]);
  });

  it("Microsoft's validator fails on a result without its required message", () => {
    const broken = JSON.parse(text) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    delete broken.runs[0].results[0].message;
    expect(multitoolFindings([JSON.stringify(broken)])).toEqual([expect.stringMatching(/^JSON1002 error: .*message/)]);
  });
});

describe('JUnit for CI test tabs', () => {
  it('passes the JUnit XSD, for a metadata run and for the sample result', async () => {
    const { metadataDir } = repositoryFixture();
    const result = runHealthCheck(await collectMetadataSnapshot(metadataDir), { metadataDir });
    expect(await junitProblems(renderJunit(result))).toEqual([]);
    expect(await junitProblems(renderJunit(sampleResult()))).toEqual([]);
  });

  it('the XSD check fails on a test case without a name', async () => {
    const broken = renderJunit(sampleResult()).replace(/<testcase classname="([^"]*)" name="[^"]*"/, '<testcase classname="$1"');
    expect((await junitProblems(broken)).join('\n')).toMatch(/name.*required/i);
  });
});
