import type { LoginEvent } from '../../snapshot';
import { SessionExpiredError } from '../api/errors';
import { CollectionStopped } from '../api/orgApi';
import { declare, field, type Declaration } from './declare';
import { isoUtc, TooManyGroups, type Reader } from './reader';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Logins are judged over the last 30 days. */
export const LOGIN_WINDOW_DAYS = 30;

/**
 * LoginHistory aggregated on the server: one row per user, kind of login, status, reported method
 * and API type, with the count and the latest time. `Status` and `Application` cannot be filtered
 * (the Object Reference lists them as Group, Sort), so failed logins are grouped, not filtered out.
 */
export function loginDeclaration(hasAuthMethodReference: boolean) {
  return declare({
    object: 'LoginHistory',
    parts: ['logins'],
    grant: 'Monitor Login History (or Manage Users)',
    shape: {
      userId: field.group('UserId'),
      loginType: field.group('LoginType'),
      status: field.group('Status'),
      authMethodReference: hasAuthMethodReference ? field.group('AuthMethodReference') : { select: [], key: '-', read: () => undefined },
      apiType: field.group('ApiType'),
      logins: field.count('logins'),
      last: field.max('lastLogin', 'LoginTime')
    },
    groupBy: ['UserId', 'LoginType', 'Status', ...(hasAuthMethodReference ? ['AuthMethodReference'] : []), 'ApiType']
  });
}

export const VERIFICATION = declare({
  object: 'VerificationHistory',
  parts: [],
  grant: 'Manage Users',
  shape: { userId: field.group('UserId'), verified: field.count('verified') },
  groupBy: ['UserId']
});
export const VERIFICATION_WHERE = "Activity = 'Login' AND Status IN ('Succeeded', 'AutomatedSuccess')";

/**
 * Logins with no successful Login verification, counted on the server: an anti-join on
 * VerificationHistory.LoginHistoryId (a reference to LoginHistory). Only these can be logins
 * without MFA, so a production org of thousands of verified privileged users answers in a window
 * or two instead of every user's logins and every user's verifications. Answers null when the org
 * refuses or fails the anti-join (the documentation does not promise it on VerificationHistory, and
 * the runner may not see that object): the caller then reads logins and verifications apart, so a
 * failure is reported against the object that caused it.
 */
export async function readUnverifiedLogins(
  reader: Reader,
  declaration: ReturnType<typeof loginDeclaration>,
  scope: string | undefined,
  now: number
): Promise<LoginEvent[] | null> {
  const antiJoin = `Id NOT IN (SELECT LoginHistoryId FROM VerificationHistory WHERE ${VERIFICATION_WHERE})`;
  try {
    return toLoginEvents(await readWindowed(reader, declaration, 'LoginTime', scope ? `${scope} AND ${antiJoin}` : antiJoin, now));
  } catch (error) {
    // An expired login, a stop, or more groups than any window holds would end the other reads alike.
    if (error instanceof SessionExpiredError || error instanceof CollectionStopped || error instanceof TooManyGroups) throw error;
    return null;
  }
}

/**
 * A GROUP BY answer has no query locator and holds at most 2,000 rows: when the org has more groups,
 * the time window is halved and each half read on its own, down to an hour.
 */
export async function readWindowed<T>(
  reader: Reader,
  declaration: Declaration<T>,
  timeField: string,
  where: string | undefined,
  now: number
): Promise<T[]> {
  const read = async (from: number, to: number): Promise<T[]> => {
    const window = `${timeField} >= ${isoUtc(from)} AND ${timeField} < ${isoUtc(to)}`;
    try {
      return await reader.groups(declaration, where ? `${window} AND ${where}` : window);
    } catch (error) {
      if (!(error instanceof TooManyGroups) || to - from <= HOUR) throw error;
      const middle = from + Math.floor((to - from) / 2);
      const halves = await Promise.all([read(from, middle), read(middle, to)]);
      return halves.flat();
    }
  };
  const end = Math.ceil(now / HOUR) * HOUR;
  return read(end - LOGIN_WINDOW_DAYS * DAY, end);
}

type LoginRow = ReturnType<typeof loginDeclaration> extends Declaration<infer T> ? T : never;

/** Rows of several windows merged: the same group in two windows adds up. */
export function toLoginEvents(rows: LoginRow[]): LoginEvent[] {
  const merged = new Map<string, LoginEvent>();
  for (const row of rows) {
    if (!row.userId) continue;
    const key = [row.userId, row.loginType, row.status, row.authMethodReference, row.apiType].join('|');
    const existing = merged.get(key);
    if (existing) {
      existing.count = (existing.count ?? 1) + row.logins;
      if (row.last && row.last > existing.loginTime) existing.loginTime = row.last;
      continue;
    }
    merged.set(key, {
      userId: row.userId,
      loginTime: row.last ?? '',
      loginType: row.loginType ?? '',
      status: row.status ?? '',
      authMethodReference: row.authMethodReference,
      apiType: row.apiType,
      count: row.logins
    });
  }
  return [...merged.values()];
}
