// The modules `npm run mutate` mutates, and where each one's incremental results live.
import { globSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const INCREMENTAL_DIR = join(ROOT, '.stryker', 'incremental');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const scriptsConfig = require(join(ROOT, 'stryker.config.js')) as { mutate: string[] };
export const MODEL_GLOB = 'force-app/main/default/lwc/*Model/*.js';

/** The incremental file of a run of one module (its path, flattened), or of a run of them all. */
export function incrementalFileOf(module: string): string {
  return join(INCREMENTAL_DIR, `${module.replace(/[\\/]/g, '__')}.json`);
}

/** Written beside an incremental file when the run that wrote it finished (an interrupted run saves its results too). */
export function completeMarkOf(incrementalFile: string): string {
  return `${incrementalFile}.complete`;
}

function expand(patterns: string[]): string[] {
  const include = patterns.filter((pattern) => !pattern.startsWith('!'));
  const exclude = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const excluded = new Set(exclude.flatMap((pattern) => globSync(pattern, { cwd: ROOT })));
  return [...new Set(include.flatMap((pattern) => globSync(pattern, { cwd: ROOT })))].filter((file) => !excluded.has(file)).sort();
}

/** A model module is plain JavaScript beside no template: a folder holding an .html is a component. */
export function modelModules(): string[] {
  return expand([MODEL_GLOB]).filter((file) => globSync(join(dirname(file), '*.html'), { cwd: ROOT }).length === 0);
}

export function scriptModules(): string[] {
  return expand(scriptsConfig.mutate);
}
