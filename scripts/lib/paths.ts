import { isAbsolute, relative } from 'node:path';

/**
 * A path as the user and code scanning want to read it: relative to where the command ran when it is
 * inside that folder, as given otherwise; forward slashes.
 */
export function displayPath(file: string): string {
  const fromCwd = isAbsolute(file) ? relative(process.cwd(), file) : file;
  const shown = fromCwd.startsWith('..') ? file : fromCwd;
  return shown.replace(/\\/g, '/').replace(/^\.\//, '');
}
