import { loadDataset } from '../../../emulator/datasets';
import { loadObjects, picklistValues } from '../../../metadata/metadataModel';
import { STACK_LINE, startLiveOrg, type LiveOrg } from '../../../test-support/liveOrg';
import type { HealthCheckResult } from '../../result';
import type { Metric } from '../compute';
import { metricKey, metricRecords, pushMetrics, type MetricWriter } from '../push';

jest.setTimeout(180_000);

const METRICS: Metric[] = [
  { id: 'mttd-hours', value: 120, unit: 'hours', target: 24, status: 'missed', basis: '2 security findings' },
  { id: 'forecast-accuracy', value: null, unit: 'ratio', target: 0.85, status: 'no-data', basis: 'no closed quarter' },
  { id: 'deploy-frequency-per-week', value: 1.56, unit: 'per-week', target: 1, status: 'met', basis: 'x'.repeat(40_000) }
];

/** Records what it is asked to write and answers as sObject Collections does, refusing the keys it is told to. */
function recorder(refuse: string[] = []) {
  const calls: Array<{ path: string; body: { allOrNone: boolean; records: Array<Record<string, unknown>> } }> = [];
  const writer: MetricWriter = {
    request: <T>(_kind: string, _method: string, path: string, body: unknown) => {
      const typed = body as (typeof calls)[number]['body'];
      calls.push({ path, body: typed });
      return Promise.resolve(
        typed.records.map((record) =>
          refuse.includes(String(record.Metric_Key__c))
            ? { success: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'No such column' }] }
            : { id: 'a0M000000000001AAA', success: true, created: true }
        ) as T
      );
    }
  };
  return { calls, writer };
}

describe('Health_Metric__c records of a run', () => {
  const object = loadObjects().get('Health_Metric__c')!;

  it('name only fields the deployed object has, with picklist values it accepts', () => {
    const records = metricRecords(METRICS, 'a06000000000001AAA', '00D:org:2026-11-23');
    for (const record of records) {
      const { attributes, ...fields } = record;
      expect(attributes).toEqual({ type: 'Health_Metric__c' });
      for (const field of Object.keys(fields)) expect({ field, deployed: object.fields.has(field) }).toEqual({ field, deployed: true });
      expect(picklistValues(object.fields.get('Unit__c')!)).toContain(record.Unit__c);
      expect(picklistValues(object.fields.get('Status__c')!)).toContain(record.Status__c);
    }
    const key = object.fields.get('Metric_Key__c')!;
    expect(key.externalId).toBe('true');
    expect(key.unique).toBe('true');
    expect(object.fields.get('Health_Check_Run__c')!.type).toBe('MasterDetail');
  });

  it('carry value, target, unit, status and basis; a metric without data stays empty, never 0', () => {
    const [mttd, forecast, deploys] = metricRecords(METRICS, 'a06000000000001AAA', '00D:org:2026-11-23');
    expect(mttd).toMatchObject({
      Metric_Key__c: '00D:org:2026-11-23:mttd-hours',
      Health_Check_Run__c: 'a06000000000001AAA',
      Metric_Id__c: 'mttd-hours',
      Value__c: 120,
      Target__c: 24,
      Unit__c: 'hours',
      Status__c: 'missed',
      Computed_From__c: '2 security findings'
    });
    expect(forecast.Value__c).toBeNull();
    expect(forecast.Status__c).toBe('no-data');
    // Computed_From__c is a LongTextArea(32768): a longer basis is cut, not refused.
    expect(String(deploys.Computed_From__c)).toHaveLength(Number((object.fields.get('Computed_From__c') as { length?: string }).length));
    expect(String(deploys.Computed_From__c).endsWith('…')).toBe(true);
  });

  it('are upserted by Metric_Key__c in one call, each standing alone; a refused one is named by its key', async () => {
    const refused = metricKey('00D:org:2026-11-23', 'forecast-accuracy');
    const { calls, writer } = recorder([refused]);
    const outcome = await pushMetrics(writer, METRICS, 'a06000000000001AAA', '00D:org:2026-11-23');
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe('/composite/sobjects/Health_Metric__c/Metric_Key__c');
    expect(calls[0].body.allOrNone).toBe(false);
    expect(calls[0].body.records).toHaveLength(3);
    expect(outcome.written).toBe(2);
    expect(outcome.failures).toEqual([{ key: refused, message: 'INVALID_FIELD: No such column' }]);
  });

  it('make no call for a run without metrics', async () => {
    const { calls, writer } = recorder();
    expect(await pushMetrics(writer, [], 'a06000000000001AAA', 'k')).toEqual({ written: 0, failures: [] });
    expect(calls).toEqual([]);
  });
});

