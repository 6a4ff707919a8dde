import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { collectMetadataSnapshotWithStats } from '../collectors/metadata';
import { runHealthCheck } from '../engine';

/** Real org metadata shipped next to the checkout (../shared/corpus); CI machines may not have it. */
const CORPUS = process.env.HEALTH_CORPUS_DIR ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const PROJECTS = ['gsa-workspace', 'toronto-edc'];
const present = PROJECTS.every((project) => existsSync(join(CORPUS, project)));

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return xmlFiles(path);
    return path.endsWith('-meta.xml') ? [path] : [];
  });
}

/** An independent count: every <userPermissions> block whose <enabled> is true, whatever the child order. */
function enabledGrantsByRegex(text: string): number {
  let count = 0;
  for (const match of text.matchAll(/<userPermissions>([\s\S]*?)<\/userPermissions>/g)) {
    if (/<enabled>\s*true\s*<\/enabled>/.test(match[1])) count++;
  }
  return count;
}

/** Says loudly when the corpus checks cannot run, so a missing corpus is never a silent pass. */
function reportCorpus(): string {
  const message = present
    ? `Corpus found at ${CORPUS}: running the offline corpus checks.`
    : `Corpus not found at ${CORPUS}: the offline corpus checks are not run (set HEALTH_CORPUS_DIR to run them).`;
  if (!present) console.warn(message);
  return message;
}
reportCorpus();

const describeWithCorpus = present ? describe : (_name: string, _suite: () => void) => undefined;

describeWithCorpus('offline mode on the real-org corpus', () => {
  jest.setTimeout(60_000);

  it.each(PROJECTS)('%s: reads every file and finds every enabled grant', async (project) => {
    const dir = join(CORPUS, project);
    const { snapshot, stats } = await collectMetadataSnapshotWithStats(dir);
    const onDisk = xmlFiles(join(dir, 'force-app'));
    expect(stats.files).toHaveLength(onDisk.length);

    const parsedByKind = {
      holders: snapshot.holders.length,
      connectedApps: snapshot.connectedApps?.length ?? 0,
      settings: onDisk.filter((file) => file.endsWith('.settings-meta.xml')).length
    };
    const folders = (name: string) => onDisk.filter((file) => file.includes(`/${name}/`)).length;
    expect(parsedByKind.holders).toBe(folders('profiles') + folders('permissionsets') + folders('permissionsetgroups'));
    expect(parsedByKind.connectedApps).toBe(folders('connectedApps'));
    expect(Object.keys(snapshot.settings).length).toBeGreaterThan(20);

    for (const file of onDisk.filter((path) => /\.(profile|permissionset)-meta\.xml$/.test(path))) {
      const holder = snapshot.holders.find((candidate) => candidate.location?.file && join(candidate.location.file) === join(file));
      expect({ file, grants: holder?.userPermissions.length }).toEqual({ file, grants: enabledGrantsByRegex(readFileSync(file, 'utf8')) });
    }
    const total = snapshot.holders
      .filter((holder) => holder.type !== 'PermissionSetGroup')
      .reduce((sum, holder) => sum + holder.userPermissions.length, 0);
    const expected = onDisk.reduce((sum, file) => sum + enabledGrantsByRegex(readFileSync(file, 'utf8')), 0);
    expect(total).toBe(expected);
  });

  it('points every grant at the line that holds its <userPermissions> block', async () => {
    const { snapshot } = await collectMetadataSnapshotWithStats(join(CORPUS, 'gsa-workspace'));
    const admin = snapshot.holders.find((holder) => holder.name === 'Admin' && holder.type === 'Profile');
    const location = admin?.permissionLocations?.ModifyAllData;
    const lines = readFileSync(location?.file ?? '', 'utf8').split('\n');
    const line = location?.line ?? 0;
    expect(lines[line - 1].trim()).toBe('<userPermissions>');
    expect(lines.slice(line, line + 3).join('\n')).toContain('<name>ModifyAllData</name>');
  });

  it('runs every offline rule on both orgs and reports findings with file locations', async () => {
    for (const project of PROJECTS) {
      const { snapshot } = await collectMetadataSnapshotWithStats(join(CORPUS, project));
      const result = runHealthCheck(snapshot, { now: new Date('2025-07-01T00:00:00Z') });
      expect(result.findings.filter((finding) => finding.ruleId === 'perm.modify-all-data').length).toBeGreaterThan(0);
      expect(result.rules.find((rule) => rule.id === 'user.dormant')).toMatchObject({
        status: 'skipped',
        reason: 'needs a live org (--target-org)'
      });
      for (const finding of result.findings.filter(
        (candidate) => candidate.ruleId.startsWith('perm.') && candidate.ruleId !== 'perm.admin-sprawl'
      )) {
        expect(finding.location?.file).toBeTruthy();
      }
    }
  });
});

describe('offline corpus availability', () => {
  it('reports on the console when the corpus is missing', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const message = reportCorpus();
    expect(message).toContain(CORPUS);
    expect(warn).toHaveBeenCalledTimes(present ? 0 : 1);
    warn.mockRestore();
  });
});
