import { profileRanges } from '../collectors/org/users';

/** Whether an id falls in a range as `ProfileId < 'b'`, `ProfileId >= 'a' AND ProfileId < 'b'` or `ProfileId >= 'a'` says, in the given order. */
function inRange(range: string, id: string, compare: (a: string, b: string) => number): boolean {
  return range.split(' AND ').every((condition) => {
    const [, op, bound] = /^ProfileId (<|>=) '([^']+)'$/.exec(condition)!;
    return op === '<' ? compare(id, bound) < 0 : compare(id, bound) >= 0;
  });
}

const profiles = Array.from({ length: 40 }, (_, i) => ({
  profileId: `00e00000000${String(i).padStart(4, '0')}${i % 2 ? 'AAA' : 'aaa'}`,
  users: 1000 + 500 * (i % 7)
}));
const total = profiles.reduce((sum, row) => sum + row.users, 0);

describe('profileRanges: a large users read split by profile', () => {
  it('answers no split for an org of up to 40,000 active users', () => {
    expect(
      profileRanges([
        { profileId: '00e1', users: 40_000 },
        { profileId: '00e2', users: 0 }
      ])
    ).toEqual([]);
    expect(profileRanges([{ profileId: '00e1', users: 40_001 }])).toEqual([]);
  });

  it('splits into at most five ranges, balanced by active users, the first open below and the last open above', () => {
    const ranges = profileRanges(profiles, 'ProfileId', 10_000);
    expect(ranges).toHaveLength(5);
    expect(ranges[0]).toMatch(/^ProfileId < '/);
    expect(ranges[4]).toMatch(/^ProfileId >= '[^']+'$/);
    const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const share = ranges.map((range) =>
      profiles.filter((row) => inRange(range, row.profileId, byCode)).reduce((sum, row) => sum + row.users, 0)
    );
    for (const users of share) expect(users).toBeGreaterThan(total / 5 - 4_000);
    expect(share.reduce((sum, users) => sum + users, 0)).toBe(total);
  });

  it('puts every id in exactly one range in code-point order, and in at least one in any other order', () => {
    const ranges = profileRanges(profiles, 'ProfileId', 10_000);
    const ids = [...profiles.map((row) => row.profileId), '00a', '00e0', '00z', 'ZZZ', '005000000000001'];
    const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const ignoringCase = (a: string, b: string) => byCode(a.toLowerCase(), b.toLowerCase());
    const reversed = (a: string, b: string) => byCode(b, a);
    for (const id of ids) {
      expect(ranges.filter((range) => inRange(range, id, byCode))).toHaveLength(1);
      expect(ranges.filter((range) => inRange(range, id, ignoringCase)).length).toBeGreaterThanOrEqual(1);
      expect(ranges.filter((range) => inRange(range, id, reversed)).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('names the field given, for reads of another object through its lookup', () => {
    expect(profileRanges(profiles, 'Assignee.ProfileId', 10_000).every((range) => range.includes('Assignee.ProfileId '))).toBe(true);
  });
});
