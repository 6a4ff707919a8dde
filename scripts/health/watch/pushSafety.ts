import type { Connection } from '@salesforce/core';
import { ConsoleError } from '../../lib/errors';
import { OrgApi } from '../collectors/api/orgApi';
import type { PushSummary } from '../result';
import type { OrgSnapshot } from '../snapshot';
import { acquirePushLock, lockWaitMs } from './lock';

export const RUNNER_PERMISSION_SET = 'Ownership_Console_Health_Runner';

export class ProductionPushRefused extends ConsoleError {
  public constructor(org: string, username: string, why: string) {
    super('ProductionPushRefused', `Org ${org} is a production org (Organization.IsSandbox is false) and ${why}: nothing was pushed.`, [
      `Assign the runner permission set to the user that runs the check: sf org assign permset --name ${RUNNER_PERMISSION_SET} --on-behalf-of ${username} --target-org <alias>`,
      'Or run without --push: the report is complete without it.'
    ]);
  }
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A production org only takes a push from a user holding the runner permission set: an admin's own
 * login in a cron job is the unattended run the check itself warns about. Sandboxes are not guarded.
 * Unknown counts as production.
 */
export async function checkProductionPush(connection: Connection, snapshot: OrgSnapshot): Promise<void> {
  const api = new OrgApi(connection, { org: snapshot.username ?? 'the org', minApiBudgetShare: 0, concurrency: 1 });
  let isSandbox = snapshot.isSandbox;
  if (isSandbox === undefined) {
    const [organization] = await api.queryAll('SELECT Id, IsSandbox FROM Organization', { what: 'Organization' });
    isSandbox = organization?.IsSandbox === true;
  }
  if (isSandbox) return;
  const org = snapshot.orgId ?? 'the org';
  const username = snapshot.username ?? connection.getUsername() ?? '';
  let userId = snapshot.users?.find((user) => user.username === username)?.id;
  if (!userId) {
    const [user] = await api.queryAll(`SELECT Id FROM User WHERE Username = ${quote(username)}`, { what: 'User' });
    userId = user ? String(user.Id) : undefined;
  }
  if (!userId) throw new ProductionPushRefused(org, username, `the running user ${username} could not be found`);
  // Asked directly: the live snapshot keeps only the assignments its rules judge (privileged sets), not the runner set.
  const held = (
    await api.queryAll(`SELECT Id, PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = ${quote(userId)}`, {
      what: 'PermissionSetAssignment'
    })
  ).some(
    (row) =>
      (row.PermissionSet as { Name?: string } | undefined)?.Name === RUNNER_PERMISSION_SET ||
      row['PermissionSet.Name'] === RUNNER_PERMISSION_SET
  );
  if (!held)
    throw new ProductionPushRefused(
      org,
      username,
      `the running user ${username} does not hold the ${RUNNER_PERMISSION_SET} permission set`
    );
}

/** --push, unattended-safe: the production guard, then the org's push lock around the push itself. */
export async function safePush(connection: unknown, snapshot: OrgSnapshot, push: () => Promise<PushSummary>): Promise<PushSummary> {
  await checkProductionPush(connection as Connection, snapshot);
  const release = await acquirePushLock(snapshot.orgId ?? snapshot.username ?? 'org', { waitMs: lockWaitMs() });
  try {
    return await push();
  } finally {
    release();
  }
}
