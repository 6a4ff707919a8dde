// Started as a child process by the runtime test: proves a real @salesforce/core Connection works
// under the Node the npm scripts get, reading the sf CLI's stored login for the alias in argv.
import { Org } from '@salesforce/core';

(async () => {
  const org = await Org.create({ aliasOrUsername: process.argv[2] });
  const connection = org.getConnection();
  const result = await connection.query<{ Id: string }>('SELECT Id FROM User');
  process.stdout.write(JSON.stringify({ node: process.versions.node, orgId: org.getOrgId(), users: result.totalSize }));
})().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
