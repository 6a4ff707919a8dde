// `npm run mutate`: mutation testing of the health check's pure modules (not part of npm test: too slow).
// scripts/mutation/run.ts runs Stryker once per module listed here (--mutate, its own incremental file);
// scores and the surviving mutants, each explained, are written to MUTATION.md by scripts/mutation/report.ts.
// The console's model modules run under stryker.lwc.config.js.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants, evaluated once at import) need the whole suite re-run each:
  // about 400 of them took 92 % of the time, over an hour on the shared cores. They are not run; the report
  // counts them per module in their own column, and the lists they hold are stated by rules-lists.test.ts.
  ignoreStatic: true,
  // The rule catalogue's prose (titles, remediation, help links, control mappings) is not mutated; see the plugin.
  appendPlugins: ['./scripts/mutation/ignore-catalogue.mjs'],
  ignorers: ['catalogue-text'],
  mutate: [
    'scripts/health/rules/**/*.ts',
    // Types only: nothing to mutate.
    '!scripts/health/rules/types.ts',
    'scripts/health/baseline/**/*.ts',
    'scripts/health/engine.ts',
    'scripts/health/scoring.ts',
    'scripts/health/suppressions.ts',
    'scripts/health/push.ts',
    'scripts/health/privileges.ts',
    'scripts/health/reasons.ts'
  ],
  ignorePatterns: ['coverage', 'reports', '.sf', '.sfdx', '.stryker-tmp'],
  disableTypeChecks: 'scripts/**/*.ts',
  // Two cores are shared by everyone on the machine: one or two workers, never more.
  concurrency: 2,
  timeoutMS: 20000,
  // The jest runner's memory grows with every mutant it runs (measured: 1.9 GB after 2 minutes of a run of
  // everything, 3.8 GB after 11, near Node's default heap limit): a fresh runner every 200 mutants keeps a
  // long run from slowing down in garbage collection or crashing out of memory.
  maxTestRunnerReuse: 200,
  // Each developer's results stay in .stryker/incremental/ (gitignored: megabytes rewritten by every run
  // would churn the history and conflict on every merge; MUTATION.md is the committed record). After the
  // first run, a run re-tests only the mutants in code or tests that changed since (--force: everything).
  // run.ts gives each module its own --incrementalFile.
  incremental: true,
  reporters: ['progress', 'clear-text'],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  // The 85 % floor per module is enforced by the report script, which sees the modules one by one.
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  // node_modules in the sandbox even where the checkout's node_modules is a link (the script says why).
  buildCommand: 'node scripts/mutation/linkNodeModules.js'
};
