import { loadDataset } from '../../emulator/datasets';
import { API_VERSION } from '../../emulator/store';
import type { FaultRule } from '../../emulator/types';
import { startLiveOrg, type LiveOrg } from '../../test-support/liveOrg';

jest.setTimeout(300_000);

type Probe = {
  calls: { total: number; byKind: Record<string, number> };
  results: Array<{ ok: boolean; rows?: number; name?: string; code?: string; message?: string }>;
};

const OBJECTS = ['User', 'Profile', 'PermissionSet', 'Governance_Area__c', 'Risk__c', 'Decision__c'];
const queriesOf = (objects: string[]) => objects.map((object) => ({ soql: `SELECT Id FROM ${object}` }));

describe("the collector's queries, batched into composite calls", () => {
  let org: LiveOrg;
  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
  });
  afterAll(() => org?.stop());
  afterEach(() => org.emulator.setFaults([]));

  const probe = async (objects: string[], faults: FaultRule[] = [], callTimeoutMs?: number) => {
    org.emulator.setFaults(faults);
    org.emulator.calls.reset();
    const output = await org.run('scripts/test-support/orgApiProbe.ts', [
      org.alias,
      JSON.stringify({ queries: queriesOf(objects), callTimeoutMs })
    ]);
    expect(output.stderr).toBe('');
    return JSON.parse(output.stdout) as Probe;
  };
  const rowsOf = (object: string) => org.emulator.records(object).length;

  it('sends five concurrent queries as one call, which the org counts as one', async () => {
    const result = await probe(OBJECTS.slice(0, 5));
    expect(result.results).toEqual(OBJECTS.slice(0, 5).map((object) => ({ ok: true, rows: rowsOf(object) })));
    expect(result.calls).toEqual({ total: 1, byKind: { 'composite-query': 1 } });
    expect(org.emulator.calls.total).toBe(1);
    expect(org.emulator.calls.byKind['composite-query']).toBe(1);
    expect(org.emulator.calls.subrequests.map((call) => call.object)).toEqual(OBJECTS.slice(0, 5));
  });

  it('sends six as two calls: a composite of five and the sixth alone', async () => {
    const result = await probe(OBJECTS);
    expect(result.results.every((entry) => entry.ok)).toBe(true);
    expect(result.calls.total).toBe(2);
    expect(org.emulator.calls.total).toBe(2);
    expect(org.emulator.calls.byKind).toMatchObject({ 'composite-query': 1, query: 1 });
  });

  it('keeps REST and Tooling queries apart, since they are different endpoints', async () => {
    org.emulator.calls.reset();
    const output = await org.run('scripts/test-support/orgApiProbe.ts', [
      org.alias,
      JSON.stringify({
        queries: [
          ...queriesOf(['User', 'Profile']),
          { soql: 'SELECT Id FROM SecurityHealthCheck', tooling: true },
          { soql: 'SELECT Id, DurableId FROM SecurityHealthCheckRisks', tooling: true }
        ]
      })
    ]);
    const result = JSON.parse(output.stdout) as Probe;
    expect(result.results.every((entry) => entry.ok)).toBe(true);
    expect(org.emulator.calls.byKind).toMatchObject({ 'composite-query': 1, 'tooling-composite-query': 1 });
    expect(org.emulator.calls.total).toBe(2);
  });

  describe('describes', () => {
    const run = async (queries: Array<{ soql?: string; describe?: string }>) => {
      org.emulator.calls.reset();
      const output = await org.run('scripts/test-support/orgApiProbe.ts', [org.alias, JSON.stringify({ queries })]);
      expect(output.stderr).toBe('');
      return JSON.parse(output.stdout) as Probe;
    };
    // The fields the org's own describe lists, asked directly.
    const fieldCounts = new Map<string, number>();
    const described = (object: string) => fieldCounts.get(object);
    beforeAll(async () => {
      for (const object of Object.keys(loadDataset('acme').sobjects)) {
        const answer = await fetch(`${org.emulator.url}/services/data/v${API_VERSION}/sobjects/${object}/describe`, {
          headers: { Authorization: `Bearer ${org.emulator.accessToken}` }
        });
        fieldCounts.set(object, ((await answer.json()) as { fields: unknown[] }).fields.length);
      }
    });

    it('go out with the queries issued beside them: four queries and three describes in one call', async () => {
      const result = await run([
        ...queriesOf(OBJECTS.slice(0, 4)),
        ...['PermissionSet', 'LoginHistory', 'Governance_Area__c'].map((object) => ({ describe: object }))
      ]);
      expect(result.results.slice(4)).toEqual(
        ['PermissionSet', 'LoginHistory', 'Governance_Area__c'].map((object) => ({ ok: true, rows: described(object) }))
      );
      expect(result.calls).toEqual({ total: 1, byKind: { 'composite-query': 1 } });
      expect(org.emulator.calls.subrequests.map((call) => call.kind)).toEqual([...Array(4).fill('query'), ...Array(3).fill('describe')]);
    });

    it('fill a call up to 25 subrequests, which is all Salesforce takes', async () => {
      const objects = Object.keys(loadDataset('acme').sobjects).slice(0, 27);
      const result = await run(objects.map((object) => ({ describe: object })));
      expect(result.results).toEqual(objects.map((object) => ({ ok: true, rows: described(object) })));
      // 25 in one composite; the two left in a second one.
      expect(org.emulator.calls.byKind).toMatchObject({ 'composite-query': 2 });
      expect(org.emulator.calls.total).toBe(2);
      expect(org.emulator.calls.subrequests).toHaveLength(27);
    });

    it('of an object the org lacks answer NOT_FOUND to their own caller only', async () => {
      const result = await run([{ describe: 'Not_Deployed__c' }, { describe: 'User' }, ...queriesOf(['Profile'])]);
      expect(result.results[0]).toMatchObject({ ok: false, name: 'OrgApiError', code: 'NOT_FOUND' });
      expect(result.results.slice(1)).toEqual([
        { ok: true, rows: described('User') },
        { ok: true, rows: rowsOf('Profile') }
      ]);
      expect(result.calls.total).toBe(1);
    });
  });

  it('gives a subrequest that fails its own error, the others their rows', async () => {
    const result = await probe(OBJECTS.slice(0, 5), [
      { match: { object: 'Profile' }, fault: 'INVALID_TYPE', times: Infinity },
      { match: { object: 'Risk__c' }, fault: 'INVALID_FIELD', times: Infinity }
    ]);
    expect(result.results[1]).toMatchObject({ ok: false, name: 'OrgApiError', code: 'INVALID_TYPE' });
    expect(result.results[4]).toMatchObject({ ok: false, name: 'OrgApiError', code: 'INVALID_FIELD' });
    for (const index of [0, 2, 3]) expect(result.results[index]).toEqual({ ok: true, rows: rowsOf(OBJECTS[index]) });
    // Not transient: no retry, one call for all five.
    expect(result.calls.total).toBe(1);
  });

  it('retries a transient subrequest error alone (QUERY_TIMEOUT once)', async () => {
    const result = await probe(OBJECTS.slice(0, 5), [{ match: { object: 'User' }, fault: 'QUERY_TIMEOUT' }]);
    expect(result.results.every((entry) => entry.ok)).toBe(true);
    expect(result.calls.byKind).toEqual({ 'composite-query': 1, query: 1 });
    expect(org.emulator.calls.log.filter((call) => call.kind === 'query').map((call) => call.object)).toEqual(['User']);
  });

  it('a persistent QUERY_TIMEOUT: only that read fails, after as many tries as a direct call gets', async () => {
    const result = await probe(OBJECTS.slice(0, 5), [{ match: { object: 'User' }, fault: 'QUERY_TIMEOUT', times: Infinity }]);
    expect(result.results[0]).toMatchObject({ ok: false, name: 'OrgUnavailableError', message: expect.stringMatching(/QUERY_TIMEOUT/) });
    expect(result.results.slice(1).every((entry) => entry.ok)).toBe(true);
    // One try inside the composite, three alone.
    expect(result.calls.byKind).toEqual({ 'composite-query': 1, query: 3 });
  });

  it('a composite never answered (one hung object): its queries go one by one, and only the hung read fails', async () => {
    const started = Date.now();
    const result = await probe(OBJECTS.slice(0, 5), [{ match: { object: 'Governance_Area__c' }, fault: 'timeout', times: Infinity }], 1000);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(result.results[3]).toMatchObject({ ok: false, name: 'OrgUnavailableError' });
    for (const index of [0, 1, 2, 4]) expect(result.results[index]).toEqual({ ok: true, rows: rowsOf(OBJECTS[index]) });
    // The composite once (not retried: it would hang again), then each query directly; the hung one four times.
    expect(result.calls.byKind).toEqual({ 'composite-query': 1, query: 4 + 4 });
  });

  it('a composite failing persistently (500 on the call itself): tried twice, then one by one', async () => {
    const result = await probe(OBJECTS.slice(0, 5), [{ match: { kind: 'composite-query' }, fault: '500', times: Infinity }]);
    expect(result.results.every((entry) => entry.ok)).toBe(true);
    expect(result.calls.byKind).toEqual({ 'composite-query': 2, query: 5 });
  });

  it('an org that refuses the composite resource (an error no retry cures, as NOT_FOUND on an older API): direct calls from then on', async () => {
    org.emulator.setFaults([{ match: { kind: 'composite-query' }, fault: 'INVALID_TYPE', times: Infinity }]);
    org.emulator.calls.reset();
    const five = queriesOf(OBJECTS.slice(0, 5));
    const output = await org.run('scripts/test-support/orgApiProbe.ts', [org.alias, JSON.stringify({ rounds: [five, five] })]);
    const result = JSON.parse(output.stdout) as Probe;
    expect(result.results).toHaveLength(10);
    expect(result.results.every((entry) => entry.ok)).toBe(true);
    // One composite refused; its five queries, and the five of the next round, go directly.
    expect(result.calls.byKind).toEqual({ 'composite-query': 1, query: 10 });
  });

  it('ends every waiting read with the session error when the session expires', async () => {
    const result = await probe(OBJECTS.slice(0, 5), [{ match: { object: 'User' }, fault: 'INVALID_SESSION_ID' }]);
    expect(result.results.every((entry) => entry.name === 'SessionExpiredError')).toBe(true);
  });

  it('stops every waiting read on the daily limit, and retries the concurrent one', async () => {
    const daily = await probe(OBJECTS.slice(0, 5), [{ match: { object: 'User' }, fault: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(daily.results.every((entry) => entry.name === 'CollectionStopped')).toBe(true);
    const concurrent = await probe(OBJECTS.slice(0, 5), [{ match: { object: 'User' }, fault: 'CONCURRENT_REQUEST_LIMIT' }]);
    expect(concurrent.results.every((entry) => entry.ok)).toBe(true);
    expect(concurrent.calls.byKind).toEqual({ 'composite-query': 2 });
  });
});
