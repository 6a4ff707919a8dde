const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// Used by `npm run bench` only: renders the console's heaviest components in jsdom and times them.
module.exports = {
  ...lwcJestConfig,
  rootDir: __dirname,
  roots: ['<rootDir>/scripts/bench/lwc'],
  testMatch: ['**/*.bench.js'],
  moduleNameMapper: {
    '^lightning/navigation$': '<rootDir>/jest-mocks/lightning/navigation'
  },
  modulePaths: ['<rootDir>/force-app/main/default/lwc']
};
