const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// Two projects so each gets its own transformer: the LWC compiler for components, ts-jest for the tooling.
module.exports = {
  projects: [
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      moduleNameMapper: {
        ...lwcJestConfig.moduleNameMapper,
        '^lightning/navigation$': '<rootDir>/jest-mocks/lightning/navigation'
      },
      // Custom labels resolve to their text in the labels file (placeholders kept), not to their keys.
      setupFiles: ['<rootDir>/jest-mocks/salesforce/labels.js'],
      setupFilesAfterEnv: ['<rootDir>/jest-sa11y-setup.js'],
      // The LWC compiler, with a cache key that keeps --coverage runs from reusing uninstrumented output.
      transform: { '^.+\\.(js|ts|html|css)$': '<rootDir>/jest-lwc-transformer.js' },
      testPathIgnorePatterns: ['/node_modules/', '/.localdevserver/'],
      collectCoverageFrom: ['<rootDir>/force-app/main/default/lwc/**/*.js', '!**/__tests__/**']
    },
    {
      displayName: 'scripts',
      testEnvironment: 'node',
      roots: ['<rootDir>/scripts'],
      testMatch: ['**/__tests__/**/*.test.ts'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }]
      },
      moduleFileExtensions: ['ts', 'js', 'json']
    },
    {
      // The console in headless Chromium (npm run test:browser): slow, so a project of its own.
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/scripts/browser'],
      testMatch: ['**/__tests__/**/*.spec.ts'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }]
      },
      moduleFileExtensions: ['ts', 'js', 'json']
    }
  ],
  coverageThreshold: {
    './force-app/main/default/lwc/': { lines: 90 }
  }
};
