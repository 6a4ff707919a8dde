/**
 * Writes MUTATION.md from each module's latest Stryker result (its incremental file, which is a full
 * mutation-testing report; `npm run mutate` runs this after Stryker, `tsx scripts/mutation/report.ts`
 * rewrites it alone): the score of each mutated module and every surviving mutant, each with its
 * explanation from equivalent.json or marked as a missing test. Exits 1 when a module is below the floor
 * or has no result yet.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeMarkOf, INCREMENTAL_DIR, MODEL_GLOB, modelModules, ROOT, scriptModules } from './modules';

const EQUIVALENT = join(__dirname, 'equivalent.json');
const OUTPUT = join(ROOT, 'MUTATION.md');
export const FLOOR = 85;

type Position = { line: number; column: number };
type Mutant = {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  statusReason?: string;
  location: { start: Position; end: Position };
};
type Report = { files: Record<string, { source: string; mutants: Mutant[] }> };
/**
 * Why a surviving mutant cannot be killed: it behaves exactly like the code. `line` is given only where the
 * same text is mutated the same way elsewhere in the file and only this place is equivalent.
 */
export type Equivalent = { file: string; mutator: string; original: string; replacement: string; line?: number; reason: string };

/** The source text a mutant replaces (Stryker's columns are 1-based). */
export function originalText(source: string, mutant: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = mutant.location;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1)
  ].join('\n');
}