type Envelope = { status: number; result?: HealthCheckResult; name?: string; message?: string; actions?: string[] };

describe('--push writes the run metrics into the emulated org', () => {
  let org: LiveOrg;
  const push = async () => {
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--push', '--json']);
    return { code: output.code, envelope: JSON.parse(output.stdout) as Envelope, text: output.stdout + output.stderr };
  };
  const metrics = () => org.emulator.records('Health_Metric__c');

  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
  });
  afterAll(() => org?.stop());

  it('one Health_Metric__c per metric of the result, child of the pushed run', async () => {
    expect(metrics()).toEqual([]);
    const { code, envelope } = await push();
    expect(code).toBe(0);
    const result = envelope.result!;
    expect(result.metrics!.length).toBe(7);
    expect(result.push!.metrics).toBe(7);
    const run = org.emulator.records('Health_Check_Run__c').find((record) => record.Id === result.push!.runId)!;
    expect(metrics()).toHaveLength(7);
    for (const metric of result.metrics!) {
      const stored = metrics().find((record) => record.Metric_Id__c === metric.id)!;
      expect(stored).toMatchObject({
        Health_Check_Run__c: run.Id,
        Metric_Key__c: `${String(run.Run_Key__c)}:${metric.id}`,
        Value__c: metric.value,
        Target__c: metric.target,
        Unit__c: metric.unit,
        Status__c: metric.status,
        Computed_From__c: metric.basis
      });
    }
  });

  it('updates the same records when pushed again the same day, with the new targets', async () => {
    const ids = metrics()
      .map((record) => record.Id)
      .sort();
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--push', '--json', '--targets', 'mttd-hours=200']);
    const envelope = JSON.parse(output.stdout) as Envelope;
    expect(envelope.result!.push!.metrics).toBe(7);
    expect(
      metrics()
        .map((record) => record.Id)
        .sort()
    ).toEqual(ids);
    const mttd = metrics().find((record) => record.Metric_Id__c === 'mttd-hours')!;
    expect(mttd.Target__c).toBe(200);
    expect(mttd.Status__c).toBe(envelope.result!.metrics!.find((metric) => metric.id === 'mttd-hours')!.status);
  });

  it('says in the table how many metrics went into the scorecard', async () => {
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--push']);
    expect(output.stdout).toMatch(/^Pushed to the org: run \w+; .+; 7 metrics for the scorecard$/m);
    expect(metrics()).toHaveLength(7);
  });
});

describe('--push where the runner cannot see a Health_Metric__c field', () => {
  let org: LiveOrg;
  afterAll(() => org?.stop());

  it('fails by name after the findings are written, and says what to grant', async () => {
    // Field-level security: describe leaves the field out and a write naming it is refused record by record.
    org = await startLiveOrg({ dataset: { ...loadDataset('acme'), hiddenFields: { Health_Metric__c: ['Computed_From__c'] } } });
    const startedAt = new Date().toISOString();
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--push', '--json']);
    const envelope = JSON.parse(output.stdout) as Envelope;
    expect(output.code).toBe(1);
    expect(envelope.name).toBe('MetricPushError');
    expect(envelope.message).toMatch(/7 metric\(s\) could not be: .+:mttd-hours: INVALID_FIELD/);
    expect(envelope.actions!.join(' ')).toMatch(/Ownership_Console_Health_Runner/);
    expect(output.stdout + output.stderr).not.toMatch(STACK_LINE);
    expect(org.emulator.records('Health_Metric__c')).toEqual([]);
    // The findings went in before the metrics: the push only lacks its scorecard.
    const detectedNow = org.emulator.records('Health_Finding__c').filter((row) => String(row.Last_Detected__c) >= startedAt);
    expect(detectedNow.length).toBeGreaterThan(30);
  });
});
