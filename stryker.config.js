// `npm run mutate`: mutation testing of the health check's pure modules (not part of npm test: too slow).
// Scores and the surviving mutants, each explained, are written to MUTATION.md by scripts/mutation/report.ts.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // The rule catalogue's prose (titles, remediation, help links, control mappings) is not mutated; see the plugin.
  appendPlugins: ['./scripts/mutation/ignore-catalogue.mjs'],
  ignorers: ['catalogue-text'],
  mutate: [
    'scripts/health/rules/**/*.ts',
    'scripts/health/baseline/**/*.ts',
    'scripts/health/engine.ts',
    'scripts/health/scoring.ts',
    'scripts/health/suppressions.ts',
    'scripts/health/push.ts',
    'scripts/health/privileges.ts',
    'scripts/health/reasons.ts'
    // ---- console model modules: the pure logic of the LWC components ----------------------------
    // 'force-app/main/default/lwc/*/model*.js'
    // (add their unit tests to jest.stryker.config.js first; see the marked place there)
  ],
  ignorePatterns: ['coverage', 'reports', '.sf', '.sfdx', '.stryker-tmp'],
  disableTypeChecks: 'scripts/**/*.ts',
  // Two cores are shared by everyone on the machine: one or two workers, never more.
  concurrency: 2,
  timeoutMS: 20000,
  // Each developer's results stay in .stryker/ (gitignored: 2 MB rewritten by every run would churn the
  // history and conflict on every merge; MUTATION.md is the committed record). After the first run, a
  // run re-tests only the mutants in code or tests that changed since (--force re-tests everything).
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  reporters: ['json', 'progress', 'clear-text'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  // The 85 % floor per module is enforced by the report script, which sees the modules one by one.
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp'
};