function oneLine(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return (flat.length > max ? `${flat.slice(0, max - 1)}…` : flat).replace(/\|/g, '\\|').replace(/`/g, "'");
}

export type ModuleScore = {
  file: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  staticMutants: number;
  compileErrors: number;
  runtimeErrors: number;
  score: number;
};

/** Stryker's reason for a static mutant it did not run (ignoreStatic). */
function isStatic(mutant: Mutant): boolean {
  return mutant.status === 'Ignored' && /static/i.test(mutant.statusReason ?? '');
}

export function scoreOf(file: string, mutants: Mutant[]): ModuleScore {
  const count = (status: Mutant['status']) => mutants.filter((mutant) => mutant.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  return {
    file,
    killed,
    timeout,
    survived,
    noCoverage,
    ignored: mutants.filter((mutant) => mutant.status === 'Ignored' && !isStatic(mutant)).length,
    staticMutants: mutants.filter(isStatic).length,
    compileErrors: count('CompileError'),
    runtimeErrors: count('RuntimeError'),
    score: valid === 0 ? 100 : (100 * detected) / valid
  };
}

/** The module's source as a run mutated it, shortened: a kept row is only kept while the source is the same. */
export function sourceHash(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

const TABLE_COLUMNS = 12;

/** `score` is the row's score cell as written, "(below the floor)" and "(partial ...)" included. */
export type KeptResult = { row: string; score: string; hash: string; survivors: string[] };

/**
 * The rows and survivor sections of the MUTATION.md already written, per module: a checkout without a
 * module's incremental file (a fresh clone: .stryker/ is not committed) keeps them while the module's
 * source is the one they were measured on, instead of forgetting the result.
 */
export function previousResults(markdown: string): Map<string, KeptResult> {
  const results = new Map<string, KeptResult>();
  for (const line of markdown.split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== TABLE_COLUMNS || !/^[0-9a-f]{12}$/.test(cells[TABLE_COLUMNS - 1])) continue;
    results.set(cells[0], { row: line, score: cells[1], hash: cells[TABLE_COLUMNS - 1], survivors: [] });
  }
  const sections = markdown.split(/^(?=### )/m).slice(1);
  for (const section of sections) {
    const [heading, ...rest] = section.trimEnd().split('\n');
    const result = results.get(heading.slice(4).trim());
    if (result) result.survivors = [heading, ...rest];
  }
  return results;
}

type Latest = { report: Report; runAt: Map<string, Date>; partial: Set<string>; missing: string[] };

/** Each module's newest result among the incremental files, with when it was run and whether that run finished. */
function latestResults(modules: string[]): Latest {
  const report: Report = { files: {} };
  const runAt = new Map<string, Date>();
  const partial = new Set<string>();
  const files = existsSync(INCREMENTAL_DIR) ? readdirSync(INCREMENTAL_DIR).filter((name) => name.endsWith('.json')) : [];
  for (const name of files) {
    const path = join(INCREMENTAL_DIR, name);
    const when = statSync(path).mtime;
    const mark = completeMarkOf(path);
    const complete = existsSync(mark) && statSync(mark).mtime >= when;
    const results = (JSON.parse(readFileSync(path, 'utf8')) as Report).files;
    for (const module of modules) {
      const result = results[module];
      if (!result || (runAt.get(module) ?? 0) >= when) continue;
      report.files[module] = result;
      runAt.set(module, when);
      if (complete) partial.delete(module);
      else partial.add(module);
    }
  }
  return { report, runAt, partial, missing: modules.filter((module) => !runAt.has(module)) };
}

/** Writes MUTATION.md; returns how many modules are below the floor, only partly run, or without a result. */
export function writeReport(): number {
  const models = modelModules();
  const modules = [...scriptModules(), ...models];
  const { report, runAt, partial, missing: notRunHere } = latestResults(modules);
  const previous = existsSync(OUTPUT) ? previousResults(readFileSync(OUTPUT, 'utf8')) : new Map<string, KeptResult>();
  const kept = notRunHere.flatMap((module) => {
    const result = previous.get(module);
    const path = join(ROOT, module);
    return result && existsSync(path) && result.hash === sourceHash(readFileSync(path, 'utf8')) ? [{ module, ...result }] : [];
  });
  const missing = notRunHere.filter((module) => !kept.some((result) => result.module === module));
  const keptBelow = kept.filter((result) => /below the floor|partial/.test(result.score));
  const equivalents = JSON.parse(readFileSync(EQUIVALENT, 'utf8')) as Equivalent[];
  const files = Object.keys(report.files).sort();
  const scores = files.map((file) => scoreOf(file, report.files[file].mutants));
  const below = scores.filter((module) => module.score < FLOOR);
  const unfinished = scores.filter((module) => partial.has(module.file));

  const lines: string[] = [
    '# Mutation testing',
    '',
    'Written by `npm run mutate` (Stryker with the jest runner; not part of `npm test`). The health check modules run under',
    'stryker.config.js, over the fast unit tests of `jest.stryker.config.js`, with the TypeScript checker; the console model',
    'modules under stryker.lwc.config.js, over the LWC tests (`jest.stryker.lwc.config.js`), without a checker (JavaScript).',
    'Incremental: results are kept in `.stryker/incremental/` (gitignored, per checkout; `all.json` and `all-models.json` for',
    'a run of everything, one file per module for `npm run mutate -- FILE`), so a run re-tests only the mutants whose code or',
    'covering tests changed; `npm run mutate -- --force` re-tests everything. Each module\'s row is its newest result; "run at"',
    'is when that run wrote it; a result is "partial" when the Stryker run that wrote it did not finish. A module with no',
    'result in this checkout (a fresh clone has no `.stryker/`) keeps its row and survivors from this file for as long as',
    'its source is the one they were measured on ("source": the start of its SHA-256); a changed module is "not run yet".',
    '',
    `Floor: ${FLOOR} % per module (score = killed and timed-out mutants over killed, timed out, survived and no coverage).`,
    'Mutants the type checker rejects never run, nor do those whose tests could not start (runtime error: the test file',
    'itself threw while loading, or the test process crashed); neither is in the score. The rule catalogue text (titles,',
    'remediation, help links, control mappings) is not mutated (scripts/mutation/ignore-catalogue.mjs says why). Static',
    'mutants (module-level constants, each needing the whole suite re-run) are not run (`ignoreStatic`, stryker.config.js',
    'says why) and are not in the score.',
    '',
    '| module | score | killed | timed out | survived | no coverage | ignored (catalogue) | static (not run) | rejected by tsc | runtime error | run at (UTC) | source |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...[
      ...scores.map((module) => ({
        file: module.file,
        row: `| ${module.file} | ${module.score.toFixed(1)} %${module.score < FLOOR ? ' (below the floor)' : ''}${partial.has(module.file) ? ' (partial: its run was interrupted)' : ''} | ${module.killed} | ${module.timeout} | ${module.survived} | ${module.noCoverage} | ${module.ignored} | ${module.staticMutants} | ${module.compileErrors} | ${module.runtimeErrors} | ${runAt.get(module.file)?.toISOString().slice(0, 16).replace('T', ' ') ?? ''} | ${sourceHash(report.files[module.file].source)} |`
      })),
      ...kept.map((result) => ({ file: result.module, row: result.row }))
    ]
      .sort((a, b) => a.file.localeCompare(b.file))
      .map((entry) => entry.row),
    ...missing.map((module) => `| ${module} | not run yet | | | | | | | | | | |`),
    '',
    models.length > 0
      ? `Console model modules (\`${MODEL_GLOB}\`, folders without a template): ${models.join(', ')}.`
      : `Console model modules: none in this tree (\`${MODEL_GLOB}\` matches no folder without a template; a folder with an .html is a component and is left to the LWC tests).`,
    '',
    '## Surviving mutants',
    '',
    'Each one either behaves exactly like the code (equivalent: the reason is given, from scripts/mutation/equivalent.json)',
    'or is a behaviour no test states yet ("missing test").',
    ''
  ];
  let unexplained = 0;
  const sections: Array<{ file: string; lines: string[] }> = kept.map((result) => ({ file: result.module, lines: result.survivors }));
  for (const file of files) {
    const { source, mutants } = report.files[file];
    const survivors = mutants
      .filter((mutant) => mutant.status === 'Survived' || mutant.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    if (survivors.length === 0) continue;
    const section = [`### ${file}`, '', '| line | mutator | original → replacement | why it survives |', '|---|---|---|---|'];
    for (const mutant of survivors) {
      const original = originalText(source, mutant);
      const equivalent = equivalents.find(
        (entry) =>
          entry.file === file &&
          entry.mutator === mutant.mutatorName &&
          (entry.line === undefined || entry.line === mutant.location.start.line) &&
          oneLine(entry.original, 10_000) === oneLine(original, 10_000) &&
          oneLine(entry.replacement, 10_000) === oneLine(mutant.replacement ?? '', 10_000)
      );
      if (!equivalent) unexplained += 1;
      const why = equivalent
        ? `equivalent: ${equivalent.reason.replace(/\|/g, '\\|')}`
        : mutant.status === 'NoCoverage'
          ? 'missing test (no test runs it)'
          : 'missing test';
      section.push(
        `| ${mutant.location.start.line} | ${mutant.mutatorName} | \`${oneLine(original)}\` → \`${oneLine(mutant.replacement ?? '')}\` | ${why} |`
      );
    }
    sections.push({ file, lines: section });
  }
  for (const section of sections.filter((entry) => entry.lines.length > 0).sort((a, b) => a.file.localeCompare(b.file)))
    lines.push(...section.lines, '');
  writeFileSync(OUTPUT, `${lines.join('\n').trimEnd()}\n`);
  process.stdout.write(
    `MUTATION.md: ${scores.length} modules run here, ${kept.length} kept from the file (source unchanged), ${unexplained} survivor(s) without an explanation.\n`
  );
  if (keptBelow.length > 0)
    process.stderr.write(`Kept below the floor or partial: ${keptBelow.map((result) => result.module).join(', ')}\n`);
  if (below.length > 0) {
    process.stderr.write(
      `Below the ${FLOOR} % floor: ${below.map((module) => `${module.file} ${module.score.toFixed(1)} %`).join(', ')}\n`
    );
  }
  if (unfinished.length > 0)
    process.stderr.write(`Partial (the run that wrote them did not finish): ${unfinished.map((module) => module.file).join(', ')}\n`);
  if (missing.length > 0) process.stderr.write(`Not run yet: ${missing.join(', ')} (npm run mutate -- FILE runs one).\n`);
  return new Set([...below, ...unfinished]).size + keptBelow.length + missing.length;
}

if (require.main === module) process.exitCode = writeReport() > 0 ? 1 : 0;
