import type { Connection } from '@salesforce/core';
import { ConsoleError } from '../lib/errors';
import { jsonText } from '../lib/json';
import { OrgApi } from './collectors/api/orgApi';
import { MetricPushError, pushMetrics } from './metrics/push';
import type { Finding, HealthCheckResult, PushSummary, Severity } from './result';
import type { OrgSnapshot } from './snapshot';

const CHUNK = 200;
const SEVERITY_VALUE: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

type SaveResult = { id?: string; success: boolean; created?: boolean; errors?: Array<{ statusCode?: string; message?: string }> };
type Existing = { id: string; findingKey: string; ruleId: string; status: string; firstDetected?: string };

export class PushError extends ConsoleError {
  public constructor(failures: Array<{ key: string; message: string }>) {
    const shown = failures.slice(0, 5).map((failure) => `${failure.key}: ${failure.message}`);
    super(
      'PushError',
      `${failures.length} finding(s) could not be written to the org: ${shown.join('; ')}${failures.length > 5 ? '; ...' : ''}`,
      [
        'Check that the pushing user has the Ownership_Console_Health_Runner permission set, then run the health check with --push again: pushes are idempotent.'
      ]
    );
  }
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function locationOf(finding: Finding): string | null {
  if (!finding.location) return null;
  return truncate(finding.location.line ? `${finding.location.file}:${finding.location.line}` : finding.location.file, 255);
}

async function existingFindings(api: OrgApi, snapshot: OrgSnapshot): Promise<Existing[]> {
  if (snapshot.findings) {
    return snapshot.findings.map((finding) => ({
      id: finding.id,
      findingKey: finding.findingKey,
      ruleId: finding.ruleId,
      status: finding.status,
      firstDetected: finding.firstDetected
    }));
  }
  const rows = await api.queryAll('SELECT Id, Finding_Key__c, Rule_Id__c, Status__c, First_Detected__c FROM Health_Finding__c', {
    what: 'Health_Finding__c'
  });
  return rows.map((row) => ({
    id: String(row.Id),
    findingKey: String(row.Finding_Key__c),
    ruleId: jsonText(row.Rule_Id__c),
    status: jsonText(row.Status__c),
    firstDetected: row.First_Detected__c ? jsonText(row.First_Detected__c) : undefined
  }));
}

/**
 * Writes a run and its findings into the org. Findings are upserted by Finding_Key__c before anything
 * is resolved, so a push cut off halfway leaves no duplicate and resolves nothing; the next push
 * completes it. A finding absent from a complete run becomes Resolved; a partial run resolves nothing.
 */
export async function pushResult(
  connection: Connection,
  result: HealthCheckResult,
  snapshot: OrgSnapshot,
  limits: { callTimeoutMs?: number; deadlineAt?: number } = {}
): Promise<PushSummary> {
  const api = new OrgApi(connection, { org: snapshot.username ?? 'the org', minApiBudgetShare: 0, concurrency: 2, ...limits });
  const now = new Date().toISOString();
  const orgId = snapshot.orgId ?? connection.getAuthInfoFields().orgId ?? 'unknown';

  const areas = new Map((snapshot.governanceAreas ?? []).map((area) => [area.areaKey, area]));
  const activeUsers = new Set((snapshot.users ?? []).filter((user) => user.isActive).map((user) => user.id));
  const existing = new Map((await existingFindings(api, snapshot)).map((finding) => [finding.findingKey, finding]));
  const runKey = `${orgId}:${result.source}:${result.startedAt.slice(0, 10)}`;

  const [run] = await api.request<SaveResult[]>(
    'composite',
    'PATCH',
    '/composite/sobjects/Health_Check_Run__c/Run_Key__c',
    {
      allOrNone: true,
      records: [
        {
          attributes: { type: 'Health_Check_Run__c' },
          Run_Key__c: runKey,
          Org_Id__c: orgId,
          Source__c: result.source,
          Score__c: result.score,
          Grade__c: result.grade,
          Critical_Count__c: result.counts.critical,
          High_Count__c: result.counts.high,
          Medium_Count__c: result.counts.medium,
          Low_Count__c: result.counts.low,
          Info_Count__c: result.counts.info,
          Run_At__c: result.startedAt,
          Tool_Version__c: result.toolVersion,
          Partial__c: Boolean(result.partial ?? snapshot.partial)
        }
      ]
    },
    'the Health_Check_Run__c upsert'
  );
  if (!run?.success || !run.id)
    throw new PushError([{ key: 'Health_Check_Run__c', message: run?.errors?.map((error) => error.message).join(', ') ?? 'no result' }]);

  let unassigned = 0;
  const records = result.findings.map((finding) => {
    const area = areas.get(finding.areaKey);
    const assignee = area?.accountableId && activeUsers.has(area.accountableId) ? area.accountableId : null;
    if (!assignee) unassigned += 1;
    const previous = existing.get(finding.key);
    const reopened = !previous || previous.status === 'Resolved';
    return {
      attributes: { type: 'Health_Finding__c' },
      Finding_Key__c: finding.key,
      Name: truncate(finding.title, 80),
      Rule_Id__c: finding.ruleId,
      Title__c: truncate(finding.title, 255),
      Severity__c: SEVERITY_VALUE[finding.severity],
      Lead__c: finding.lead,
      Component_Type__c: truncate(finding.component.type, 80),
      Component_Name__c: truncate(finding.component.name, 255),
      Detail__c: finding.detail,
      Remediation__c: finding.remediation,
      Location__c: locationOf(finding),
      Governance_Area__c: area?.id ?? null,
      Assigned_To__c: assignee,
      Status__c: finding.status === 'accepted' ? 'Risk Accepted' : 'Open',
      Last_Detected__c: now,
      Latest_Run__c: run.id,
      // First detection is kept across runs; a finding that comes back after being resolved starts again.
      ...(reopened ? { First_Detected__c: now, Resolved_On__c: null } : {})
    };
  });

  let created = 0;
  let updated = 0;
  const failures: Array<{ key: string; message: string }> = [];
  for (const chunk of chunks(records)) {
    const results = await api.request<SaveResult[]>(
      'composite',
      'PATCH',
      '/composite/sobjects/Health_Finding__c/Finding_Key__c',
      { allOrNone: false, records: chunk },
      'the Health_Finding__c upsert'
    );
    results.forEach((saved, i) => {
      if (saved.success) {
        if (saved.created) created += 1;
        else updated += 1;
      } else {
        failures.push({
          key: chunk[i].Finding_Key__c,
          message: saved.errors?.map((error) => `${error.statusCode}: ${error.message}`).join(', ') ?? 'unknown error'
        });
      }
    });
  }
  if (failures.length > 0) throw new PushError(failures);

  let resolved = 0;
  if (!result.partial && !snapshot.partial) {
    const seen = new Set(result.findings.map((finding) => finding.key));
    // Only a rule that ran can clear its findings: a skipped rule saw nothing, so its open findings stay open.
    const ran = new Set(result.rules.filter((rule) => rule.status !== 'skipped').map((rule) => rule.id));
    const stale = [...existing.values()].filter(
      (finding) => finding.status !== 'Resolved' && !seen.has(finding.findingKey) && ran.has(finding.ruleId)
    );
    for (const chunk of chunks(stale)) {
      const results = await api.request<SaveResult[]>(
        'composite',
        'PATCH',
        '/composite/sobjects',
        {
          allOrNone: false,
          records: chunk.map((finding) => ({
            attributes: { type: 'Health_Finding__c' },
            Id: finding.id,
            Status__c: 'Resolved',
            Resolved_On__c: now,
            Latest_Run__c: run.id
          }))
        },
        'resolving Health_Finding__c'
      );
      results.forEach((saved, i) => {
        if (saved.success) resolved += 1;
        else
          failures.push({ key: chunk[i].findingKey, message: saved.errors?.map((error) => error.message).join(', ') ?? 'unknown error' });
      });
    }
    if (failures.length > 0) throw new PushError(failures);
  }
  // The scorecard's history: the run's metrics as its children, last, so a failure here leaves the findings complete.
  const metrics = await pushMetrics(api, result.metrics ?? [], run.id, runKey);
  if (metrics.failures.length > 0) throw new MetricPushError(metrics.failures);
  return { runId: run.id, created, updated, resolved, unassigned, metrics: metrics.written };
}
