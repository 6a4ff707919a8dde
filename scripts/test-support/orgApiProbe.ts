// Started as a child process by the composite tests: runs queries concurrently through the collector's
// OrgApi on a real @salesforce/core Connection (the sf CLI's stored login for the alias in argv[2]),
// as the collector issues them, and prints what each caller got and the calls counted.
import { Org } from '@salesforce/core';
import { OrgApi } from '../health/collectors/api/orgApi';

/** `queries` run together; each of `rounds` after the one before has settled. A `describe` reads an object's REST fields instead. */
type Query = { soql?: string; describe?: string; tooling?: boolean };
type Spec = { queries?: Query[]; rounds?: Query[][]; callTimeoutMs?: number };

(async () => {
  const spec = JSON.parse(process.argv[3]) as Spec;
  const org = await Org.create({ aliasOrUsername: process.argv[2] });
  const api = new OrgApi(org.getConnection(), {
    org: process.argv[2],
    minApiBudgetShare: 0.1,
    concurrency: 4,
    retryDelayMs: 50,
    callTimeoutMs: spec.callTimeoutMs
  });
  const settled: Array<PromiseSettledResult<unknown[]>> = [];
  for (const round of spec.rounds ?? [spec.queries ?? []])
    settled.push(
      ...(await Promise.allSettled(
        round.map(async ({ soql, describe, tooling }) =>
          describe ? [...(await api.describeFields(describe))] : api.queryAll(soql ?? '', { tooling })
        )
      ))
    );
  const results = settled.map((outcome) =>
    outcome.status === 'fulfilled'
      ? { ok: true, rows: outcome.value.length }
      : {
          ok: false,
          name: (outcome.reason as { name?: string }).name,
          code: (outcome.reason as { code?: string }).code,
          message: (outcome.reason as Error).message
        }
  );
  process.stdout.write(JSON.stringify({ calls: api.calls, results }));
})().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
