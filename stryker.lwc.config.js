// `npm run mutate` for the console's pure model modules (force-app/main/default/lwc/*Model/*.js in a folder
// without a template): scripts/mutation/run.ts passes each one as --mutate with its own incremental file.
// The same settings as stryker.config.js, with the LWC project's jest config and no TypeScript checker
// (the modules are JavaScript).
const scripts = require('./stryker.config.js');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
  ...scripts,
  jest: { projectType: 'custom', configFile: 'jest.stryker.lwc.config.js', enableFindRelatedTests: true },
  checkers: [],
  appendPlugins: [],
  ignorers: [],
  mutate: ['force-app/main/default/lwc/*Model/*.js']
};
