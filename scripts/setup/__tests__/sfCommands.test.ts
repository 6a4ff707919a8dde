import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SF_BIN, sfEnvFor } from '../../lib/sfCli';
import { sfCallsIn, type SfCall } from './helpers/sfCalls';

jest.setTimeout(60_000);

const SETUP = join(__dirname, '..');
type Command = { id: string; flags: Record<string, unknown> };

let commands: Map<string, Command>;
beforeAll(() => {
  const state = mkdtempSync(join(tmpdir(), 'sf-commands-'));
  try {
    // `sf commands --json` prints the bare list, not the usual envelope.
    const list = JSON.parse(
      execFileSync(SF_BIN, ['commands', '--json'], {
        env: sfEnvFor(state),
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'ignore']
      })
    ) as Command[];
    commands = new Map(list.map((command) => [command.id, command]));
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

/** The installed command a call runs (the longest prefix of its words that is one: `config get NAME` is config:get), and its unknown flags. */
function check(call: SfCall): { id: string; known: boolean; unknownFlags: string[] } {
  for (let length = call.words.length; length > 0; length--) {
    const command = commands.get(call.words.slice(0, length).join(':'));
    if (command) return { id: command.id, known: true, unknownFlags: call.flags.filter((flag) => !(flag in command.flags)) };
  }
  return { id: call.words.join(':'), known: false, unknownFlags: call.flags };
}

describe('the sf commands the setup calls', () => {
  const files = readdirSync(SETUP).filter((name) => name.endsWith('.ts'));
  const calls = files.flatMap((file) => sfCallsIn(file, readFileSync(join(SETUP, file), 'utf8')).map((call) => ({ file, ...call })));

  it('reads every call form: literal argv, argv built in a variable with push, flags spread from a mapping', () => {
    const snippet = `
      const args = ['org', 'create', 'scratch', '--definition-file', file, '--alias', alias];
      if (setDefault) args.push('--set-default');
      await runSf(args, { cwd });
      async function stepSf(step, args, actions) { return runSf(args); }
      await stepSf('users', ['org', 'assign', 'permset', ...names.flatMap((name) => ['--name', name]), '--target-org', alias], []);`;
    expect(sfCallsIn('snippet.ts', snippet).map(({ words, flags }) => ({ words, flags }))).toEqual([
      { words: ['org', 'create', 'scratch'], flags: ['definition-file', 'alias', 'set-default'] },
      { words: ['org', 'assign', 'permset'], flags: ['name', 'target-org'] }
    ]);
    expect(() => sfCallsIn('snippet.ts', 'await runSf(makeArgs());')).toThrow('an sf call whose argv the check cannot read');
  });

  it('finds the calls the setup makes, org create scratch with all its flags among them', () => {
    const ids = calls.map((call) => call.words.join(' '));
    for (const id of [
      'org create scratch',
      'org create user',
      'project deploy start',
      'data create record',
      'org assign permset',
      'data import tree'
    ])
      expect(ids).toContain(id);
    const scratch = calls.find((call) => call.words.join(' ') === 'org create scratch')!;
    expect(scratch.flags.sort()).toEqual(['alias', 'definition-file', 'duration-days', 'set-default', 'wait']);
  });

  it('tells a flag the installed CLI lacks', () => {
    expect(check({ line: 1, words: ['org', 'create', 'user'], flags: ['set-alias', 'no-such-flag'] })).toEqual({
      id: 'org:create:user',
      known: true,
      unknownFlags: ['no-such-flag']
    });
    expect(check({ line: 1, words: ['org', 'make', 'user'], flags: [] }).known).toBe(false);
  });

  it('all exist in the installed sf CLI with every flag passed', () => {
    const problems = calls
      .map((call) => ({ at: `${call.file}:${call.line}`, ...check(call) }))
      .filter((result) => !result.known || result.unknownFlags.length > 0);
    expect(problems).toEqual([]);
  });
});
