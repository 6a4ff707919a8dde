import { loadDataset } from '../datasets';
import { startEmulator, type RunningEmulator } from '../server';
import type { FaultKind } from '../types';

describe('org emulator over HTTP', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: loadDataset('acme', { now: new Date('2026-11-23T12:00:00Z') }),
      apiDailyMax: 1000,
      apiUsedAtStart: 100
    });
  });
  afterAll(() => emulator.stop());

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${emulator.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${emulator.accessToken}`, 'Content-Type': 'application/json', ...init.headers }
    });

  it('refuses a call without the session token', async () => {
    const response = await fetch(`${emulator.url}/services/data/v66.0/limits`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('reports API usage on every answer and counts each call by kind', async () => {
    emulator.calls.reset();
    const response = await call('/services/data/v66.0/limits');
    expect(response.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/1000$/);
    const limits = (await response.json()) as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests.Max).toBe(1000);
    await call(`/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM User')}`, {
      headers: { 'Sforce-Query-Options': 'batchSize=200' }
    });
    expect(emulator.calls.byKind).toMatchObject({ limits: 1, query: 1 });
  });

  it('upserts collections by external id: one record a key however often it is sent', async () => {
    const body = JSON.stringify({
      allOrNone: false,
      records: [
        { attributes: { type: 'Health_Finding__c' }, Finding_Key__c: 'test:Profile:X', Status__c: 'Open' },
        { attributes: { type: 'Health_Finding__c' }, Finding_Key__c: 'test:Profile:Y', Status__c: 'Open' }
      ]
    });
    const path = '/services/data/v66.0/composite/sobjects/Health_Finding__c/Finding_Key__c';
    const first = (await (await call(path, { method: 'PATCH', body })).json()) as Array<{ created: boolean; success: boolean }>;
    const second = (await (await call(path, { method: 'PATCH', body })).json()) as Array<{ created: boolean; success: boolean }>;
    expect(first.map((result) => result.created)).toEqual([true, true]);
    expect(second.map((result) => result.created)).toEqual([false, false]);
    expect(emulator.records('Health_Finding__c').filter((row) => String(row.Finding_Key__c).startsWith('test:'))).toHaveLength(2);
  });

  it('rejects more than 200 records in a collection call, as Salesforce does', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Health_Finding__c' }, Finding_Key__c: `bulk:${i}` }));
    const response = await call('/services/data/v66.0/composite/sobjects/Health_Finding__c/Finding_Key__c', {
      method: 'PATCH',
      body: JSON.stringify({ records })
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
  });

  it.each<[FaultKind, number, string | undefined]>([
    ['500', 500, 'UNKNOWN_EXCEPTION'],
    ['503', 503, undefined],
    ['REQUEST_LIMIT_EXCEEDED', 403, 'REQUEST_LIMIT_EXCEEDED'],
    ['INVALID_SESSION_ID', 401, 'INVALID_SESSION_ID'],
    ['INVALID_QUERY_LOCATOR', 400, 'INVALID_QUERY_LOCATOR'],
    ['INVALID_FIELD', 400, 'INVALID_FIELD']
  ])('injects %s as status %i with the Salesforce error code', async (fault, status, errorCode) => {
    emulator.setFaults([{ match: { kind: 'limits' }, fault }]);
    const response = await call('/services/data/v66.0/limits');
    expect(response.status).toBe(status);
    const text = await response.text();
    if (errorCode) expect(JSON.parse(text)[0].errorCode).toBe(errorCode);
    else expect(text).toContain('Service Unavailable');
    // A fault fires the number of times it was set for, then the org answers normally again.
    expect((await call('/services/data/v66.0/limits')).status).toBe(200);
  });

  it('injects malformed and truncated JSON, and a timeout that never answers', async () => {
    emulator.setFaults([{ match: { kind: 'limits' }, fault: 'malformed-json' }]);
    await expect((await call('/services/data/v66.0/limits')).json()).rejects.toThrow();
    emulator.setFaults([{ match: { kind: 'limits' }, fault: 'truncated-json' }]);
    await expect((await call('/services/data/v66.0/limits')).json()).rejects.toThrow();
    emulator.setFaults([{ match: { kind: 'limits' }, fault: 'timeout' }]);
    await expect(call('/services/data/v66.0/limits', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
  });

  it('adds latency on request', async () => {
    emulator.setFaults([]);
    emulator.setLatency(150);
    const started = Date.now();
    await call('/services/data/v66.0/limits');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    emulator.setLatency(0);
  });
});
