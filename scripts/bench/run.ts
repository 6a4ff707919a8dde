/**
 * npm run bench: measures the live collection at scale, the offline analysis against parsing alone,
 * and the console's heaviest components, and writes the figures to BENCHMARKS.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './childJson';
import { runLiveBench } from './liveBench';
import { runOfflineBench } from './offlineBench';
import { machineLine, renderSection, type BenchSection } from './section';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const sections: BenchSection[] = [];
  if (only.length === 0 || only.includes('offline')) sections.push(await runOfflineBench());
  if (only.length === 0 || only.includes('live')) sections.push(await runLiveBench());
  if (only.length === 0 || only.includes('lwc')) {
    const { runLwcBench } = await import('./lwc');
    sections.push(await runLwcBench());
  }
  const text = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (a benchmark, not a test: no figure here fails a build).',
    '',
    `Machine: ${machineLine()}. Measured ${new Date().toISOString().slice(0, 10)}.`,
    '',
    ...sections.map(renderSection)
  ].join('\n');
  writeFileSync(join(PROJECT_ROOT, 'BENCHMARKS.md'), text);
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
