/**
 * `npm run mutate [-- FILE...] [-- --force]`: Stryker over the mutated modules (or the named ones), then MUTATION.md.
 *
 * Stryker rewrites its incremental file with the modules of the current run only, so one shared file
 * would forget every other module whenever a developer mutates one: a run of everything keeps
 * .stryker/incremental/all.json, a run of named modules one file per module. Either way a run
 * re-tests only the mutants whose code or covering tests changed, and the report takes each module's
 * newest real result from whichever file holds it. The TypeScript modules run under stryker.config.js; the console's pure model modules
 * (force-app/main/default/lwc/*Model/*.js without a template: a folder with an .html is a component)
 * under stryker.lwc.config.js, whose jest config is the LWC project's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { completeMarkOf, incrementalFileOf, INCREMENTAL_DIR, MODEL_GLOB, modelModules, ROOT, scriptModules } from './modules';
import { writeReport } from './report';

const STRYKER = join(ROOT, 'node_modules', '.bin', 'stryker');

type Run = { label: string; config: string; modules: string[]; incrementalFile: string };

function main(): void {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const asked = args.filter((arg) => !arg.startsWith('--')).map((arg) => relative(ROOT, resolve(process.env.INIT_CWD ?? ROOT, arg)));
  const scripts = scriptModules();
  const models = modelModules();
  const unknown = asked.filter((file) => !scripts.includes(file) && !models.includes(file));
  if (unknown.length > 0) {
    process.stderr.write(
      `Not a mutated module: ${unknown.join(', ')}. The modules are listed in stryker.config.js (mutate) and ${MODEL_GLOB}.\n`
    );
    process.exit(2);
  }
  // Everything: one Stryker run per config (one start-up, one incremental file each). Some modules: one run
  // each, with its own incremental file, so that the whole run's file keeps every other module.
  const runs: Run[] =
    asked.length === 0
      ? [
          { label: 'all health check modules', config: 'stryker.config.js', modules: scripts, incrementalFile: incrementalFileOf('all') },
          {
            label: 'all console model modules',
            config: 'stryker.lwc.config.js',
            modules: models,
            incrementalFile: incrementalFileOf('all-models')
          }
        ].filter((run) => run.modules.length > 0)
      : asked.map((module) => ({
          label: module,
          config: models.includes(module) ? 'stryker.lwc.config.js' : 'stryker.config.js',
          modules: [module],
          incrementalFile: incrementalFileOf(module)
        }));
  if (models.length === 0 && asked.length === 0) process.stdout.write(`No console model modules in this tree (${MODEL_GLOB}).\n`);
  mkdirSync(INCREMENTAL_DIR, { recursive: true });
  const failed: string[] = [];
  for (const [index, run] of runs.entries()) {
    process.stdout.write(
      `[${index + 1}/${runs.length}] ${run.label}${existsSync(run.incrementalFile) && !force ? ' (incremental)' : ''}\n`
    );
    const stryker = spawnSync(
      STRYKER,
      [
        'run',
        run.config,
        '--mutate',
        run.modules.join(','),
        '--incrementalFile',
        relative(ROOT, run.incrementalFile),
        ...(force ? ['--force'] : [])
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] }
    );
    // Stryker also saves an interrupted run's results: the mark says whether the file holds a whole run.
    if (stryker.status === 0 && existsSync(run.incrementalFile))
      writeFileSync(completeMarkOf(run.incrementalFile), new Date().toISOString());
    else {
      rmSync(completeMarkOf(run.incrementalFile), { force: true });
      failed.push(`${run.label} (${basename(run.config)} exited ${stryker.status ?? stryker.signal})`);
    }
  }
  if (failed.length > 0)
    process.stderr.write(`Stryker failed for: ${failed.join(', ')}; their modules are marked partial in MUTATION.md.\n`);
  const below = writeReport();
  process.exitCode = failed.length > 0 || below > 0 ? 1 : 0;
}

if (require.main === module) main();
