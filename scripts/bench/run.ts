/**
 * npm run bench: measures the live collection at scale, the offline analysis against parsing alone,
 * and the console's heaviest components, and writes the figures to BENCHMARKS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  if (only.length === 0 || only.includes('browser')) {
    const { runBrowserBench } = await import('./browserBench');
    sections.push(await runBrowserBench());
  }
  const file = join(PROJECT_ROOT, 'BENCHMARKS.md');
  const rendered = new Map(sections.map((section) => [section.title, renderSection(section)]));
  // A partial run (e.g. `npm run bench -- lwc`) keeps the other sections of the last full run.
  const previous =
    only.length > 0 && existsSync(file)
      ? readFileSync(file, 'utf8')
          .split(/^(?=## )/m)
          .slice(1)
      : [];
  const kept = previous.filter((text) => !rendered.has(text.split('\n')[0].slice(3).trim()));
  const text = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (a benchmark, not a test: no figure here fails a build). `npm run bench -- offline|live|lwc|browser` re-measures one part.',
    '',
    `Machine: ${machineLine()}. Measured ${new Date().toISOString().slice(0, 10)}.`,
    '',
    ...kept.map((section) => section.trimEnd() + '\n'),
    ...rendered.values()
  ].join('\n');
  writeFileSync(file, text);
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
