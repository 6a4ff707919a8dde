import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSf, sfEnvFor } from '../lib/sfCli';

export type Converted = { dir: string; cleanup: () => void };

/**
 * Converts a source folder to Metadata API format with the real sf CLI (`sf project convert source`),
 * exactly what a deploy sends: the schema check reads these files, not our source, so it sees
 * decomposed objects merged and suffixes mapped the way source-deploy-retrieve does it.
 */
export async function convertSource(projectDir: string, rootDir = 'force-app'): Promise<Converted> {
  const state = mkdtempSync(join(tmpdir(), 'sf-convert-state-'));
  const dir = mkdtempSync(join(tmpdir(), 'sf-convert-'));
  const cleanup = () => {
    rmSync(state, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // sf resolves --root-dir and the project file from the working folder; PWD is what it reads.
    await runSf(['project', 'convert', 'source', '--root-dir', rootDir, '--output-dir', dir], {
      env: { ...sfEnvFor(state), PWD: projectDir },
      cwd: projectDir
    });
  } catch (error) {
    cleanup();
    throw error;
  }
  rmSync(state, { recursive: true, force: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
