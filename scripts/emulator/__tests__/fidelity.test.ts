import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../datasets';
import { startEmulator, type RunningEmulator } from '../server';

const TYPINGS = join(__dirname, '..', '..', '..', 'node_modules', '@salesforce', 'types', 'lib', 'tooling.d.ts');

/** The `Permissions*` fields the @salesforce/types Tooling typings declare on PermissionSet, read here independently. */
function typedPermissionFields(): string[] {
  const text = readFileSync(TYPINGS, 'utf8');
  const start = text.indexOf('\nexport type PermissionSet = ');
  const body = text.slice(start, text.indexOf('\n};', start));
  return [...body.matchAll(/^ {4}(Permissions\w+)\?: boolean;$/gm)].map((match) => match[1]);
}

type Field = { name: string; filterable: boolean; sortable: boolean; groupable: boolean; type: string };
type Page = { done: boolean; nextRecordsUrl?: string; totalSize: number; records: Array<Record<string, unknown>> };

describe('the emulator behaves as Salesforce documents', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    const dataset = loadDataset('acme', { now: new Date('2026-11-23T12:00:00Z') });
    dataset.hiddenFields = { Governance_Area__c: ['Accountable__c'] };
    emulator = await startEmulator({ dataset });
  });
  afterAll(() => emulator.stop());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}${path}`, { headers: { Authorization: `Bearer ${emulator.accessToken}`, ...headers } });
  const query = (soql: string, tooling = false) =>
    get(`/services/data/v66.0${tooling ? '/tooling' : ''}/query?q=${encodeURIComponent(soql)}`);
  const describe = async (object: string, tooling = false): Promise<Field[]> =>
    ((await (await get(`/services/data/v66.0${tooling ? '/tooling' : ''}/sobjects/${object}/describe`)).json()) as { fields: Field[] })
      .fields;

  it('describes PermissionSet with every permission field of the typings, not a hand-picked few', async () => {
    const typed = typedPermissionFields();
    expect(typed.length).toBeGreaterThan(500);
    const described = new Set((await describe('PermissionSet')).map((field) => field.name));
    for (const name of typed) expect(described.has(name)).toBe(true);
    // A permission no dataset record sets reads as false, as in a real org.
    const body = (await (
      await query("SELECT Id, PermissionsManageTwoFactor FROM PermissionSet WHERE Name = 'Shadow_Admin'")
    ).json()) as Page;
    expect(body.records[0].PermissionsManageTwoFactor).toBe(false);
  });

  it('answers 414 for a request line over 16,384 bytes and 431 for headers over it', async () => {
    const fields = typedPermissionFields().join(', ');
    const long = await query(`SELECT Id, ${fields} FROM PermissionSet`);
    expect(long.status).toBe(414);
    const short = await get('/services/data/v66.0/limits', { 'X-Padding': 'x'.repeat(17_000) });
    expect(short.status).toBe(431);
    expect((await query('SELECT Id FROM PermissionSet')).status).toBe(200);
  });

  it.each([
    ["SELECT Id FROM LoginHistory WHERE Status = 'Success'", "field 'Status' can not be filtered in a query call"],
    ["SELECT Id FROM LoginHistory WHERE Application = 'Browser'", "field 'Application' can not be filtered in a query call"],
    ["SELECT Id FROM SetupAuditTrail WHERE Section = 'Manage Users'", "field 'Section' can not be filtered in a query call"],
    ['SELECT Id FROM SetupAuditTrail ORDER BY Display', "field 'Display' can not be sorted in a query call"],
    ['SELECT MAX(UserId) FROM LoginHistory GROUP BY LoginTime', "field 'LoginTime' can not be grouped in a query call"]
  ])('rejects %s as Salesforce does', async (soql, message) => {
    const response = await query(soql);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([{ errorCode: 'INVALID_FIELD', message }]);
  });

  it('describes the Object Reference properties it enforces', async () => {
    const fields = new Map((await describe('LoginHistory')).map((field) => [field.name, field]));
    expect(fields.get('Status')).toMatchObject({ filterable: false, groupable: true, sortable: true });
    expect(fields.get('LoginTime')).toMatchObject({ filterable: true, groupable: false });
    expect(fields.get('UserId')).toMatchObject({ filterable: true, groupable: true });
  });

  it('leaves AuthMethodReference null for native logins and records their MFA in VerificationHistory', async () => {
    const logins = (await (await query("SELECT Id, AuthMethodReference FROM LoginHistory WHERE LoginType = 'Application'")).json()) as Page;
    expect(logins.records.length).toBeGreaterThan(0);
    expect(logins.records.every((row) => row.AuthMethodReference === null)).toBe(true);
    const verified = (await (await query("SELECT Id, LoginHistoryId FROM VerificationHistory WHERE Activity = 'Login'")).json()) as Page;
    const loginIds = new Set(logins.records.map((row) => row.Id));
    expect(verified.records.length).toBeGreaterThan(0);
    expect(verified.records.every((row) => loginIds.has(row.LoginHistoryId))).toBe(true);
  });

  it('shapes Health Check rows as documented: values in words beside the raw value, opaque DurableIds', async () => {
    const body = (await (
      await query('SELECT DurableId, SettingGroup, Setting, OrgValue, OrgValueRaw FROM SecurityHealthCheckRisks', true)
    ).json()) as Page;
    expect(body.records.length).toBeGreaterThan(40);
    expect(body.records.some((row) => row.OrgValue === 'Disabled' && row.OrgValueRaw === 'false')).toBe(true);
    expect(body.records.every((row) => !String(row.DurableId).includes('.'))).toBe(true);
    const score = (await (await query('SELECT Score FROM SecurityHealthCheck', true)).json()) as Page;
    expect(score.records[0].Score).toBe('61');
  });

  it('lists the connected apps Salesforce installs beside the custom ones', async () => {
    const body = (await (await query('SELECT Name, DeveloperName FROM ConnectedApplication')).json()) as Page;
    const names = body.records.map((row) => row.Name);
    expect(names).toEqual(expect.arrayContaining(['Salesforce CLI', 'SalesforceA', 'MuleSoft Integration']));
  });

  it('hides a field the running user cannot see: not described, INVALID_FIELD when queried', async () => {
    expect((await describe('Governance_Area__c')).map((field) => field.name)).not.toContain('Accountable__c');
    const response = await query('SELECT Id, Accountable__c FROM Governance_Area__c');
    expect(response.status).toBe(400);
    expect(((await response.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
  });

  it('runs semi-joins and GROUP BY, and refuses a semi-join under OR', async () => {
    const grouped = (await (
      await query(
        'SELECT AssigneeId, COUNT(Id) n FROM PermissionSetAssignment WHERE PermissionSetId IN (SELECT Id FROM PermissionSet WHERE PermissionsModifyAllData = true) GROUP BY AssigneeId'
      )
    ).json()) as Page;
    expect(grouped.records.length).toBeGreaterThan(0);
    expect(grouped.records[0]).toMatchObject({ attributes: { type: 'AggregateResult' } });
    expect(typeof grouped.records[0].n).toBe('number');
    const refused = await query(
      'SELECT Id FROM User WHERE IsActive = false OR Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsModifyAllData = true)'
    );
    expect(refused.status).toBe(400);
  });

  it('gives a GROUP BY answer no query locator: past 2,000 groups it ends not done', async () => {
    const big = loadDataset('acme');
    const template = big.sobjects.LoginHistory[0];
    for (let i = 0; i < 2500; i++)
      big.sobjects.LoginHistory.push({
        ...template,
        Id: `0Ya8${String(i).padStart(11, '0')}AAA`,
        UserId: `005X${String(i).padStart(11, '0')}AAA`
      });
    const other = await startEmulator({ dataset: big });
    try {
      const response = await fetch(
        `${other.url}/services/data/v66.0/query?q=${encodeURIComponent('SELECT UserId, COUNT(Id) n FROM LoginHistory GROUP BY UserId')}`,
        {
          headers: { Authorization: `Bearer ${other.accessToken}` }
        }
      );
      const page = (await response.json()) as Page;
      expect(page.records.length).toBe(2000);
      expect(page.done).toBe(false);
      expect(page.nextRecordsUrl).toBeUndefined();
    } finally {
      await other.stop();
    }
  });

  it('faults one object only, and never answers a call given the timeout fault', async () => {
    emulator.setFaults([{ match: { object: 'LoginHistory' }, fault: 'QUERY_TIMEOUT', times: Infinity }]);
    try {
      const failed = await query('SELECT Id FROM LoginHistory');
      expect(failed.status).toBe(400);
      expect(((await failed.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('QUERY_TIMEOUT');
      expect((await query('SELECT Id FROM User')).status).toBe(200);
      emulator.setFaults([{ match: { object: 'User' }, fault: 'timeout' }]);
      const answered = await Promise.race([
        query('SELECT Id FROM User').then(() => 'answered'),
        new Promise((resolve) => setTimeout(() => resolve('no answer'), 1500))
      ]);
      expect(answered).toBe('no answer');
      emulator.setFaults([{ match: { kind: 'query' }, fault: 'CONCURRENT_REQUEST_LIMIT' }]);
      const limited = await query('SELECT Id FROM User');
      expect(limited.status).toBe(403);
      expect(await limited.json()).toEqual([
        { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.' }
      ]);
    } finally {
      emulator.setFaults([]);
    }
  });
});

describe('the synthetic orgs keep the constraints Salesforce enforces', () => {
  it('assign a permission set to a user once at most (a second one is DUPLICATE_VALUE), and every user one profile', () => {
    const dataset = loadDataset('synthetic-20k', { now: new Date('2026-11-23T12:00:00Z') });
    const assignments = dataset.sobjects.PermissionSetAssignment;
    const pairs = new Set(assignments.map((row) => `${String(row.AssigneeId)}:${String(row.PermissionSetId)}`));
    expect(pairs.size).toBe(assignments.length);
    const profileSets = new Set(dataset.sobjects.PermissionSet.filter((set) => set.IsOwnedByProfile === true).map((set) => set.Id));
    const profilesOf = new Map<string, number>();
    for (const row of assignments)
      if (profileSets.has(String(row.PermissionSetId)))
        profilesOf.set(String(row.AssigneeId), (profilesOf.get(String(row.AssigneeId)) ?? 0) + 1);
    expect([...new Set(profilesOf.values())]).toEqual([1]);
  });
});
