// Used by `npm run mutate` only: Stryker runs, for each mutant, the fast unit tests that cover it.
// Only pure tests on in-memory snapshots and small fixture trees belong here: no emulator, no sf CLI,
// no child processes, so a mutant costs milliseconds (the machine is shared).
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/scripts'],
  testMatch: [
    '<rootDir>/scripts/health/__tests__/core-*.test.ts',
    '<rootDir>/scripts/health/__tests__/rules-*.test.ts',
    '<rootDir>/scripts/health/__tests__/unit-*.test.ts'
  ],
  transform: {
    // Stryker's TypeScript checker type-checks every mutant; here ts-jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true, diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'json']
  // ---- console model modules (force-app/main/default/lwc/*/model*.js) -------------------------------
  // When their pure unit tests exist, add their test files to testMatch and the LWC transformer:
  //   '^.+\\.js$': require('@salesforce/sfdx-lwc-jest/config').jestConfig.transform['^.+\\.(js|ts|html|css)$']
  // and list the modules in stryker.config.js (see the marked place there).
};
