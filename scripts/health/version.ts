import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The tool's version: package.json's, read at run time so a release bump needs no code change. */
export function toolVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
