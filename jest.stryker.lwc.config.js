// Used by `npm run mutate` for the console's model modules: the LWC project of jest.config.js on its own
// (Stryker's jest runner takes one project). With enableFindRelatedTests, each mutant runs only the LWC
// tests that import its module.
const { projects } = require('./jest.config.js');

const lwc = projects.find((project) => project.displayName === 'lwc');
const { displayName: _name, collectCoverageFrom: _coverage, ...config } = lwc;

module.exports = { ...config, rootDir: __dirname };
