import { grade, score, severityAtLeast } from '../scoring';

describe('grade bands', () => {
  it.each([
    [100, 'Excellent'],
    [90, 'Excellent'],
    [89, 'Very Good'],
    [80, 'Very Good'],
    [79, 'Good'],
    [70, 'Good'],
    [69, 'Poor'],
    [55, 'Poor'],
    [54, 'Very Poor'],
    [0, 'Very Poor']
  ])('%i → %s', (value, expected) => {
    expect(grade(value)).toBe(expected);
  });
});

describe('score', () => {
  it('is 100 when every weighted rule passed, and when nothing weighted ran', () => {
    expect(score([{ severity: 'high', status: 'passed', hitSeverities: [] }])).toBe(100);
    expect(score([{ severity: 'info', status: 'failed', hitSeverities: ['info'] }])).toBe(100);
    expect(score([])).toBe(100);
  });

  it('high-risk failures weigh most; informational ones not at all; skipped rules are out', () => {
    const high = score([
      { severity: 'high', status: 'failed', hitSeverities: ['high'] },
      { severity: 'low', status: 'passed', hitSeverities: [] }
    ]);
    const low = score([
      { severity: 'high', status: 'passed', hitSeverities: [] },
      { severity: 'low', status: 'failed', hitSeverities: ['low'] }
    ]);
    expect(high).toBe(20); // 1 of 5
    expect(low).toBe(80); // 4 of 5
    expect(
      score([
        { severity: 'high', status: 'passed', hitSeverities: [] },
        { severity: 'info', status: 'failed', hitSeverities: ['info'] },
        { severity: 'critical', status: 'skipped', hitSeverities: [] }
      ])
    ).toBe(100);
  });

  it('a warning-bucket failure (hits below the rule severity) keeps half the weight', () => {
    expect(
      score([
        { severity: 'high', status: 'failed', hitSeverities: ['medium'] },
        { severity: 'high', status: 'passed', hitSeverities: [] }
      ])
    ).toBe(75);
    expect(score([{ severity: 'medium', status: 'failed', hitSeverities: ['low', 'medium'] }])).toBe(0);
  });

  it('critical outweighs high', () => {
    expect(
      score([
        { severity: 'critical', status: 'failed', hitSeverities: ['critical'] },
        { severity: 'high', status: 'passed', hitSeverities: [] }
      ])
    ).toBe(44); // 4 of 9
  });
});

describe('severityAtLeast', () => {
  it('orders critical > high > medium > low > info', () => {
    expect(severityAtLeast('critical', 'high')).toBe(true);
    expect(severityAtLeast('high', 'high')).toBe(true);
    expect(severityAtLeast('medium', 'high')).toBe(false);
    expect(severityAtLeast('info', 'low')).toBe(false);
  });
});
