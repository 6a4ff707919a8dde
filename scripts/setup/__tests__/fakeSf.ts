import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One answer of the fake sf: the JSON it prints and its exit code. */
export type FakeAnswer = { status: number; result?: unknown; name?: string; message?: string; actions?: string[]; data?: unknown };
/**
 * Answers by command ("org display"), in order of calls; the last answer repeats. A key
 * "data query :: FROM User" answers only the calls whose arguments contain the text after "::".
 */
export type Scenario = Record<string, FakeAnswer[]>;

/**
 * Writes a fake `sf` executable into dir: it logs every argv line to calls.log and answers from the
 * scenario, exactly at the process boundary the setup talks to.
 */
export function writeFakeSf(dir: string, scenario: Scenario): { bin: string; log: string } {
  const log = join(dir, 'calls.log');
  const state = join(dir, 'state.json');
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
  writeFileSync(state, '{}');
  writeFileSync(log, '');
  const bin = join(dir, 'sf');
  writeFileSync(
    bin,
    `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
// Keep what a tree import was given: the setup deletes its resolved copy afterwards.
if (args.includes('--plan')) fs.cpSync(require('path').dirname(args[args.indexOf('--plan') + 1]), ${JSON.stringify(join(dir, 'plan'))}, { recursive: true });
const words = [];
for (const arg of args) { if (arg.startsWith('-')) break; words.push(arg); }
const scenario = JSON.parse(fs.readFileSync(${JSON.stringify(join(dir, 'scenario.json'))}, 'utf8'));
const state = JSON.parse(fs.readFileSync(${JSON.stringify(state)}, 'utf8'));
const matches = (k) => { const [prefix, text] = k.split(' :: '); return words.join(' ').startsWith(prefix) && (text === undefined || args.join(' ').includes(text)); };
const key = Object.keys(scenario).filter(matches).sort((a, b) => b.length - a.length)[0];
if (!key) { console.log(JSON.stringify({ status: 1, name: 'UnexpectedCommand', message: 'fake sf has no answer for ' + words.join(' ') })); process.exit(1); }
const n = state[key] || 0;
state[key] = n + 1;
fs.writeFileSync(${JSON.stringify(state)}, JSON.stringify(state));
const answers = scenario[key];
const answer = answers[Math.min(n, answers.length - 1)];
console.log(JSON.stringify(answer));
process.exit(answer.status === 0 ? 0 : 1);
`
  );
  chmodSync(bin, 0o755);
  return { bin, log };
}
