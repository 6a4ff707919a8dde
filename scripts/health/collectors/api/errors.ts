import { ConsoleError } from '../../../lib/errors';

export class SessionExpiredError extends ConsoleError {
  public constructor(org: string) {
    // Exit 2: like a wrong flag, it is the user's input (the stored login) that must change.
    super(
      'SessionExpiredError',
      `The session for ${org} (--target-org) has expired or is invalid.`,
      [
        `Log in again: sf org login web --alias ${org} (or sf org login access-token / JWT, as you logged in before), then run the health check again.`
      ],
      2
    );
  }
}

export class ApiLimitError extends ConsoleError {
  public constructor(detail: string) {
    super('ApiLimitError', `The org's daily API request limit is exhausted (${detail}).`, [
      'Run the health check after the rolling 24-hour API window frees up, or raise --api-budget-min-share to stop earlier next time.'
    ]);
  }
}

export class MalformedResponseError extends ConsoleError {
  public constructor(what: string) {
    super('MalformedResponseError', `The org answered ${what} with a response that is not valid JSON, several times.`, [
      'Check the instance URL and any proxy between this machine and Salesforce, then run the health check again.'
    ]);
  }
}

export class OrgUnavailableError extends ConsoleError {
  public constructor(
    what: string,
    public readonly detail: string
  ) {
    super('OrgUnavailableError', `The org did not answer ${what} after several tries (${detail}).`, [
      'Check https://status.salesforce.com and your network, then run the health check again.'
    ]);
  }
}

export class OrgApiError extends ConsoleError {
  public constructor(
    what: string,
    public readonly code: string,
    public readonly detail: string
  ) {
    super('OrgApiError', `${what} failed: ${code}: ${detail}`, [
      'Check that the user you logged in with has View Setup and Configuration and API Enabled.'
    ]);
  }
}
