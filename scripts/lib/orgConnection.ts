import { Org, type Connection } from '@salesforce/core';
import { UsageError } from './errors';

/** The sf CLI's stored login for `--target-org`; an alias or username it does not know is a usage error with the way to log in. */
export async function connectToOrg(targetOrg: string): Promise<Connection> {
  try {
    const org = await Org.create({ aliasOrUsername: targetOrg });
    return org.getConnection();
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (
      /NamedOrgNotFound|AuthInfoCreationError|NoAuthInfoFound|OrgNotFound/i.test(name) ||
      /No authorization information/i.test(String((error as Error).message))
    )
      throw new UsageError('UnknownOrg', `No org with the alias or username "${targetOrg}" is logged in to the sf CLI (--target-org).`, [
        'List your logins with: sf org list',
        `Log in with: sf org login web --alias ${targetOrg}`
      ]);
    throw error;
  }
}
