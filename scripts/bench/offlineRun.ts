// Offline analysis of one metadata folder vs parsing its files alone (the floor); prints JSON.
import { readFileSync, statSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { collectMetadataSnapshot } from '../health/collectors/metadata';
import { listMetadataFiles } from '../health/collectors/metadata/files';
import { XML_PARSER_OPTIONS } from '../lib/xml';
import { runHealthCheck } from '../health/engine';

/** Best of `times` for each task, the two alternating so that a busy machine slows both alike. */
async function bestOfEach(times: number, tasks: Array<() => unknown>): Promise<number[]> {
  const fastest = tasks.map(() => Infinity);
  // One unmeasured round first: the first call pays for loading and compiling the code, not for the work.
  for (const task of tasks) await task();
  for (let i = 0; i < times; i++) {
    for (const [index, task] of tasks.entries()) {
      const started = performance.now();
      await task();
      fastest[index] = Math.min(fastest[index], performance.now() - started);
    }
  }
  return fastest;
}

(async () => {
  const dir = process.argv[2];
  const runs = Number(process.argv[3] ?? 3);
  // The files the analysis reads (the types the rules read); the floor parses exactly these.
  const files = listMetadataFiles(dir, (path) => path).files.map((file) => file.path);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const parser = new XMLParser(XML_PARSER_OPTIONS);
  let findings = 0;
  let warnings = 0;
  const [parseMs, analysisMs] = await bestOfEach(runs, [
    // The floor: reading and parsing every file into the tree the collector reads, nothing else.
    () => files.forEach((file) => void parser.parse(readFileSync(file, 'utf8'))),
    async () => {
      const result = runHealthCheck(await collectMetadataSnapshot(dir));
      findings = result.findings.length;
      warnings = result.warnings?.length ?? 0;
    }
  ]);
  process.stdout.write(
    `${JSON.stringify({ files: files.length, bytes, parseMs, analysisMs, findings, warnings, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`
  );
})().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
