import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployRequest, FieldDefinition, ValidationRule } from '@salesforce/types/lib/tooling';
import type { Dataset, StoredRecord } from '../types';
import { clock, sfId } from './builder';

/**
 * Acme's operating model: the cadence, the joint backlog and runbooks (Ownership Console objects),
 * and the org records the metrics read: deployments, opportunities and their history, field
 * definitions, validation rules, dashboards, stages and an agent. Tooling records are typed against
 * @salesforce/types (generated from the WSDL) so their field names are Salesforce's; the REST objects
 * the typings lack (OpportunityHistory, OpportunityStage, Dashboard, BotDefinition) follow the
 * Object Reference's field lists.
 */

/** Field names checked against the published typings; values as the API returns them (dates as strings). */
type Fields<T> = { [K in keyof T]?: unknown };
const typed =
  <T>() =>
  (record: Fields<T> & { Id: string }): StoredRecord =>
    record;

/**
 * The fields of a console object as the package deploys them (one file per field under force-app), for
 * an object the sample org holds no records of yet: describe lists every deployed field, set or not.
 */
function deployedFields(object: string): string[] {
  const dir = join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'objects', object, 'fields');
  return ['Name', ...readdirSync(dir).map((file) => file.replace(/\.field-meta\.xml$/, ''))];
}

const OBJECT_ACCESS: Array<[string, string]> = [
  ['allowCreate', 'PermissionsCreate'],
  ['allowDelete', 'PermissionsDelete'],
  ['allowEdit', 'PermissionsEdit'],
  ['allowRead', 'PermissionsRead'],
  ['modifyAllRecords', 'PermissionsModifyAllRecords'],
  ['viewAllRecords', 'PermissionsViewAllRecords']
];

/**
 * A real org's Tooling Profile.Metadata carries the profile's permissions, not only its login ranges:
 * its system permissions and object access, the same as the permission set that backs the profile
 * (IsOwnedByProfile) and that set's ObjectPermissions, so migrate:profile --target-org has them to move.
 */
function withPermissions(record: StoredRecord, dataset: Dataset): StoredRecord {
  const backing = (dataset.sobjects.PermissionSet ?? []).find((set) => set.IsOwnedByProfile === true && set.ProfileId === record.Id);
  if (!backing) return record;
  const userPermissions = Object.keys(backing)
    .filter((field) => field.startsWith('Permissions') && backing[field] === true)
    .sort()
    .map((field) => ({ enabled: true, name: field.slice('Permissions'.length) }));
  const objectPermissions = (dataset.sobjects.ObjectPermissions ?? [])
    .filter((row) => row.ParentId === backing.Id)
    .map((row) => ({ object: row.SobjectType, ...Object.fromEntries(OBJECT_ACCESS.map(([key, field]) => [key, row[field] === true])) }));
  const metadata = (record.Metadata ?? {}) as Record<string, unknown>;
  return { ...record, Metadata: { ...metadata, userPermissions, objectPermissions, fieldPermissions: [], tabVisibilities: [] } };
}

