import type {
  AiComponent,
  CustomFieldInfo,
  DashboardInfo,
  DeploymentRecord,
  ForecastQuarter,
  OpportunityStageInfo,
  OrgSnapshot,
  SnapshotPart,
  ValidationRuleInfo
} from '../snapshot';
import { CollectionStopped, type OrgApi, type SObjectRecord } from './api/orgApi';
import type { Declaration } from './org/declare';
import { CHANGE_REQUEST, GOVERNANCE_REVIEW, INCIDENT_RUNBOOK } from './org/governance';
import type { Reader } from './org/reader';
import { jsonText } from '../../lib/json';

/**
 * Live collection of what the operating model measures: the Ownership Console's cadence, backlog
 * and runbook objects, the org's deployments (Tooling DeployRequest), opportunity history for the
 * forecast, field classification (FieldDefinition), validation rules, dashboards, opportunity
 * stages and the AI configuration (agents and planners). Each part that cannot be read is marked
 * unavailable with the object, the error and what to grant, so only the rules reading it skip.
 */

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : undefined;

/** Standard objects whose custom fields hold people's data and revenue process; FieldDefinition is read per object. */
const FIELD_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'];
const QUARTERS_BACK = 4;

type Part = SnapshotPart & keyof OrgSnapshot;
/** What the operating model's reads start from: the run's time, its unavailable parts, the integrations read. */
export type OperatingModelContext = Pick<OrgSnapshot, 'takenAt' | 'unavailable' | 'integrations'>;

