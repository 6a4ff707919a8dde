import { ConsoleError } from '../../lib/errors';
import type { Metric } from './compute';

/** The part of the org API the metric push needs (OrgApi's request), so a test can hand it a recorder. */
export type MetricWriter = {
  request<T>(kind: 'composite', method: 'PATCH', path: string, body: unknown, what: string): Promise<T>;
};

type SaveResult = { id?: string; success: boolean; created?: boolean; errors?: Array<{ statusCode?: string; message?: string }> };

/** Health_Metric__c.Computed_From__c is a LongTextArea(32768). */
const BASIS_LENGTH = 32_768;

/** `<Run_Key__c>:<metric id>`: the run's key is one a day per source, so a push repeated that day updates its metrics. */
export function metricKey(runKey: string, metricId: string): string {
  return `${runKey}:${metricId}`;
}

/** One Health_Metric__c per metric of the run, keyed for an upsert; a metric without data keeps its value empty, never 0. */
export function metricRecords(metrics: Metric[], runId: string, runKey: string): Array<Record<string, unknown>> {
  return metrics.map((metric) => ({
    attributes: { type: 'Health_Metric__c' },
    Metric_Key__c: metricKey(runKey, metric.id),
    Health_Check_Run__c: runId,
    Metric_Id__c: metric.id,
    Value__c: metric.value,
    Target__c: metric.target,
    Unit__c: metric.unit,
    Status__c: metric.status,
    Computed_From__c: metric.basis.length > BASIS_LENGTH ? `${metric.basis.slice(0, BASIS_LENGTH - 1)}…` : metric.basis
  }));
}

export type MetricPushOutcome = { written: number; failures: Array<{ key: string; message: string }> };

/**
 * Upserts the run's metrics by Metric_Key__c in one call (seven metrics, far under the 200-record
 * limit of sObject Collections). Each record stands alone (allOrNone false): a refused metric is
 * reported by its key and the caller decides; nothing here deletes or resolves anything, so running
 * it again after a failure only completes what is missing.
 */
export async function pushMetrics(api: MetricWriter, metrics: Metric[], runId: string, runKey: string): Promise<MetricPushOutcome> {
  if (metrics.length === 0) return { written: 0, failures: [] };
  const records = metricRecords(metrics, runId, runKey);
  const results = await api.request<SaveResult[]>(
    'composite',
    'PATCH',
    '/composite/sobjects/Health_Metric__c/Metric_Key__c',
    { allOrNone: false, records },
    'the Health_Metric__c upsert'
  );
  const failures: MetricPushOutcome['failures'] = [];
  let written = 0;
  records.forEach((record, i) => {
    const saved = results[i];
    if (saved?.success) written += 1;
    else
      failures.push({
        key: String(record.Metric_Key__c),
        message: saved?.errors?.map((error) => `${error.statusCode}: ${error.message}`).join(', ') ?? 'no result'
      });
  });
  return { written, failures };
}

export class MetricPushError extends ConsoleError {
  public constructor(failures: MetricPushOutcome['failures']) {
    const shown = failures.slice(0, 5).map((failure) => `${failure.key}: ${failure.message}`);
    super(
      'MetricPushError',
      `The findings were written, but ${failures.length} metric(s) could not be: ${shown.join('; ')}${failures.length > 5 ? '; ...' : ''}`,
      [
        'Check that the pushing user has the Ownership_Console_Health_Runner permission set (create and edit on Health_Metric__c) and that Health_Metric__c is deployed, then run the health check with --push again: pushes are idempotent.'
      ]
    );
  }
}
