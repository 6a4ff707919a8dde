import { dirname, resolve } from 'node:path';

/**
 * The directory the user ran the command in. `npm run` starts scripts in the package root and keeps
 * the user's directory in INIT_CWD; a script that changed directory itself (cwd no longer the
 * package root) keeps its own cwd.
 */
export function userCwd(): string {
  const { INIT_CWD: initCwd, npm_package_json: packageJson } = process.env;
  if (initCwd && packageJson && resolve(dirname(packageJson)) === resolve(process.cwd())) return resolve(initCwd);
  return process.cwd();
}

/** A path the user typed, as they meant it: relative to the directory they ran the command in. */
export function resolveFromUser(path: string): string {
  return resolve(userCwd(), path);
}
