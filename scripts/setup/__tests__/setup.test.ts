import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../emulator/datasets';
import { runScript, startLiveOrg, STACK_LINE } from '../../test-support/liveOrg';
import { PERSONAS } from '../steps';
import { writeFakeSf, type Scenario } from './fakeSf';

jest.setTimeout(180_000);

const TOKEN = '00D000000000001!fake-secret-token';
const ORG = {
  id: '00D000000000001AAA',
  username: 'test-abc@example.com',
  instanceUrl: 'https://dream-1234-dev-ed.scratch.my.salesforce.com',
  status: 'Active',
  accessToken: TOKEN,
  expirationDate: '2099-01-01'
};

const PERSONA_USERS = PERSONAS.map((persona, index) => ({
  Id: `00500000000010${index}AAA`.slice(0, 18),
  Username: `${index}_${ORG.username}`,
  Alias: (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', persona.definitionFile), 'utf8')) as { Alias: string }).Alias,
  key: persona.key
}));
const GROUPS = [
  { Id: '0PG000000000001AAA', DeveloperName: 'Ownership_Console_Administrators', Status: 'Updated' },
  { Id: '0PG000000000002AAA', DeveloperName: 'Ownership_Console_Members', Status: 'Updated' },
  { Id: '0PG000000000003AAA', DeveloperName: 'Ownership_Console_Auditors', Status: 'Updated' }
];
const ADMIN_ID = '005000000000001AAA';
const query = (records: unknown[], totalSize = records.length) => ({ status: 0, result: { totalSize, done: true, records } });

function happyScenario(overrides: Scenario = {}): Scenario {
  return {
    'config get': [{ status: 0, result: [{ name: 'target-dev-hub', value: 'DevHub', success: true }] }],
    'org display user': [{ status: 0, result: { id: ADMIN_ID, username: ORG.username, accessToken: TOKEN } }],
    'org display': [
      { status: 1, name: 'NamedOrgNotFoundError', message: 'No authorization information found for ownership.' },
      { status: 0, result: ORG }
    ],
    'org create scratch': [{ status: 0, result: { orgId: ORG.id, username: ORG.username } }],
    'project deploy start': [{ status: 0, result: { status: 'Succeeded', success: true } }],
    // No persona before the users are created, all five after.
    'data query :: FROM User ': [query([]), query(PERSONA_USERS)],
    'org create user': [{ status: 0, result: { orgId: ORG.id, fields: {} } }],
    'data query :: FROM PermissionSetGroup ': [query(GROUPS)],
    'data query :: FROM PermissionSetAssignment ': [query([])],
    'data create record': [{ status: 0, result: { id: '0Pa000000000001AAA', success: true } }],
    'org assign permset': [
      { status: 0, result: { successes: [{ name: PERSONA_USERS[3].Username, value: 'Ownership_Console_Health_Runner' }], failures: [] } }
    ],
    'data query :: FROM Governance_Area__c ': [query([], 0)],
    'data query :: FROM Health_Check_Run__c': [query([], 0)],
    'data import tree': [{ status: 0, result: [{ refId: 'Area_IDENTITY_MFA', type: 'Governance_Area__c', id: 'a01000000000001AAA' }] }],
    ...overrides
  };
}

describe('npm run org:setup', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fake-sf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const setup = async (scenario: Scenario, args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const fake = writeFakeSf(dir, scenario);
    const output = await runScript('scripts/setup/cli.ts', args, { ...env, CONSOLE_SF_BIN: fake.bin });
    const calls = readFileSync(fake.log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
    return { ...output, calls, text: output.stdout + output.stderr };
  };
  const commandOf = (args: string[]) =>
    args.filter((arg, i) => !arg.startsWith('-') && (i === 0 || !args[i - 1].startsWith('--'))).join(' ');

  it('creates the org, the personas, assigns the groups and the runner set, imports the data naming them, pushes the first run', async () => {
    // The first health check runs for real: the project's health CLI, through @salesforce/core, into
    // an emulated org the real sf CLI is logged into under the alias; every other sf call is faked.
    const org = await startLiveOrg({ dataset: loadDataset('acme') }, 'ownership');
    try {
      const runsBefore = org.emulator.records('Health_Check_Run__c').length;
      const { code, calls, stdout, text } = await setup(happyScenario(), ['--alias', 'ownership', '--json'], org.env);
      expect({ code, text: code === 0 ? '' : text }).toEqual({ code: 0, text: '' });
      const commands = calls.map(commandOf);
      expect(commands.slice(0, 5)).toEqual([
        'config get target-dev-hub',
        'org display',
        'org create scratch',
        'org display',
        'project deploy start'
      ]);
      // One user for each persona, from its definition file, with an alias of its own.
      const created = calls.filter((call) => commandOf(call) === 'org create user');
      expect(created.map((call) => call[call.indexOf('--definition-file') + 1])).toEqual(PERSONAS.map((persona) => persona.definitionFile));
      expect(created.map((call) => call[call.indexOf('--set-alias') + 1])).toEqual(PERSONAS.map((persona) => `ownership-${persona.key}`));
      // The groups, never the sets one by one: the admin and each persona get one group assignment.
      const assignments = calls
        .filter((call) => commandOf(call) === 'data create record')
        .map((call) => call[call.indexOf('--values') + 1]);
      expect(assignments).toHaveLength(PERSONAS.length + 1);
      expect(assignments).toContainEqual(`AssigneeId=${ADMIN_ID} PermissionSetGroupId=${GROUPS[0].Id}`);
      expect(assignments).toContainEqual(`AssigneeId=${PERSONA_USERS[4].Id} PermissionSetGroupId=${GROUPS[2].Id}`);
      // The runner set, and only it, through assign permset: to the DevOps lead.
      const permsets = calls.filter((call) => commandOf(call) === 'org assign permset');
      expect(permsets).toEqual([
        expect.arrayContaining(['--name', 'Ownership_Console_Health_Runner', '--on-behalf-of', PERSONA_USERS[3].Username])
      ]);
      expect(PERSONA_USERS[3].key).toBe('devopsLead');
      // The data is imported after the users and the groups, and names the personas.
      const importCall = calls.find((call) => commandOf(call) === 'data import tree')!;
      expect(commands.indexOf('data import tree')).toBeGreaterThan(commands.lastIndexOf('data create record'));
      expect(importCall[importCall.indexOf('--plan') + 1]).toMatch(/sample-data-plan\.json$/);

      expect(org.emulator.records('Health_Check_Run__c').length).toBe(runsBefore + 1);
      // The first run's scorecard, for the Health tab: one Health_Metric__c per target, children of that run.
      const firstRun = org.emulator.records('Health_Check_Run__c').at(-1)!;
      expect(org.emulator.records('Health_Metric__c').filter((metric) => metric.Health_Check_Run__c === firstRun.Id)).toHaveLength(7);
      const result = JSON.parse(stdout).result;
      expect(result).toMatchObject({ alias: 'ownership', username: ORG.username, instanceUrl: ORG.instanceUrl });
      expect(result.users).toHaveLength(PERSONAS.length);
      expect(result.steps.map((step: { name: string; status: string }) => `${step.name}: ${step.status}`)).toEqual([
        'dev hub: done',
        'scratch org: done',
        'deploy: done',
        'users: done',
        'permission set groups: done',
        'health runner: done',
        'sample data: done',
        'first health check: done',
        'org URL: done'
      ]);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(org.emulator.accessToken);
      expect(text).not.toMatch(/sid=|frontdoor/);
    } finally {
      await org.stop();
    }
  });

  it('imports sample data that names the personas: Accountable, R/C/I, risk owners; no placeholder left', async () => {
    const { code } = await setup(happyScenario({ 'data query :: FROM Health_Check_Run__c': [query([], 1)] }), [
      '--alias',
      'ownership',
      '--json'
    ]);
    expect(code).toBe(0);
    const read = (file: string) =>
      (JSON.parse(readFileSync(join(dir, 'plan', file), 'utf8')) as { records: Array<Record<string, string>> }).records;
    const byKey = new Map(PERSONA_USERS.map((user) => [user.key, user.Id]));
    const mfa = read('Governance_Area__c.json').find((area) => area.Area_Key__c === 'IDENTITY.MFA')!;
    expect(mfa.Accountable__c).toBe(byKey.get('itPlatformLead'));
    const assignees = new Set(read('RACI_Assignment__c.json').map((row) => row.Assignee__c));
    expect(assignees).toEqual(new Set([ADMIN_ID, ...PERSONA_USERS.map((user) => user.Id)]));
    expect(new Set(read('Risk__c.json').map((risk) => risk.Risk_Owner__c)).size).toBeGreaterThanOrEqual(3);
    for (const file of [
      'Governance_Area__c.json',
      'RACI_Assignment__c.json',
      'Risk__c.json',
      'Integration__c.json',
      'Decision__c-accepted.json'
    ])
      expect(readFileSync(join(dir, 'plan', file), 'utf8')).not.toMatch(/@user:|@setupUser/);
  });

  it('run again, reuses the org and skips every step that is done', async () => {
    const allAssigned = [
      { AssigneeId: ADMIN_ID, PermissionSetGroupId: GROUPS[0].Id },
      ...PERSONAS.map((persona, index) => ({
        AssigneeId: PERSONA_USERS[index].Id,
        PermissionSetGroupId: GROUPS.find((group) => group.DeveloperName === persona.permissionSetGroup)!.Id
      }))
    ];
    const { code, calls, stdout } = await setup(
      happyScenario({
        'org display': [{ status: 0, result: ORG }],
        'data query :: FROM User ': [query(PERSONA_USERS)],
        'data query :: FROM PermissionSetAssignment ': [query(allAssigned)],
        'org assign permset': [
          {
            status: 1,
            name: 'PermsetAssignmentError',
            message: 'Permission set assignment failed',
            result: { successes: [], failures: [{ name: PERSONA_USERS[3].Username, message: 'Duplicate PermissionSetAssignment' }] }
          }
        ],
        'data query :: FROM Governance_Area__c ': [query([], 1)],
        'data query :: FROM Health_Check_Run__c': [query([], 1)]
      }),
      ['--alias', 'ownership', '--json']
    );
    expect(code).toBe(0);
    const commands = calls.map(commandOf);
    for (const command of ['org create scratch', 'org create user', 'data create record', 'data import tree'])
      expect(commands).not.toContain(command);
    const steps = JSON.parse(stdout).result.steps as Array<{ name: string; status: string }>;
    expect(steps.filter((step) => step.status === 'skipped').map((step) => step.name)).toEqual([
      'scratch org',
      'users',
      'permission set groups',
      'health runner',
      'sample data',
      'first health check'
    ]);
  });

  it('names the users step and what to do when the org has no license left', async () => {
    const { code, stderr } = await setup(
      happyScenario({
        'org create user': [
          {
            status: 1,
            name: 'licenseLimitExceeded',
            message: 'There are no available user licenses for the user profile "Standard Platform User".'
          }
        ]
      }),
      ['--alias', 'ownership']
    );
    expect(code).toBe(1);
    expect(stderr).toContain('Step 4/9 (users) failed: creating itPlatformLead (config/users/it-platform-lead.json)');
    expect(stderr).toContain('Free a license of the profile in config/users/it-platform-lead.json');
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('names the groups step when a group is still being recalculated', async () => {
    const { code, stderr, calls } = await setup(
      happyScenario({ 'data query :: FROM PermissionSetGroup ': [query([GROUPS[0], { ...GROUPS[1], Status: 'Updating' }, GROUPS[2]])] }),
      ['--alias', 'ownership']
    );
    expect(code).toBe(1);
    expect(stderr).toContain('Step 5/9 (permission set groups) failed: the group Ownership_Console_Members is "Updating"');
    expect(stderr).toContain('Wait a minute');
    expect(calls.map(commandOf)).not.toContain('data create record');
  });

  it('stops at the first step with a clear message when no Dev Hub is set', async () => {
    const { code, stderr, calls } = await setup(
      happyScenario({ 'config get': [{ status: 0, result: [{ name: 'target-dev-hub', success: true }] }] }),
      ['--alias', 'ownership']
    );
    expect(code).toBe(1);
    expect(stderr).toContain('Step 1/9 (dev hub) failed: No Dev Hub is set.');
    expect(stderr).toContain('sf org login web --set-default-dev-hub');
    expect(stderr).not.toMatch(STACK_LINE);
    expect(calls).toHaveLength(1);
  });

  it('names the deploy step and the failing component', async () => {
    const { code, stderr } = await setup(
      happyScenario({
        'project deploy start': [
          {
            status: 1,
            name: 'FailedDeployError',
            message: 'Deploy failed.',
            result: {
              details: {
                componentFailures: [
                  {
                    componentType: 'CustomField',
                    fullName: 'Risk__c.Residual_Score__c',
                    fileName: 'force-app/main/default/objects/Risk__c/fields/Residual_Score__c.field-meta.xml',
                    problem: 'Field Residual_Likelihood__c does not exist'
                  }
                ]
              }
            }
          }
        ]
      }),
      ['--alias', 'ownership']
    );
    expect(code).toBe(1);
    expect(stderr).toContain('Step 3/9 (deploy) failed: CustomField Risk__c.Residual_Score__c');
    expect(stderr).toContain('Residual_Score__c.field-meta.xml');
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    [['--alias'], '--alias needs a value'],
    [[], '--alias is required'],
    [['--alias', 'x', '--duration-days', '31'], '--duration-days: "31" must be a whole number from 1 to 30'],
    [['--alias', 'x', '--definition-file', 'nope.json'], 'nope.json does not exist (--definition-file)'],
    [['--alias', 'x', '--bogus'], 'Unknown flag --bogus']
  ])('rejects %j with exit 2 and a message naming the flag', async (args, message) => {
    const { code, stderr, calls } = await setup(happyScenario(), args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(calls).toHaveLength(0);
  });
});
