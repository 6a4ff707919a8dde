import type { Connection } from '@salesforce/core';
import { OrgApi } from '../collectors/api/orgApi';
import { SEVERITIES, type Severity } from '../result';
import { TREND_RUNS } from './compare';
import type { BaselineFinding, BaselineRun, TrendPoint } from './types';
import { jsonText } from '../../lib/json';

type Row = Record<string, unknown>;

const SEVERITY_OF: Record<string, Severity> = Object.fromEntries(SEVERITIES.map((severity) => [severity, severity]));

function str(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : jsonText(value);
}

function point(row: Row): TrendPoint {
  return {
    startedAt: String(row.Run_At__c),
    score: Number(row.Score__c ?? 0),
    grade: jsonText(row.Grade__c),
    counts: {
      critical: Number(row.Critical_Count__c ?? 0),
      high: Number(row.High_Count__c ?? 0),
      medium: Number(row.Medium_Count__c ?? 0),
      low: Number(row.Low_Count__c ?? 0),
      info: Number(row.Info_Count__c ?? 0)
    },
    ...(row.Partial__c === true ? { partial: true } : {})
  };
}

/**
 * The last run pushed to the org for this source (Health_Check_Run__c) and the findings the org still
 * holds open or accepted (Health_Finding__c, each with its First_Detected__c). Must run before this
 * run's own push, which would otherwise be "the last run". Undefined when nothing was pushed yet.
 */
export async function lastPushedRun(connection: Connection, options: { source: string; org: string }): Promise<BaselineRun | undefined> {
  const api = new OrgApi(connection, { org: options.org, minApiBudgetShare: 0, concurrency: 2 });
  const source = options.source.replace(/'/g, '');
  const runs = await api.queryAll(
    'SELECT Id, Run_At__c, Score__c, Grade__c, Critical_Count__c, High_Count__c, Medium_Count__c, Low_Count__c, Info_Count__c, Partial__c' +
      ` FROM Health_Check_Run__c WHERE Source__c = '${source}' ORDER BY Run_At__c DESC LIMIT ${TREND_RUNS}`,
    { what: 'Health_Check_Run__c' }
  );
  if (runs.length === 0) return undefined;
  const rows = await api.queryAll(
    'SELECT Id, Finding_Key__c, Rule_Id__c, Severity__c, Title__c, Component_Type__c, Component_Name__c, First_Detected__c' +
      " FROM Health_Finding__c WHERE Status__c != 'Resolved'",
    { what: 'Health_Finding__c' }
  );
  const [last, ...earlier] = runs.map(point);
  const findings: BaselineFinding[] = rows.map((row) => ({
    key: String(row.Finding_Key__c),
    ruleId: jsonText(row.Rule_Id__c),
    severity: SEVERITY_OF[jsonText(row.Severity__c).toLowerCase()],
    title: str(row.Title__c),
    component: row.Component_Type__c ? { type: jsonText(row.Component_Type__c), name: jsonText(row.Component_Name__c) } : undefined,
    firstSeen: str(row.First_Detected__c) ?? last.startedAt
  }));
  return {
    origin: `the org's last Health_Check_Run__c (${last.startedAt})`,
    ...last,
    findings,
    trend: earlier.reverse()
  };
}
