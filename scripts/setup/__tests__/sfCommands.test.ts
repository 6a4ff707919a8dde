import { execFileSync } from 'node:child_process';
import { SF_BIN, sfEnvFor } from '../../lib/sfCli';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000);

/** Every sf command and flag the setup passes, read from its source so nothing drifts. */
function commandsUsed(): Array<{ id: string; flags: string[] }> {
  const source = readFileSync(join(__dirname, '..', 'steps.ts'), 'utf8');
  const calls = [...source.matchAll(/runSf\(\[([^\]]+)\]/g)].map((match) => [...match[1].matchAll(/'([^']+)'/g)].map((word) => word[1]));
  return calls.map((words) => ({
    id: words
      .slice(
        0,
        words.findIndex((word) => word.startsWith('-'))
      )
      .join(':'),
    flags: words.filter((word) => word.startsWith('--')).map((flag) => flag.slice(2))
  }));
}

describe('the sf commands the setup calls', () => {
  it('all exist in the installed sf CLI with every flag passed', () => {
    const state = mkdtempSync(join(tmpdir(), 'sf-commands-'));
    try {
      // `sf commands --json` prints the bare list, not the usual envelope.
      const commands = JSON.parse(
        execFileSync(SF_BIN, ['commands', '--json'], {
          env: sfEnvFor(state),
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'ignore']
        })
      ) as Array<{ id: string; flags: Record<string, unknown> }>;
      const byId = new Map(commands.map((command) => [command.id, command]));
      const used = commandsUsed();
      expect(used.length).toBeGreaterThanOrEqual(8);
      for (const { id, flags } of used) {
        // `config get target-dev-hub`: the last word is an argument, not part of the command.
        const command = byId.get(id) ?? byId.get(id.split(':').slice(0, 2).join(':'));
        expect({ id, known: Boolean(command) }).toEqual({ id, known: true });
        for (const flag of flags) expect({ id, flag, known: flag in (command?.flags ?? {}) }).toEqual({ id, flag, known: true });
      }
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
