import { isAbsolute, relative } from 'node:path';
import { userCwd } from './userCwd';

/**
 * A path as the user can open it: relative to the directory they ran the command in when it is
 * inside that folder, as given otherwise; forward slashes.
 */
export function displayPath(file: string): string {
  const fromCwd = isAbsolute(file) ? relative(userCwd(), file) : file;
  const shown = fromCwd === '' || fromCwd.startsWith('..') ? file : fromCwd;
  return shown.replace(/\\/g, '/').replace(/^\.\//, '');
}
