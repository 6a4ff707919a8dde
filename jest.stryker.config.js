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
  // The console's model modules have their own jest config (jest.stryker.lwc.config.js): the LWC transformer.
};