export function withOperatingModel(now: Date, dataset: Dataset): Dataset {
  const { daysAgo, dateDaysAgo } = clock(now);
  const user = (n: number) => sfId('005', n);
  const area = (key: string) => String(dataset.sobjects.Governance_Area__c?.find((record) => record.Area_Key__c === key)?.Id ?? '');
  const integrations = dataset.sobjects.Integration__c ?? [];
  // The ERP sync pages a person; the legacy nightly sync has only (no) free text: the bear case's Friday failure.
  for (const integration of integrations) integration.On_Call_User__c = integration.Name === 'ERP order sync' ? user(22) : null;

  const review = (n: number, type: string, heldDaysAgo: number): StoredRecord => ({
    Id: sfId('a08', n),
    Name: `REV-${String(n).padStart(4, '0')}`,
    Review_Type__c: type,
    Held_On__c: dateDaysAgo(heldDaysAgo),
    Next_Due__c: null,
    SalesOps_Lead__c: user(8),
    IT_Lead__c: user(2),
    Outcome__c: null,
    Governance_Area__c: area('GOVERNANCE.OWNERSHIP')
  });
  const reviews = [
    review(1, 'Weekly Sync', 24),
    review(2, 'Weekly Sync', 17),
    review(3, 'Monthly Health Review', 20),
    review(4, 'Quarterly Architecture Review', 130)
  ];

  const change = (n: number, fields: Partial<StoredRecord>): StoredRecord => ({
    Id: sfId('a09', n),
    Name: `CR-${String(n).padStart(4, '0')}`,
    Request__c: '',
    Lead__c: 'SalesOps',
    Change_Owner__c: user(8),
    Status__c: 'New',
    Requested_On__c: dateDaysAgo(10),
    Changes_Revenue__c: false,
    Changes_Access__c: false,
    Security_Review_Requested_On__c: null,
    Security_Review_Completed_On__c: null,
    Deployed_On__c: null,
    Governance_Area__c: area('REVENUE.FIELDS'),
    ...fields
  });
  const changes = [
    change(1, {
      Request__c: 'Show Forecast Category on the Opportunity layout',
      Changes_Revenue__c: true,
      Status__c: 'Deployed',
      Requested_On__c: dateDaysAgo(40),
      Deployed_On__c: dateDaysAgo(36)
    }),
    change(2, {
      Request__c: 'Let Marketing Sync read Lead email and phone',
      Lead__c: 'IT',
      Change_Owner__c: user(22),
      Changes_Access__c: true,
      Status__c: 'Deployed',
      Requested_On__c: dateDaysAgo(30),
      Security_Review_Requested_On__c: dateDaysAgo(29),
      Security_Review_Completed_On__c: dateDaysAgo(14),
      Deployed_On__c: dateDaysAgo(12),
      Governance_Area__c: area('INTEGRATION.GOVERNANCE')
    }),
    change(3, {
      Request__c: 'Discount approval field editable by deal desk only',
      Lead__c: 'Joint',
      Changes_Revenue__c: true,
      Changes_Access__c: true,
      Status__c: 'In Progress',
      Requested_On__c: dateDaysAgo(12),
      Security_Review_Requested_On__c: dateDaysAgo(11),
      Security_Review_Completed_On__c: dateDaysAgo(8)
    }),
    change(4, {
      Request__c: 'Territory picklist on Account for the new regions',
      Changes_Revenue__c: true,
      Requested_On__c: dateDaysAgo(50)
    })
  ];

  const runbook = (n: number, name: string, incidentClass: string, fields: Partial<StoredRecord>): StoredRecord => ({
    Id: sfId('a0A', n),
    Name: name,
    Incident_Class__c: incidentClass,
    Runbook_Owner__c: user(2),
    On_Call_User__c: user(3),
    Integration__c: null,
    Status__c: 'Published',
    Runbook_URL__c: `https://wiki.acme.example/runbooks/${n}`,
    Last_Exercised__c: dateDaysAgo(60),
    ...fields
  });
  const runbooks = [
    runbook(1, 'ERP sync failure', 'Integration Sync Failure', {
      Integration__c: String(integrations[0]?.Id ?? ''),
      On_Call_User__c: user(22)
    }),
    runbook(2, 'Privileged access regression', 'Privileged Access Regression', {}),
    runbook(3, 'SSO or MFA outage', 'SSO or MFA Outage', { Last_Exercised__c: dateDaysAgo(400) }),
    runbook(4, 'Failed production deployment', 'Failed Production Deployment', { On_Call_User__c: user(3) }),
    runbook(5, 'Data loss or bad data load', 'Data Loss or Bad Data Load', {
      Status__c: 'Draft',
      Runbook_URL__c: null,
      Last_Exercised__c: null
    })
  ];

  // A privilege change 20 days ago that the first run caught 14 days ago (finding 3): six days to detect.
  const auditTrail = [
    {
      Id: sfId('0Ym', 50),
      Action: 'profileUserPermChangedCustom',
      Section: 'Manage Users',
      Display: 'Changed profile Legacy Partner Admin: View All Data was changed from False to True',
      CreatedDate: daysAgo(20),
      CreatedById: user(6),
      DelegateUser: null
    }
  ];

  const deploy = typed<DeployRequest>();
  const deployments = [
    ...[2, 6, 9, 15, 20, 27, 33, 41, 48, 55, 62, 70, 80].map((days, i) =>
      deploy({
        Id: sfId('0Af', i + 1),
        Status: 'Succeeded',
        CheckOnly: false,
        CreatedDate: daysAgo(days),
        StartDate: daysAgo(days),
        CompletedDate: daysAgo(days)
      })
    ),
    deploy({
      Id: sfId('0Af', 20),
      Status: 'Failed',
      CheckOnly: false,
      CreatedDate: daysAgo(13),
      StartDate: daysAgo(13),
      CompletedDate: daysAgo(13)
    }),
    deploy({
      Id: sfId('0Af', 21),
      Status: 'Failed',
      CheckOnly: false,
      CreatedDate: daysAgo(34),
      StartDate: daysAgo(34),
      CompletedDate: daysAgo(34)
    }),
    deploy({
      Id: sfId('0Af', 22),
      Status: 'Canceled',
      CheckOnly: false,
      CreatedDate: daysAgo(50),
      StartDate: daysAgo(50),
      CompletedDate: daysAgo(50)
    }),
    // Validations do not count: they change nothing.
    deploy({
      Id: sfId('0Af', 23),
      Status: 'Failed',
      CheckOnly: true,
      CreatedDate: daysAgo(3),
      StartDate: daysAgo(3),
      CompletedDate: daysAgo(3)
    }),
    deploy({
      Id: sfId('0Af', 24),
      Status: 'Failed',
      CheckOnly: true,
      CreatedDate: daysAgo(7),
      StartDate: daysAgo(7),
      CompletedDate: daysAgo(7)
    })
  ];

  // Four closed quarters of Commit forecasts (history rows before each quarter) against closed-won amounts.
  const opportunities: StoredRecord[] = [];
  const history: StoredRecord[] = [];
  const quarterStart = (offset: number) => {
    const q = Math.floor(now.getUTCMonth() / 3) + offset;
    return new Date(Date.UTC(now.getUTCFullYear() + Math.floor(q / 4), (((q % 4) + 4) % 4) * 3, 1));
  };
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  // Closed-won share of the Commit amount per quarter, oldest first: the bear case's 65 % quarter among them.
  [0.92, 0.65, 1.05, 0.78].forEach((share, i) => {
    const start = quarterStart(i - 4);
    const close = iso(new Date(start.getTime() + 40 * 86_400_000));
    const before = new Date(start.getTime() - 10 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000+0000');
    for (let k = 0; k < 4; k++) {
      const n = i * 10 + k + 1;
      const id = sfId('006', n);
      const amount = 250_000;
      // Each deal closes won at its share of the committed amount.
      opportunities.push({
        Id: id,
        Name: `Deal ${n}`,
        Amount: amount * share,
        CloseDate: close,
        IsWon: true,
        IsClosed: true,
        StageName: 'Closed Won'
      });
      history.push({
        Id: sfId('008', n),
        OpportunityId: id,
        CreatedDate: before,
        Amount: amount,
        CloseDate: close,
        StageName: 'Negotiation',
        ForecastCategory: 'Forecast'
      });
    }
  });

  const field = typed<FieldDefinition>();
  const fieldDefinition = (
    n: number,
    entity: string,
    name: string,
    label: string,
    dataType: string,
    classification: string | null,
    group: string | null
  ) =>
    field({
      Id: `${entity}.${name}`,
      DurableId: `${entity}.${sfId('00N', n)}`,
      EntityDefinitionId: entity,
      QualifiedApiName: name,
      Label: label,
      DataType: dataType,
      SecurityClassification: classification,
      ComplianceGroup: group,
      Description: null
    });
  const fieldDefinitions = [
    fieldDefinition(1, 'Contact', 'Work_Email__c', 'Work Email', 'Email', 'Confidential', 'PII;GDPR'),
    fieldDefinition(2, 'Contact', 'Personal_Mobile__c', 'Personal Mobile', 'Phone', null, null),
    fieldDefinition(3, 'Contact', 'Birth_Date__c', 'Birth Date', 'Date', 'Restricted', null),
    fieldDefinition(4, 'Lead', 'Home_Address__c', 'Home Address', 'Text(255)', null, null),
    fieldDefinition(5, 'Account', 'Segment__c', 'Segment', 'Picklist', null, null),
    fieldDefinition(6, 'Opportunity', 'Forecast_Override__c', 'Forecast Override', 'Currency(16, 2)', null, null),
    fieldDefinition(7, 'Contact', 'Email', 'Email', 'Email', 'Confidential', 'PII')
  ];

  const rule = typed<ValidationRule>();
  const validationRules = [
    rule({
      Id: sfId('03d', 1),
      ValidationName: 'Close_Date_Not_In_Past',
      Active: true,
      Description: null,
      EntityDefinitionId: 'Opportunity'
    }),
    rule({
      Id: sfId('03d', 2),
      ValidationName: 'Amount_Required_At_Proposal',
      Active: true,
      Description: null,
      EntityDefinitionId: 'Opportunity'
    }),
    rule({
      Id: sfId('03d', 3),
      ValidationName: 'Discount_Over_20_Needs_Approval',
      Active: true,
      Description: 'Deal desk approval above 20 % (CR-0003).',
      EntityDefinitionId: 'Opportunity'
    }),
    rule({ Id: sfId('03d', 4), ValidationName: 'Reason_Required', Active: true, Description: null, EntityDefinitionId: 'Case' })
  ];

  const stage = (n: number, label: string, closed: boolean, won: boolean, category: string, probability: number): StoredRecord => ({
    Id: sfId('01J', n),
    MasterLabel: label,
    IsActive: true,
    IsClosed: closed,
    IsWon: won,
    ForecastCategory: category,
    ForecastCategoryName: category === 'Forecast' ? 'Commit' : category === 'BestCase' ? 'Best Case' : category,
    DefaultProbability: probability
  });
  const stages = [
    stage(1, 'Prospecting', false, false, 'Pipeline', 10),
    stage(2, 'Qualification', false, false, 'Pipeline', 20),
    stage(3, 'Proposal', false, false, 'BestCase', 60),
    stage(4, 'Verbal Commit', false, false, 'Forecast', 100),
    stage(5, 'Closed Won', true, true, 'Closed', 100),
    stage(6, 'Closed Lost', true, false, 'Omitted', 0)
  ];

  const dashboards = [
    {
      Id: sfId('01Z', 1),
      DeveloperName: 'Pipeline_Overview',
      Title: 'Pipeline overview',
      Type: 'SpecifiedUser',
      FolderName: 'Sales Leadership'
    },
    { Id: sfId('01Z', 2), DeveloperName: 'My_Pipeline', Title: 'My pipeline', Type: 'LoggedInUser', FolderName: 'Sales' }
  ];
  const bots = [{ Id: sfId('0Xx', 1), DeveloperName: 'Sales_Coach_Agent', MasterLabel: 'Sales Coach', Type: 'InternalCopilot' }];

  const append = (target: Record<string, StoredRecord[]>, object: string, records: StoredRecord[]) => {
    target[object] = [...(target[object] ?? []), ...records];
  };
  const sobjects = { ...dataset.sobjects };
  append(sobjects, 'Governance_Review__c', reviews);
  append(sobjects, 'Change_Request__c', changes);
  append(sobjects, 'Incident_Runbook__c', runbooks);
  // The scorecard's history: none yet, the first --push writes the run's metrics.
  append(sobjects, 'Health_Metric__c', []);
  append(sobjects, 'SetupAuditTrail', auditTrail);
  append(sobjects, 'Opportunity', opportunities);
  append(sobjects, 'OpportunityHistory', history);
  append(sobjects, 'FieldDefinition', fieldDefinitions);
  append(sobjects, 'OpportunityStage', stages);
  append(sobjects, 'Dashboard', dashboards);
  append(sobjects, 'BotDefinition', bots);
  const tooling = { ...dataset.tooling, Profile: (dataset.tooling.Profile ?? []).map((record) => withPermissions(record, dataset)) };
  append(tooling, 'DeployRequest', deployments);
  append(tooling, 'ValidationRule', validationRules);
  return {
    ...dataset,
    sobjects,
    tooling,
    fields: { ...dataset.fields, Health_Metric__c: deployedFields('Health_Metric__c') },
    relationships: {
      ...dataset.relationships,
      Integration__c: { ...dataset.relationships?.Integration__c, On_Call_User__c: 'User' },
      Governance_Review__c: { SalesOps_Lead__c: 'User', IT_Lead__c: 'User', Governance_Area__c: 'Governance_Area__c' },
      Change_Request__c: { Change_Owner__c: 'User', Governance_Area__c: 'Governance_Area__c' },
      Incident_Runbook__c: { Runbook_Owner__c: 'User', On_Call_User__c: 'User', Integration__c: 'Integration__c' },
      Health_Metric__c: { Health_Check_Run__c: 'Health_Check_Run__c' }
    }
  };
}
