import { loadDataset } from '../datasets';
import { startEmulator, type RunningEmulator } from '../server';

type SubResult = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };

describe('the Composite resource of the emulated org', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    const dataset = loadDataset('acme');
    // More users than one page of 200 holds, so there is a next page to fetch.
    const template = dataset.sobjects.User[1];
    for (let i = 0; i < 250; i++)
      dataset.sobjects.User.push({ ...template, Id: `005Z${String(i).padStart(11, '0')}AAA`, Username: `u${i}@acme.example` });
    emulator = await startEmulator({ dataset, apiDailyMax: 1000, apiUsedAtStart: 100 });
  });
  afterAll(() => emulator.stop());
  afterEach(() => emulator.setFaults([]));

  const base = '/services/data/v66.0';
  const query = (soql: string, tooling = false) => `${base}${tooling ? '/tooling' : ''}/query?q=${encodeURIComponent(soql)}`;
  const post = (path: string, body: unknown) =>
    fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
  const gets = (urls: string[]) => ({
    allOrNone: false,
    compositeRequest: urls.map((url, index) => ({ method: 'GET', url, referenceId: `r${index}` }))
  });

  it('answers each query subrequest in order, and counts the whole composite as one call in its counter and its usage header', async () => {
    emulator.calls.reset();
    const response = await post(`${base}/composite`, gets([query('SELECT Id FROM User'), query('SELECT Id FROM Profile')]));
    expect(response.status).toBe(200);
    const usage = Number(/api-usage=(\d+)\//.exec(response.headers.get('sforce-limit-info') ?? '')?.[1]);
    const { compositeResponse } = (await response.json()) as { compositeResponse: SubResult[] };
    expect(compositeResponse.map((sub) => [sub.referenceId, sub.httpStatusCode])).toEqual([
      ['r0', 200],
      ['r1', 200]
    ]);
    expect((compositeResponse[0].body as { totalSize: number }).totalSize).toBe(emulator.records('User').length);
    expect(emulator.calls.total).toBe(1);
    expect(emulator.calls.byKind['composite-query']).toBe(1);
    expect(emulator.calls.subrequests.map((call) => [call.kind, call.object])).toEqual([
      ['query', 'User'],
      ['query', 'Profile']
    ]);
    // One more call, one more unit of API usage, whatever the number of subrequests.
    const again = await post(`${base}/composite`, gets([query('SELECT Id FROM User'), query('SELECT Id FROM User')]));
    expect(Number(/api-usage=(\d+)\//.exec(again.headers.get('sforce-limit-info') ?? '')?.[1])).toBe(usage + 1);
  });

  it('pages with a Query More subrequest, honouring the batch size header a subrequest carries', async () => {
    const first = await post(`${base}/composite`, {
      compositeRequest: [
        { method: 'GET', url: query('SELECT Id FROM User'), referenceId: 'first', httpHeaders: { 'Sforce-Query-Options': 'batchSize=200' } }
      ]
    });
    const page = ((await first.json()) as { compositeResponse: SubResult[] }).compositeResponse[0].body as {
      records: unknown[];
      done: boolean;
      nextRecordsUrl?: string;
    };
    const users = emulator.records('User').length;
    expect(page.records.length).toBe(200);
    expect(page.done).toBe(false);
    const more = await post(`${base}/composite`, gets([page.nextRecordsUrl!]));
    const next = ((await more.json()) as { compositeResponse: SubResult[] }).compositeResponse[0];
    expect(next.httpStatusCode).toBe(200);
    expect((next.body as { records: unknown[] }).records.length).toBe(Math.min(200, users - 200));
    expect(emulator.calls.subrequests.at(-1)?.kind).toBe('queryMore');
  });

  it('serves Tooling queries on the Tooling composite, and refuses a REST url there', async () => {
    const response = await post(
      `${base}/tooling/composite`,
      gets([query('SELECT Id FROM SecurityHealthCheck', true), query('SELECT Id FROM User')])
    );
    const { compositeResponse } = (await response.json()) as { compositeResponse: SubResult[] };
    expect(compositeResponse[0].httpStatusCode).toBe(200);
    expect(compositeResponse[1]).toMatchObject({ httpStatusCode: 404, body: [{ errorCode: 'NOT_FOUND' }] });
  });

  it('applies the faults of an object to its subrequest alone, with the error body a direct call gets', async () => {
    emulator.setFaults([{ match: { object: 'Profile' }, fault: 'INVALID_TYPE', times: Infinity }]);
    const response = await post(`${base}/composite`, gets([query('SELECT Id FROM User'), query('SELECT Id FROM Profile')]));
    const { compositeResponse } = (await response.json()) as { compositeResponse: SubResult[] };
    expect(compositeResponse[0].httpStatusCode).toBe(200);
    expect(compositeResponse[1]).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'INVALID_TYPE' }] });
    const direct = await fetch(`${emulator.url}${query('SELECT Id FROM Profile')}`, {
      headers: { Authorization: `Bearer ${emulator.accessToken}` }
    });
    expect(await direct.json()).toEqual(compositeResponse[1].body);
  });

  it('with allOrNone, makes every other subrequest answer 400 when one fails, as documented', async () => {
    emulator.setFaults([{ match: { object: 'Profile' }, fault: 'QUERY_TIMEOUT', times: Infinity }]);
    const response = await post(`${base}/composite`, {
      ...gets([query('SELECT Id FROM User'), query('SELECT Id FROM Profile')]),
      allOrNone: true
    });
    const { compositeResponse } = (await response.json()) as { compositeResponse: SubResult[] };
    expect(compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([400, 400]);
    expect(compositeResponse[1].body).toMatchObject([{ errorCode: 'QUERY_TIMEOUT' }]);
  });

  it('never answers a composite holding a subrequest that is never answered', async () => {
    emulator.setFaults([{ match: { object: 'User' }, fault: 'timeout' }]);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 1500);
    const pending = fetch(`${emulator.url}${base}/composite`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(gets([query('SELECT Id FROM Profile'), query('SELECT Id FROM User')])),
      signal: controller.signal
    });
    await expect(pending).rejects.toThrow(/abort/i);
    clearTimeout(timer);
  });

  it('answers a session or daily-limit fault for the whole call, as the org does', async () => {
    emulator.setFaults([{ match: { object: 'User' }, fault: 'REQUEST_LIMIT_EXCEEDED' }]);
    const response = await post(`${base}/composite`, gets([query('SELECT Id FROM Profile'), query('SELECT Id FROM User')]));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
  });

  it("enforces Salesforce's limits: 25 subrequests, 5 query operations (Query More included), no inherited header", async () => {
    const six = await post(`${base}/composite`, gets(Array.from({ length: 6 }, () => query('SELECT Id FROM User'))));
    expect(six.status).toBe(400);
    expect(await six.json()).toEqual([{ errorCode: 'LIMIT_EXCEEDED', message: expect.stringMatching(/up to 5 query operations/) }]);
    const withMore = await post(
      `${base}/composite`,
      gets([...Array.from({ length: 5 }, () => query('SELECT Id FROM User')), `${base}/query/01gD0000000000001-2000`])
    );
    expect(withMore.status).toBe(400);
    const many = await post(`${base}/composite`, gets(Array.from({ length: 26 }, () => `${base}/limits`)));
    expect(many.status).toBe(400);
    expect(await many.json()).toEqual([{ errorCode: 'LIMIT_EXCEEDED', message: expect.stringMatching(/up to 25 subrequests/) }]);
    const twentyFive = await post(`${base}/composite`, gets(Array.from({ length: 25 }, () => `${base}/limits`)));
    expect(twentyFive.status).toBe(200);
    const header = await post(`${base}/composite`, {
      compositeRequest: [
        { method: 'GET', url: query('SELECT Id FROM User'), referenceId: 'r0', httpHeaders: { Authorization: 'Bearer x' } }
      ]
    });
    expect(header.status).toBe(400);
    const empty = await post(`${base}/composite`, { compositeRequest: [] });
    expect(empty.status).toBe(400);
  });

  it('leaves the composite upsert of sObject Collections as it was', async () => {
    const response = await fetch(`${emulator.url}${base}/composite/sobjects/Health_Finding__c/Finding_Key__c`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${emulator.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        allOrNone: false,
        records: [{ attributes: { type: 'Health_Finding__c' }, Finding_Key__c: 'composite:test', Status__c: 'Open' }]
      })
    });
    expect(response.status).toBe(200);
    expect(emulator.calls.log.at(-1)?.kind).toBe('composite');
  });
});