/** Reads the operating model's parts; the integrations given get their on-call users. Answers the parts read. */
export async function collectOperatingModel(
  reader: Reader,
  context: OperatingModelContext,
  progress: (message: string) => void = () => undefined
): Promise<Partial<OrgSnapshot>> {
  const { api } = reader;
  const snapshot: Partial<OrgSnapshot> & OperatingModelContext = { ...context };
  /** Reads one part through the collector's reader: a failure marks only that part, an expired login ends the run. */
  const read = async <T>(part: Part, object: string, grant: string, run: () => Promise<T>): Promise<T | undefined> => {
    const value = await reader.attempt({ object, parts: [part], grant }, run);
    if (value !== undefined) progress(`Read ${part}`);
    return value;
  };
  /** Whether the org has the object (describe answers); a missing object is reported by the caller. */
  const has = (object: string) =>
    api.describeFields(object).then(
      (fields) => fields,
      (error: unknown) => {
        if (error instanceof CollectionStopped) throw error;
        return undefined;
      }
    );
  const consoleObject = async <T>(declaration: Declaration<T>): Promise<void> => {
    const [part] = declaration.parts as Part[];
    if (snapshot.unavailable.governanceAreas) {
      snapshot.unavailable[part] = snapshot.unavailable.governanceAreas;
      return;
    }
    const rows = await read(part, declaration.object, declaration.grant, async () => {
      if (!(await has(declaration.object)))
        throw new Error(`${declaration.object} is not deployed in this org; npm run org:setup deploys it`);
      return reader.rows(declaration);
    });
    if (rows) (snapshot as Record<string, unknown>)[part] = rows;
  };

  await Promise.all([
    consoleObject(GOVERNANCE_REVIEW),
    consoleObject(CHANGE_REQUEST),
    consoleObject(INCIDENT_RUNBOOK),
    readOnCallUsers(),
    read(
      'deployments',
      'DeployRequest (Tooling API)',
      'grant View Setup and Configuration, and Modify Metadata or Deploy Change Sets to read deployments',
      async () => {
        const rows = await api.queryAll(
          'SELECT Id, Status, CheckOnly, StartDate, CompletedDate FROM DeployRequest WHERE CreatedDate = LAST_N_DAYS:90',
          { tooling: true }
        );
        snapshot.deployments = rows.map((row): DeploymentRecord => ({
          id: String(row.Id),
          status: jsonText(row.Status),
          checkOnly: row.CheckOnly === true,
          startDate: str(row.StartDate),
          completedDate: str(row.CompletedDate)
        }));
      }
    ),
    read(
      'forecastQuarters',
      'OpportunityHistory and Opportunity',
      'grant Read on Opportunity and View All on it (or a role above the sales team)',
      async () => {
        snapshot.forecastQuarters = await readForecast(api, snapshot.takenAt);
      }
    ),
    read('customFields', 'FieldDefinition', 'grant View Setup and Configuration', async () => {
      const fields: CustomFieldInfo[] = [];
      // FieldDefinition must be filtered by its entity; for standard objects the entity id is the object's name.
      // Issued together, the five queries share a Composite call.
      const perObject = await Promise.all(
        FIELD_OBJECTS.map((object) =>
          api.queryAll(
            `SELECT QualifiedApiName, Label, DataType, SecurityClassification, ComplianceGroup, Description FROM FieldDefinition WHERE EntityDefinitionId = '${object}'`
          )
        )
      );
      for (const [index, rows] of perObject.entries()) {
        const object = FIELD_OBJECTS[index];
        for (const row of rows) {
          const name = jsonText(row.QualifiedApiName);
          if (!name.endsWith('__c')) continue;
          fields.push({
            object,
            name,
            type: jsonText(row.DataType).split('(')[0],
            label: str(row.Label),
            description: str(row.Description),
            securityClassification: str(row.SecurityClassification),
            complianceGroup: str(row.ComplianceGroup)
          });
        }
      }
      snapshot.customFields = fields;
    }),
    read('validationRules', 'ValidationRule (Tooling API)', 'grant View Setup and Configuration', async () => {
      const rows = await api.queryAll('SELECT Id, ValidationName, Active, Description, EntityDefinitionId FROM ValidationRule', {
        tooling: true
      });
      snapshot.validationRules = rows.map((row): ValidationRuleInfo => ({
        object: jsonText(row.EntityDefinitionId),
        name: jsonText(row.ValidationName),
        active: row.Active === true,
        description: str(row.Description)
      }));
    }),
    read('dashboards', 'Dashboard', 'grant Run Reports and access to the dashboard folders', async () => {
      const rows = await api.queryAll('SELECT Id, DeveloperName, Title, Type, FolderName FROM Dashboard');
      snapshot.dashboards = rows.map((row): DashboardInfo => ({
        name: String(row.DeveloperName ?? row.Id),
        title: str(row.Title),
        dashboardType: str(row.Type),
        folder: str(row.FolderName)
      }));
    }),
    read('opportunityStages', 'OpportunityStage', 'grant Read on Opportunity', async () => {
      const rows = await api.queryAll(
        'SELECT MasterLabel, IsActive, IsClosed, IsWon, ForecastCategory, DefaultProbability FROM OpportunityStage'
      );
      snapshot.opportunityStages = rows.map((row): OpportunityStageInfo => ({
        name: jsonText(row.MasterLabel),
        active: row.IsActive === true,
        closed: row.IsClosed === true,
        won: row.IsWon === true,
        forecastCategory: str(row.ForecastCategory),
        probability: num(row.DefaultProbability)
      }));
    }),
    read('aiComponents', 'BotDefinition and GenAiPlannerDefinition', 'grant View Setup and Configuration', async () => {
      // Both objects exist only where Agents are enabled: an org without them has no agents to own.
      const perObject = await Promise.all(
        (
          [
            ['BotDefinition', 'Bot'],
            ['GenAiPlannerDefinition', 'GenAiPlanner']
          ] as const
        ).map(async ([object, type]) =>
          (await has(object))
            ? (await api.queryAll(`SELECT Id, DeveloperName FROM ${object}`)).map((row): AiComponent => ({
                type,
                name: String(row.DeveloperName ?? row.Id)
              }))
            : []
        )
      );
      snapshot.aiComponents = perObject.flat();
    })
  ]);
  const { takenAt: _takenAt, unavailable: _unavailable, integrations: _integrations, ...parts } = snapshot;
  return parts;

  /**
   * Integration__c.On_Call_User__c joins the integrations already read. When it cannot be read the
   * runbook part is marked unavailable: only gov.integration-no-runbook needs it.
   */
  async function readOnCallUsers(): Promise<void> {
    if (!snapshot.integrations) return;
    const rows = await read(
      'runbooks',
      'Integration__c.On_Call_User__c',
      'grant Read on the field (Ownership_Console_Health_Runner)',
      async () => {
        const fields = await has('Integration__c');
        if (!fields?.has('On_Call_User__c')) throw new Error('the field is not in this org; npm run org:setup deploys it');
        return api.queryAll('SELECT Id, On_Call_User__c FROM Integration__c');
      }
    );
    if (!rows) {
      snapshot.runbooks = undefined;
      return;
    }
    const byId = new Map(rows.map((row) => [String(row.Id), str(row.On_Call_User__c)]));
    for (const integration of snapshot.integrations) integration.onCallUserId = byId.get(integration.id);
  }
}

