const lwcConfig = require('@salesforce/eslint-config-lwc');
const jestPlugin = require('eslint-plugin-jest');
const tseslint = require('typescript-eslint');
const globals = require('globals');

// Split by path: LWC components, LWC tests, TypeScript tooling.
module.exports = [
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.sf/**',
      '.sfdx/**',
      '**/.localdevserver/**',
      'reports/**',
      '.browser-build/**',
      '.stryker-tmp/**'
    ]
  },
  ...lwcConfig.configs.recommended.map((config) => ({
    ...config,
    // The browser harness's platform modules are LWC modules too (compiled by @lwc/rollup-plugin).
    files: ['force-app/main/default/lwc/**/*.js', 'scripts/browser/harness/**/*.js']
  })),
  {
    files: [
      'force-app/main/default/lwc/**/__tests__/**/*.js',
      'force-app/main/default/lwc/**/__mocks__/**/*.js',
      'jest-mocks/**/*.js',
      'scripts/bench/lwc/**/*.js'
    ],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.jest } },
    plugins: { jest: jestPlugin },
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
    }
  },
  // Type-aware: a promise nobody awaits (or handed where a void callback is expected) loses its error.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: ['scripts/**/*.ts']
  })),
  {
    files: ['scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error'
    }
  },
  {
    // Tests read the JSON a command printed (JSON.parse gives any) and assert its shape: the assertion is the check.
    files: ['scripts/**/__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off'
    }
  },
  {
    files: ['*.js', 'scripts/**/*.js'],
    ignores: ['scripts/bench/lwc/**/*.js', 'scripts/browser/harness/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }
  }
];
