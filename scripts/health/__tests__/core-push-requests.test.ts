import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import type { FaultRule } from '../../emulator/types';
import { runHealthCheck } from '../engine';
import { PushError, pushResult } from '../push';
import type { Rule, RuleHit } from '../rules/types';
import type { OrgSnapshot } from '../snapshot';
import { liveSnapshot } from './core-fixtures';

// The push's requests as the sObject Collections API takes them, and what the user reads when one of
// them fails: which call failed, for which org, and that a push that failed writing findings resolves
// nothing. Against the loopback org emulator in this process (core-push covers the records written).

/** The fields of an object as the project deploys it (force-app/main/default/objects/<object>/fields). */
function fieldsOf(object: string): string[] {
  const folder = join(__dirname, '../../../force-app/main/default/objects', object, 'fields');
  return ['Name', ...readdirSync(folder).map((file) => file.replace('.field-meta.xml', ''))];
}

type Sent = { method: string; url: string; body?: Record<string, unknown> };

/** @salesforce/core's Connection as push uses it, keeping each request's body; errors carry errorCode as jsforce's do. */
function connectionTo(emulator: RunningEmulator, sent: Sent[], orgId: string | null = '00D000000000009AAA'): Connection {
  const connection = {
    getApiVersion: () => '66.0',
    getAuthInfoFields: () => ({ orgId: orgId ?? undefined }),
    request: async (request: { method: string; url: string; body?: string; headers?: Record<string, string> }) => {
      sent.push({
        method: request.method,
        url: request.url,
        body: request.body ? (JSON.parse(request.body) as Record<string, unknown>) : undefined
      });
      const response = await fetch(`${emulator.url}${request.url}`, {
        method: request.method,
        body: request.body,
        headers: { ...request.headers, Authorization: `Bearer ${emulator.accessToken}` }
      });
      const body: unknown = await response.json();
      if (!response.ok) {
        const [error] = body as Array<{ errorCode: string; message: string }>;
        throw Object.assign(new Error(error.message), { errorCode: error.errorCode });
      }
      return body;
    }
  };
  return connection as unknown as Connection;
}

function rule(id: string, hits: RuleHit[]): Rule {
  return {
    id,
    title: `Rule ${id}`,
    severity: 'high',
    lead: 'IT',
    areaKey: 'ACCESS.PERMISSIONS',
    remediation: `Fix ${id}.`,
    references: [],
    controls: {},
    reads: [],
    modes: ['org'],
    evaluate: () => ({ hits })
  };
}

const hit = (name: string): RuleHit => ({ component: { type: 'Profile', name }, detail: `${name} is wrong.` });

/** An open finding already in the org. */
const stored = (id: string, key: string) => ({
  Id: id,
  Finding_Key__c: key,
  Rule_Id__c: 'r.a',
  Status__c: 'Open',
  First_Detected__c: '2025-06-01T00:00:00.000Z'
});

