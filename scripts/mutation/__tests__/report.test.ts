import { previousResults, sourceHash } from '../report';

const ROW = (module: string, score: string, hash: string) =>
  `| ${module} | ${score} | 54 | 0 | 0 | 0 | 45 | 35 | 21 | 0 | 2026-12-02 20:25 | ${hash} |`;

const WRITTEN = [
  '# Mutation testing',
  '',
  '| module | score | killed | timed out | survived | no coverage | ignored (catalogue) | static (not run) | rejected by tsc | runtime error | run at (UTC) | source |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ROW('scripts/health/engine.ts', '95.9 %', '202f920f747a'),
  ROW('scripts/health/rules/users.ts', '100.0 %', '462e01e75ca7'),
  '| scripts/health/push.ts | not run yet | | | | | | | | | | |',
  // A row written before the source column: nothing says what it was measured on.
  '| scripts/health/scoring.ts | 90.0 % | 9 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 2026-12-01 10:00 |',
  '',
  '## Surviving mutants',
  '',
  '### scripts/health/engine.ts',
  '',
  '| line | mutator | original → replacement | why it survives |',
  '|---|---|---|---|',
  '| 46 | StringLiteral | `\' or \'` → `""` | equivalent: a \\| in the reason |',
  '',
  '### scripts/health/scoring.ts',
  '',
  '| 3 | StringLiteral | `a` → `b` | missing test |',
  ''
].join('\n');

describe('previousResults', () => {
  it('keeps the rows that say which source they were measured on, with their survivor sections', () => {
    const results = previousResults(WRITTEN);
    expect([...results.keys()]).toEqual(['scripts/health/engine.ts', 'scripts/health/rules/users.ts']);
    const engine = results.get('scripts/health/engine.ts')!;
    expect(engine.hash).toBe('202f920f747a');
    expect(engine.row).toBe(ROW('scripts/health/engine.ts', '95.9 %', '202f920f747a'));
    expect(engine.survivors[0]).toBe('### scripts/health/engine.ts');
    expect(engine.survivors.at(-1)).toContain('a \\| in the reason');
    expect(engine.survivors.some((line) => line.includes('scoring'))).toBe(false);
    expect(results.get('scripts/health/rules/users.ts')!.survivors).toEqual([]);
  });

  it('reads nothing from a file without results', () => {
    expect(previousResults('# Mutation testing\n').size).toBe(0);
  });
});

describe('sourceHash', () => {
  it('is the start of the SHA-256 of the source, so any change to it tells', () => {
    expect(sourceHash('')).toBe('e3b0c44298fc');
    expect(sourceHash('a')).not.toBe(sourceHash('a '));
  });
});
