// Offline analysis of one metadata folder vs parsing its files alone (the floor); prints JSON.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { collectMetadataSnapshot } from '../health/collectors/metadata';
import { runHealthCheck } from '../health/engine';

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? xmlFiles(path) : name.endsWith('.xml') ? [path] : [];
  });
}

async function best(times: number, task: () => unknown): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await task();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

(async () => {
  const dir = process.argv[2];
  const files = xmlFiles(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const parser = new XMLParser({ ignoreAttributes: false });
  // The floor: reading and parsing every file, nothing else.
  const parseMs = await best(3, () => files.forEach((file) => void parser.parse(readFileSync(file, 'utf8'))));
  let findings = 0;
  const analysisMs = await best(3, async () => {
    const result = runHealthCheck(await collectMetadataSnapshot(dir));
    findings = result.findings.length;
  });
  process.stdout.write(
    `${JSON.stringify({ files: files.length, bytes, parseMs, analysisMs, findings, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`
  );
})().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