/** The first day of the quarter `offset` quarters from the one `date` falls in (UTC). */
function quarterStart(date: Date, offset: number): Date {
  const quarter = Math.floor(date.getUTCMonth() / 3) + offset;
  return new Date(Date.UTC(date.getUTCFullYear() + Math.floor(quarter / 4), (((quarter % 4) + 4) % 4) * 3, 1));
}
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Forecast accuracy per closed quarter from OpportunityHistory: the forecast is the Commit
 * (ForecastCategory `Forecast`) amount of opportunities closing in the quarter as their history
 * stood the day it began; the outcome is the closed-won amount of the quarter (Opportunity).
 */
export async function readForecast(api: OrgApi, takenAt: string): Promise<ForecastQuarter[]> {
  const now = new Date(takenAt);
  const earliest = quarterStart(now, -QUARTERS_BACK);
  const [history, won] = await Promise.all([
    api.queryAll(
      `SELECT OpportunityId, CreatedDate, Amount, CloseDate, ForecastCategory FROM OpportunityHistory WHERE CloseDate >= ${day(earliest)} ORDER BY CreatedDate`
    ),
    api.queryAll(`SELECT Id, Amount, CloseDate FROM Opportunity WHERE IsWon = true AND CloseDate >= ${day(earliest)}`)
  ]);
  const quarters: ForecastQuarter[] = [];
  for (let offset = -QUARTERS_BACK; offset < 0; offset++) {
    const start = quarterStart(now, offset);
    const end = new Date(quarterStart(now, offset + 1).getTime() - 86_400_000);
    const [from, to] = [day(start), day(end)];
    // Each opportunity as it stood at the quarter's start: its latest history row before that day.
    const standing = new Map<string, SObjectRecord>();
    for (const row of history) if (String(row.CreatedDate).slice(0, 10) < from) standing.set(String(row.OpportunityId), row);
    let forecastAmount = 0;
    for (const row of standing.values()) {
      const close = jsonText(row.CloseDate);
      if (row.ForecastCategory === 'Forecast' && close >= from && close <= to) forecastAmount += num(row.Amount) ?? 0;
    }
    const closedWonAmount = won
      .filter((row) => String(row.CloseDate) >= from && String(row.CloseDate) <= to)
      .reduce((sum, row) => sum + (num(row.Amount) ?? 0), 0);
    if (forecastAmount === 0 && closedWonAmount === 0) continue;
    const quarter = `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
    quarters.push({
      quarter,
      start: from,
      end: to,
      forecastAmount,
      closedWonAmount,
      basis: 'OpportunityHistory (Commit at the quarter start) and closed-won Opportunity'
    });
  }
  return quarters;
}
