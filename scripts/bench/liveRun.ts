// One live health check of an org, in its own process so its memory peak is its own; prints JSON.
import { collectOrgSnapshot } from '../health/collectors/org';
import { runHealthCheck } from '../health/engine';

(async () => {
  const started = performance.now();
  const { snapshot } = await collectOrgSnapshot({ targetOrg: process.argv[2], minApiBudgetShare: 0 });
  const collectMs = performance.now() - started;
  const result = runHealthCheck(snapshot);
  process.stdout.write(
    `${JSON.stringify({
      wallMs: performance.now() - started,
      collectMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      apiCalls: snapshot.apiCalls?.total ?? 0,
      users: snapshot.users?.length ?? 0,
      assignments: snapshot.assignments?.length ?? 0,
      findings: result.findings.length,
      partial: snapshot.partial?.reason ?? null
    })}\n`
  );
})().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