describe('pushResult: requests and failures', () => {
  let emulator: RunningEmulator;
  let sent: Sent[];

  async function start(options: { findings?: Array<ReturnType<typeof stored>>; faults?: FaultRule[] } = {}): Promise<Connection> {
    emulator = await startEmulator({
      dataset: {
        orgId: '00D000000000001AAA',
        user: { id: '005000000000001AAA', username: 'pusher@acme.test', name: 'Pusher', email: 'pusher@acme.test' },
        sobjects: { Health_Finding__c: options.findings ?? [], Health_Check_Run__c: [] },
        tooling: {},
        fields: {
          Health_Finding__c: fieldsOf('Health_Finding__c'),
          Health_Check_Run__c: fieldsOf('Health_Check_Run__c'),
          Health_Metric__c: fieldsOf('Health_Metric__c')
        }
      },
      faults: options.faults
    });
    sent = [];
    return connectionTo(emulator, sent);
  }
  afterEach(() => emulator.stop());

  // The existing findings come from the org (no snapshot.findings), as in a push after a metadata run.
  const snapshot = (extra: Partial<OrgSnapshot> = {}): OrgSnapshot =>
    liveSnapshot({ findings: undefined, username: 'ops@acme.test', ...extra });
  const resultOf = (snap: OrgSnapshot, hits: RuleHit[]) =>
    runHealthCheck(snap, { rules: [rule('r.a', hits)], now: new Date('2025-06-30T12:00:00Z') });
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => new Error('the push did not fail'),
      (caught: unknown) => caught as Error
    );

  it('writes the run all or none, the findings and their resolution each on its own, every record naming its sObject type', async () => {
    const connection = await start({ findings: [stored('a01000000000001AAA', 'r.a:Profile:Gone')] });
    const snap = snapshot();
    await pushResult(connection, resultOf(snap, [hit('Kept')]), snap);
    const composites = sent.filter((request) => request.body?.records);
    const shape = composites.map((request) => ({
      url: request.url.replace(/^.*\/composite/, '/composite'),
      allOrNone: request.body?.allOrNone,
      types: [...new Set((request.body?.records as Array<{ attributes?: { type?: string } }>).map((record) => record.attributes?.type))]
    }));
    expect(shape.slice(0, 3)).toEqual([
      { url: '/composite/sobjects/Health_Check_Run__c/Run_Key__c', allOrNone: true, types: ['Health_Check_Run__c'] },
      { url: '/composite/sobjects/Health_Finding__c/Finding_Key__c', allOrNone: false, types: ['Health_Finding__c'] },
      { url: '/composite/sobjects', allOrNone: false, types: ['Health_Finding__c'] }
    ]);
  });

  it('keys the run by the org id of the login when the snapshot has none, and by "unknown" without either', async () => {
    const connection = await start();
    const snap = snapshot({ orgId: undefined });
    await pushResult(connection, resultOf(snap, [hit('One')]), snap);
    await pushResult(connectionTo(emulator, sent, null), resultOf(snap, [hit('One')]), snap);
    expect(emulator.records('Health_Check_Run__c').map((run) => run.Run_Key__c)).toEqual([
      '00D000000000009AAA:org:2025-06-30',
      'unknown:org:2025-06-30'
    ]);
  });

  it.each([
    ['reading the existing findings', { kind: 'query', object: 'Health_Finding__c' }, /^the Health_Finding__c query failed: INVALID_FIELD/],
    ['the run upsert', { path: '/composite/sobjects/Health_Check_Run__c' }, /^the Health_Check_Run__c upsert failed: INVALID_FIELD/],
    ['the finding upsert', { path: '/composite/sobjects/Health_Finding__c' }, /^the Health_Finding__c upsert failed: INVALID_FIELD/],
    ['resolving', { method: 'PATCH', path: /\/composite\/sobjects$/ }, /^resolving Health_Finding__c failed: INVALID_FIELD/]
  ] as const)('names the call that failed: %s', async (_call, match, message) => {
    const connection = await start({
      findings: [stored('a01000000000001AAA', 'r.a:Profile:Gone')],
      faults: [{ match: { ...match }, fault: 'INVALID_FIELD' }]
    });
    const snap = snapshot();
    const error = await rejection(pushResult(connection, resultOf(snap, [hit('Kept')]), snap));
    expect(error.message).toMatch(message);
  });

  it('names the org whose session expired: its username, or "the org" without one', async () => {
    const connection = await start({ faults: [{ match: {}, fault: 'INVALID_SESSION_ID', times: Infinity }] });
    const named = snapshot();
    expect((await rejection(pushResult(connection, resultOf(named, [hit('One')]), named))).message).toMatch(
      /^The session for ops@acme\.test \(--target-org\)/
    );
    const anonymous = snapshot({ username: undefined });
    expect((await rejection(pushResult(connection, resultOf(anonymous, [hit('One')]), anonymous))).message).toMatch(
      /^The session for the org \(--target-org\)/
    );
  });

  it('resolves nothing when a finding could not be written, even in a complete run', async () => {
    // Two records with one key: the org refuses that key's upsert (DUPLICATE_EXTERNAL_ID), the other finding is written.
    const connection = await start({
      findings: [
        stored('a01000000000001AAA', 'r.a:Profile:Gone'),
        stored('a01000000000002AAA', 'r.a:Profile:Twice'),
        stored('a01000000000003AAA', 'r.a:Profile:Twice')
      ]
    });
    const snap = snapshot();
    const error = await rejection(pushResult(connection, resultOf(snap, [hit('Twice'), hit('Fine')]), snap));
    expect(error).toBeInstanceOf(PushError);
    expect(error.message).toMatch(/^1 finding\(s\) could not be written to the org: r\.a:Profile:Twice: DUPLICATE_EXTERNAL_ID: /);
    const gone = emulator.records('Health_Finding__c').find((row) => row.Finding_Key__c === 'r.a:Profile:Gone');
    expect(gone?.Status__c).toBe('Open');
    expect(emulator.records('Health_Finding__c').some((row) => row.Finding_Key__c === 'r.a:Profile:Fine')).toBe(true);
  });
});
