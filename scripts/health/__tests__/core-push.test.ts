import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { runHealthCheck } from '../engine';
import { PushError, pushResult } from '../push';
import { MetricPushError } from '../metrics/push';
import type { HealthCheckResult } from '../result';
import type { Rule, RuleHit } from '../rules/types';
import type { FindingRecord, OrgSnapshot } from '../snapshot';
import { liveSnapshot } from './core-fixtures';
import { snapshotUser } from './rules-harness';

// The push against the loopback org emulator in this process: the real REST composite API shapes,
// without the sf CLI login (push-e2e covers that path end to end).

const RUN_FIELDS = [
  'Run_Key__c',
  'Org_Id__c',
  'Source__c',
  'Score__c',
  'Grade__c',
  'Critical_Count__c',
  'High_Count__c',
  'Medium_Count__c',
  'Low_Count__c',
  'Info_Count__c',
  'Run_At__c',
  'Tool_Version__c',
  'Partial__c'
];
// The scorecard's object as the package deploys it: every field file in force-app.
const METRIC_FIELDS = [
  'Name',
  ...readdirSync(join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'objects', 'Health_Metric__c', 'fields')).map((file) =>
    file.replace(/\.field-meta\.xml$/, '')
  )
];

const FINDING_FIELDS = [
  'Finding_Key__c',
  'Name',
  'Rule_Id__c',
  'Title__c',
  'Severity__c',
  'Lead__c',
  'Component_Type__c',
  'Component_Name__c',
  'Detail__c',
  'Remediation__c',
  'Location__c',
  'Governance_Area__c',
  'Assigned_To__c',
  'Status__c',
  'Last_Detected__c',
  'Latest_Run__c',
  'First_Detected__c',
  'Resolved_On__c'
];

