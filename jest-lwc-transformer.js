/**
 * @lwc/jest-transformer with a cache key that tells instrumented code from plain code.
 *
 * Its getCacheKey (19.4) hashes the source, the path and the config but not `instrument`, so a
 * `jest --coverage` run after a plain run reuses the plain output and reports 0 % coverage (and
 * fails the 90 % floor) until the cache is cleared. Everything else is the transformer's own.
 */
const lwcTransformer = require('@lwc/jest-transformer');

module.exports = {
  ...lwcTransformer,
  getCacheKey(sourceText, sourcePath, transformOptions) {
    const key = lwcTransformer.getCacheKey(sourceText, sourcePath, transformOptions);
    return transformOptions?.instrument ? `${key}-instrumented` : key;
  }
};
