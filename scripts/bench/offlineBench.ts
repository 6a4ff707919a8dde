import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, runJsonScript } from './childJson';
import type { BenchSection } from './section';
import { writeBackupShapedMetadata, writeSyntheticMetadata } from './syntheticMetadata';

type OfflineRun = {
  files: number;
  bytes: number;
  parseMs: number;
  analysisMs: number;
  findings: number;
  warnings: number;
  maxRssMb: number;
};

const mbPerSecond = (bytes: number, ms: number) => bytes / 2 ** 20 / (ms / 1000);

/** Targets of the offline mode at scale (issue: the largest real backup, 165 profiles and about 400 MB). */
const RATIO_TARGET = 0.8;
const MEMORY_TARGET_MB = 600;

export async function runOfflineBench(): Promise<BenchSection> {
  const corpus = join(PROJECT_ROOT, '..', 'shared', 'corpus');
  const inputs: Array<{ name: string; dir: string; runs: number }> = ['gsa-workspace', 'toronto-edc']
    .map((name) => ({ name: `corpus: ${name}`, dir: join(corpus, name), runs: 7 }))
    .filter(({ dir }) => existsSync(dir));
  const synthetic = await mkdtemp(join(tmpdir(), 'bench-metadata-'));
  const backup = await mkdtemp(join(tmpdir(), 'bench-backup-'));
  try {
    process.stderr.write('offline: writing 5,000 permission sets and 500 profiles ...\n');
    await writeSyntheticMetadata({ dir: synthetic, permissionSets: 5000, profiles: 500, seed: 5 });
    inputs.push({ name: 'synthetic: 5,000 permission sets, 500 profiles', dir: synthetic, runs: 3 });
    process.stderr.write('offline: writing a backup-shaped folder (165 profiles, 400 MB) ...\n');
    await writeBackupShapedMetadata({ dir: backup, profiles: 165, profileBytes: 400 * 10 ** 6, permissionSets: 300, seed: 165 });
    inputs.push({ name: 'backup-shaped: 165 profiles (Metadata API format), 300 permission sets', dir: backup, runs: 2 });
    const rows: string[][] = [];
    for (const { name, dir, runs } of inputs) {
      process.stderr.write(`offline: ${name} ...\n`);
      const run = await runJsonScript<OfflineRun>('scripts/bench/offlineRun.ts', [dir, String(runs)]);
      const analysis = mbPerSecond(run.bytes, run.analysisMs);
      const floor = mbPerSecond(run.bytes, run.parseMs);
      const ratio = analysis / floor;
      rows.push([
        name,
        String(run.files),
        `${(run.bytes / 2 ** 20).toFixed(1)} MB`,
        `${(run.analysisMs / 1000).toFixed(2)} s`,
        `${analysis.toFixed(1)} MB/s`,
        `${floor.toFixed(1)} MB/s`,
        `${ratio.toFixed(2)} ${ratio >= RATIO_TARGET ? `(target ≥ ${RATIO_TARGET} met)` : `(BELOW the ${RATIO_TARGET} target)`}`,
        `${Math.round(run.maxRssMb)} MB ${run.maxRssMb < MEMORY_TARGET_MB ? `(< ${MEMORY_TARGET_MB} MB met)` : `(ABOVE ${MEMORY_TARGET_MB} MB)`}`,
        String(run.findings),
        String(run.warnings)
      ]);
    }
    return {
      title: 'Offline analysis vs parsing alone',
      table: {
        header: [
          'input',
          'files read',
          'size read',
          'analysis',
          'analysis speed',
          'parse-only floor',
          'ratio',
          'peak memory',
          'findings',
          'warnings'
        ],
        rows
      },
      notes: [
        'Analysis: walking the folder for the types the rules read (suffixes from source-deploy-retrieve’s registry), validating and parsing each file with line numbers for every grant, every rule and the score. Floor: fast-xml-parser parsing the same files, with the collector’s parser options, into the full tree and nothing else. After one unmeasured round, best of seven for the corpus folders, three for the synthetic one and two for the backup-shaped one, floor and analysis alternating so a busy machine slows both alike; peak memory is the child process’s maximum RSS over all runs.',
        'The analysis can beat the floor: the sections of a profile no rule reads (field permissions, layout assignments, tabs, class and page accesses, ...), most of a large profile’s bytes, are kept as unparsed text, while the validator still reads every byte so a malformed file is an error wherever the fault is.',
        'The backup-shaped folder is written by `npm run bench` itself (seeded): 165 profiles of about 2.4 MB (450 objects of field and object permissions each, names percent-encoded as the Metadata API writes them, one in ten retrieved without user permissions, hence the warning), 300 permission sets, Apex classes and a static resource without its content beside them, which the check does not open.'
      ]
    };
  } finally {
    await rm(synthetic, { recursive: true, force: true });
    await rm(backup, { recursive: true, force: true });
  }
}