/** What @salesforce/core's Connection gives push: the API version and request(), errors carrying errorCode as jsforce's do. */
function connectionTo(emulator: RunningEmulator): Connection {
  const connection = {
    getApiVersion: () => '66.0',
    getAuthInfoFields: () => ({ orgId: '00D000000000009AAA' }),
    request: async (request: { method: string; url: string; body?: string; headers?: Record<string, string> }) => {
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

/**
 * The emulator's connection, except that PATCH calls to a path matching `path` are answered with `body`:
 * a save result list as the sObject Collections API gives one (per record: success, and errors with a
 * statusCode and a message).
 */
function answering(base: Connection, path: RegExp, body: unknown): Connection {
  const forward = base.request.bind(base) as (request: { method: string; url: string }) => Promise<unknown>;
  return Object.assign(Object.create(base) as object, {
    request: (request: { method: string; url: string }) =>
      request.method === 'PATCH' && path.test(request.url) ? Promise.resolve(body) : forward(request)
  }) as Connection;
}

function rule(id: string, severity: Rule['severity'], hits: RuleHit[] | 'skip'): Rule {
  return {
    id,
    title: `Rule ${id}`,
    severity,
    lead: 'IT',
    areaKey: 'ACCESS.PERMISSIONS',
    remediation: `Fix ${id}.`,
    references: [],
    controls: {},
    reads: [],
    modes: ['org'],
    evaluate: () => (hits === 'skip' ? { skipped: 'not readable' } : { hits })
  };
}

const hit = (name: string, extra: Partial<RuleHit> = {}): RuleHit => ({
  component: { type: 'Profile', name },
  detail: `${name} is wrong.`,
  ...extra
});

describe('pushResult', () => {
  let emulator: RunningEmulator;
  let connection: Connection;
  const findings = () => emulator.records('Health_Finding__c');
  const finding = (key: string) => findings().find((row) => row.Finding_Key__c === key);

  beforeEach(async () => {
    emulator = await startEmulator({
      dataset: {
        orgId: '00D000000000001AAA',
        user: { id: '005000000000001AAA', username: 'pusher@acme.test', name: 'Pusher', email: 'pusher@acme.test' },
        sobjects: { Health_Finding__c: [], Health_Check_Run__c: [], Health_Metric__c: [] },
        tooling: {},
        fields: { Health_Finding__c: FINDING_FIELDS, Health_Check_Run__c: RUN_FIELDS, Health_Metric__c: METRIC_FIELDS },
        relationships: { Health_Metric__c: { Health_Check_Run__c: 'Health_Check_Run__c' } }
      }
    });
    connection = connectionTo(emulator);
  });
  afterEach(() => emulator.stop());

  const snapshotWith = (extra: Partial<OrgSnapshot> = {}): OrgSnapshot =>
    liveSnapshot({
      users: [snapshotUser('005A', { name: 'Ida Lead' }), snapshotUser('005B', { isActive: false })],
      governanceAreas: [{ id: 'a0A1', areaKey: 'ACCESS.PERMISSIONS', name: 'Permissions', accountableId: '005A' }],
      ...extra
    });
  const resultOf = (snapshot: OrgSnapshot, rules: Rule[]): HealthCheckResult =>
    runHealthCheck(snapshot, { rules, now: new Date('2025-06-30T12:00:00Z') });

  it('writes the run and every finding, assigned to the active Accountable of its area', async () => {
    const snapshot = snapshotWith();
    const result = resultOf(snapshot, [
      rule('r.critical', 'critical', [hit('Admin', { location: { file: 'profiles/Admin.profile-meta.xml', line: 12 } })]),
      rule('r.low', 'low', [hit('N'.repeat(300), { location: { file: 'permissionsets/Long.permissionset-meta.xml' } })])
    ]);
    const summary = await pushResult(connection, result, snapshot);
    expect(summary).toEqual({ runId: expect.stringMatching(/^a/), created: 2, updated: 0, resolved: 0, unassigned: 0, metrics: 7 });

    const [run] = emulator.records('Health_Check_Run__c');
    expect(run).toMatchObject({
      Id: summary.runId,
      Run_Key__c: '00D000000000001:org:2025-06-30',
      Org_Id__c: '00D000000000001',
      Source__c: 'org',
      Score__c: result.score,
      Grade__c: result.grade,
      Critical_Count__c: 1,
      High_Count__c: 0,
      Medium_Count__c: 0,
      Low_Count__c: 1,
      Info_Count__c: 0,
      Run_At__c: '2025-06-30T12:00:00.000Z',
      Tool_Version__c: result.toolVersion,
      Partial__c: false
    });
    expect(finding('r.critical:Profile:Admin')).toMatchObject({
      Name: 'Rule r.critical',
      Rule_Id__c: 'r.critical',
      Title__c: 'Rule r.critical',
      Severity__c: 'Critical',
      Lead__c: 'IT',
      Component_Type__c: 'Profile',
      Component_Name__c: 'Admin',
      Detail__c: 'Admin is wrong.',
      Remediation__c: 'Fix r.critical.',
      Location__c: 'profiles/Admin.profile-meta.xml:12',
      Governance_Area__c: 'a0A1',
      Assigned_To__c: '005A',
      Status__c: 'Open',
      Latest_Run__c: summary.runId,
      Resolved_On__c: null
    });
    const long = finding(`r.low:Profile:${'N'.repeat(300)}`);
    expect(long?.Severity__c).toBe('Low');
    expect(long?.Location__c).toBe('permissionsets/Long.permissionset-meta.xml');
    // Text fields keep to their lengths: the last character says it was cut.
    expect(long?.Component_Name__c).toBe(`${'N'.repeat(254)}…`);
    expect(String(long?.First_Detected__c)).toBe(String(long?.Last_Detected__c));
  });

  it('pushes unassigned when the area has no active Accountable, and an accepted finding as Risk Accepted', async () => {
    const snapshot = snapshotWith({
      governanceAreas: [{ id: 'a0A1', areaKey: 'ACCESS.PERMISSIONS', name: 'Permissions', accountableId: '005B' }]
    });
    const result = resultOf(snapshot, [rule('r.high', 'high', [hit('Ops')]), rule('r.medium', 'medium', [hit('Sales')])]);
    result.findings[1] = { ...result.findings[1], status: 'accepted' };
    const summary = await pushResult(connection, result, snapshot);
    expect(summary.unassigned).toBe(2);
    expect(finding('r.high:Profile:Ops')).toMatchObject({
      Assigned_To__c: null,
      Severity__c: 'High',
      Status__c: 'Open',
      Location__c: null
    });
    expect(finding('r.medium:Profile:Sales')).toMatchObject({ Severity__c: 'Medium', Status__c: 'Risk Accepted' });
  });

  it('pushing twice updates, keeps the first detection, and resolves what a rule that ran no longer finds', async () => {
    const first = snapshotWith({ findings: undefined });
    await pushResult(
      connection,
      resultOf(first, [rule('r.a', 'high', [hit('One'), hit('Two')]), rule('r.b', 'info', [hit('Three')])]),
      first
    );
    const detected = finding('r.a:Profile:One')?.First_Detected__c;
    await new Promise((resolve) => setTimeout(resolve, 5));

    // Read back from the org (snapshot.findings unknown): One is still found, Two is gone, r.b was skipped.
    const second = snapshotWith({ findings: undefined });
    const summary = await pushResult(
      connection,
      resultOf(second, [rule('r.a', 'high', [hit('One')]), rule('r.b', 'info', 'skip')]),
      second
    );
    expect(summary).toMatchObject({ created: 0, updated: 1, resolved: 1 });
    expect(finding('r.a:Profile:One')).toMatchObject({ Status__c: 'Open', First_Detected__c: detected, Resolved_On__c: null });
    expect(String(finding('r.a:Profile:One')?.Last_Detected__c) > String(detected)).toBe(true);
    expect(finding('r.a:Profile:Two')).toMatchObject({ Status__c: 'Resolved', Latest_Run__c: summary.runId });
    expect(finding('r.a:Profile:Two')?.Resolved_On__c).toEqual(expect.any(String));
    // A skipped rule saw nothing: its finding stays open.
    expect(finding('r.b:Profile:Three')?.Status__c).toBe('Open');

    // Found again after being resolved: it starts over.
    const third = snapshotWith({ findings: undefined });
    const again = await pushResult(
      connection,
      resultOf(third, [rule('r.a', 'high', [hit('One'), hit('Two')]), rule('r.b', 'info', 'skip')]),
      third
    );
    expect(again).toMatchObject({ created: 0, updated: 2, resolved: 0 });
    const reopened = finding('r.a:Profile:Two');
    expect(reopened).toMatchObject({ Status__c: 'Open', Resolved_On__c: null });
    expect(String(reopened?.First_Detected__c) > String(detected)).toBe(true);
    expect(finding('r.a:Profile:One')?.First_Detected__c).toBe(detected);
  });

  it('a partial run resolves nothing', async () => {
    const first = snapshotWith({ findings: undefined });
    await pushResult(connection, resultOf(first, [rule('r.a', 'high', [hit('One')])]), first);
    const partial = snapshotWith({ findings: undefined, partial: { reason: 'API budget' } });
    const summary = await pushResult(connection, resultOf(partial, [rule('r.a', 'high', [])]), partial);
    expect(summary.resolved).toBe(0);
    expect(finding('r.a:Profile:One')?.Status__c).toBe('Open');
    const partialResult = resultOf(snapshotWith(), [rule('r.a', 'high', [])]);
    expect(
      await pushResult(connection, { ...partialResult, partial: { reason: 'stopped' } }, snapshotWith({ findings: undefined }))
    ).toMatchObject({
      resolved: 0
    });
    expect(emulator.records('Health_Check_Run__c').map((run) => run.Partial__c)).toEqual([true]);
  });

  it('uses the findings the snapshot already read instead of querying again', async () => {
    const known: FindingRecord[] = [
      { id: 'a0F000000000001', findingKey: 'r.a:Profile:Gone', ruleId: 'r.a', status: 'Open' },
      { id: 'a0F000000000002', findingKey: 'r.a:Profile:Done', ruleId: 'r.a', status: 'Resolved' }
    ];
    emulator.calls.reset();
    const snapshot = snapshotWith({ findings: known });
    // The first id does not exist in this org: resolving it fails, and says which finding.
    await expect(pushResult(connection, resultOf(snapshot, [rule('r.a', 'high', [])]), snapshot)).rejects.toThrow(
      /^1 finding\(s\) could not be written to the org: r\.a:Profile:Gone: entity is deleted or does not exist: a0F000000000001$/
    );
    expect(emulator.calls.byKind.query).toBe(0);
  });

  it('fails naming at most five findings', async () => {
    // An org where Detail__c is not deployed yet refuses every finding, each with its error.
    await emulator.stop();
    emulator = await startEmulator({
      dataset: {
        orgId: '00D000000000001AAA',
        user: { id: '005000000000001AAA', username: 'pusher@acme.test', name: 'Pusher', email: 'pusher@acme.test' },
        sobjects: { Health_Finding__c: [], Health_Check_Run__c: [] },
        tooling: {},
        fields: { Health_Finding__c: FINDING_FIELDS.filter((field) => field !== 'Detail__c'), Health_Check_Run__c: RUN_FIELDS }
      }
    });
    const snapshot = snapshotWith();
    const result = resultOf(snapshot, [
      rule(
        'r.a',
        'high',
        Array.from({ length: 7 }, (_, index) => hit(`P${index}`))
      )
    ]);
    const error = await pushResult(connectionTo(emulator), result, snapshot).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PushError);
    const message = (error as PushError).message;
    expect(message).toMatch(
      /^7 finding\(s\) could not be written to the org: r\.a:Profile:P0: INVALID_FIELD: No such column 'Detail__c' on sobject of type Health_Finding__c; /
    );
    expect(message.match(/r\.a:Profile:P\d/g)).toEqual([
      'r.a:Profile:P0',
      'r.a:Profile:P1',
      'r.a:Profile:P2',
      'r.a:Profile:P3',
      'r.a:Profile:P4'
    ]);
    expect(message.endsWith('Health_Finding__c; ...')).toBe(true);
    expect((error as PushError).actions[0]).toMatch(/Ownership_Console_Health_Runner/);
    expect(findings()).toEqual([]);
  });
  it('writes more findings than one request holds in requests of 200 (the composite API limit), every one of them', async () => {
    const snapshot = snapshotWith();
    const result = resultOf(snapshot, [
      rule(
        'r.many',
        'medium',
        Array.from({ length: 201 }, (_, index) => hit(`M${index}`))
      )
    ]);
    emulator.calls.reset();
    expect(await pushResult(connection, result, snapshot)).toMatchObject({ created: 201, updated: 0 });
    expect(findings()).toHaveLength(201);
    // One run upsert, two finding upserts (200, then 1) and the run's metrics in one more.
    expect(emulator.calls.byKind.composite).toBe(4);
  });

  it('keeps text that fits its field whole: 255 characters stay 255, 256 are cut to 254 and an ellipsis', async () => {
    const snapshot = snapshotWith();
    const title = 'T'.repeat(80);
    const result = resultOf(snapshot, [{ ...rule('r.fit', 'low', [hit('F'.repeat(255)), hit('G'.repeat(256))]), title }]);
    await pushResult(connection, result, snapshot);
    expect(finding(`r.fit:Profile:${'F'.repeat(255)}`)).toMatchObject({ Component_Name__c: 'F'.repeat(255), Name: title, Title__c: title });
    expect(finding(`r.fit:Profile:${'G'.repeat(256)}`)?.Component_Name__c).toBe(`${'G'.repeat(254)}…`);
    const longer = resultOf(snapshot, [{ ...rule('r.long', 'low', [hit('H')]), title: 'L'.repeat(81) }]);
    await pushResult(connection, longer, snapshot);
    expect(finding('r.long:Profile:H')).toMatchObject({ Name: `${'L'.repeat(79)}…`, Title__c: 'L'.repeat(81) });
  });

  it('names all of exactly five failed findings, with nothing left unsaid', async () => {
    await emulator.stop();
    emulator = await startEmulator({
      dataset: {
        orgId: '00D000000000001AAA',
        user: { id: '005000000000001AAA', username: 'pusher@acme.test', name: 'Pusher', email: 'pusher@acme.test' },
        sobjects: { Health_Finding__c: [], Health_Check_Run__c: [] },
        tooling: {},
        fields: { Health_Finding__c: FINDING_FIELDS.filter((field) => field !== 'Detail__c'), Health_Check_Run__c: RUN_FIELDS }
      }
    });
    const snapshot = snapshotWith();
    const result = resultOf(snapshot, [
      rule(
        'r.a',
        'high',
        Array.from({ length: 5 }, (_, index) => hit(`P${index}`))
      )
    ]);
    const error = (await pushResult(connectionTo(emulator), result, snapshot).catch((caught: unknown) => caught)) as PushError;
    expect(error.name).toBe('PushError');
    expect(error.message).toMatch(/^5 finding\(s\) could not be written to the org: /);
    expect(error.message.match(/r\.a:Profile:P\d/g)).toHaveLength(5);
    expect(error.message.endsWith('Health_Finding__c')).toBe(true);
  });

  it('stops before any finding when the org refuses the run itself, naming the run', async () => {
    await emulator.stop();
    emulator = await startEmulator({
      dataset: {
        orgId: '00D000000000001AAA',
        user: { id: '005000000000001AAA', username: 'pusher@acme.test', name: 'Pusher', email: 'pusher@acme.test' },
        sobjects: { Health_Finding__c: [], Health_Check_Run__c: [] },
        tooling: {},
        fields: { Health_Finding__c: FINDING_FIELDS, Health_Check_Run__c: RUN_FIELDS.filter((field) => field !== 'Score__c') }
      }
    });
    const snapshot = snapshotWith();
    const result = resultOf(snapshot, [rule('r.a', 'high', [hit('One')])]);
    const error = (await pushResult(connectionTo(emulator), result, snapshot).catch((caught: unknown) => caught)) as PushError;
    expect(error).toBeInstanceOf(PushError);
    expect(error.message).toMatch(/^1 finding\(s\) could not be written to the org: Health_Check_Run__c: .*Score__c/);
    expect(findings()).toEqual([]);
  });

  describe('a write the org answers record by record', () => {
    const failure = (...messages: Array<[string, string]>) => ({
      success: false,
      errors: messages.map(([statusCode, message]) => ({ statusCode, message, fields: [] }))
    });
    const pushing = async (answer: Connection, rules: Rule[]) => {
      // The findings read back from the org, as a live run does.
      const snapshot = snapshotWith({ findings: undefined });
      return (await pushResult(answer, resultOf(snapshot, rules), snapshot).catch((caught: unknown) => caught)) as Error;
    };

    it('names the run when its upsert comes back without a result', async () => {
      const error = await pushing(answering(connection, /Health_Check_Run__c\/Run_Key__c$/, []), [rule('r.a', 'high', [hit('One')])]);
      expect(error).toBeInstanceOf(PushError);
      expect(error.message).toBe('1 finding(s) could not be written to the org: Health_Check_Run__c: no result');
      expect(findings()).toEqual([]);
    });

    it('gives every error of a refused run, in order', async () => {
      const refused = [failure(['FIELD_INTEGRITY_EXCEPTION', 'first'], ['INVALID_FIELD', 'second'])];
      const error = await pushing(answering(connection, /Health_Check_Run__c\/Run_Key__c$/, refused), [rule('r.a', 'high', [hit('One')])]);
      expect(error.message).toBe('1 finding(s) could not be written to the org: Health_Check_Run__c: first, second');
    });

    it('gives each refused finding its errors with their status codes, or says nothing was said', async () => {
      const refused = [failure(['REQUIRED_FIELD_MISSING', 'one'], ['STRING_TOO_LONG', 'two']), { success: false }];
      const error = await pushing(answering(connection, /Health_Finding__c\/Finding_Key__c$/, refused), [
        rule('r.a', 'high', [hit('One'), hit('Two')])
      ]);
      expect(error).toBeInstanceOf(PushError);
      expect(error.message).toMatch(
        /^2 finding\(s\) could not be written to the org: \S+: REQUIRED_FIELD_MISSING: one, STRING_TOO_LONG: two; \S+: unknown error$/
      );
    });

    it('gives each finding it could not resolve its errors, or says nothing was said', async () => {
      const snapshot = snapshotWith({ findings: undefined });
      await pushResult(connection, resultOf(snapshot, [rule('r.a', 'high', [hit('One'), hit('Two')])]), snapshot);
      const refused = [failure(['ENTITY_IS_LOCKED', 'locked'], ['UNABLE_TO_LOCK_ROW', 'busy']), { success: false }];
      // The rule ran and found nothing: both findings are to be resolved, and the org refuses both.
      const error = await pushing(answering(connection, /\/composite\/sobjects$/, refused), [rule('r.a', 'high', [])]);
      expect(error).toBeInstanceOf(PushError);
      expect(error.message).toMatch(/^2 finding\(s\) could not be written to the org: \S+: locked, busy; \S+: unknown error$/);
      expect(findings().map((row) => row.Status__c)).toEqual(['Open', 'Open']);
    });

    it("stops with a named error when the run's metrics are refused, after the findings are written", async () => {
      const error = await pushing(answering(connection, /Health_Metric__c\/Metric_Key__c$/, []), [rule('r.a', 'high', [hit('One')])]);
      expect(error).toBeInstanceOf(MetricPushError);
      expect(error.message).toMatch(/^The findings were written, but 7 metric\(s\) could not be: /);
      expect(findings()).toHaveLength(1);
    });
  });
});
