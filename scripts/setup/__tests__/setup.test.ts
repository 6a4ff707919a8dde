import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript, STACK_LINE } from '../../test-support/liveOrg';
import { writeFakeSf, type Scenario } from './fakeSf';

jest.setTimeout(60_000);

const TOKEN = '00D000000000001!fake-secret-token';
const ORG = {
  id: '00D000000000001AAA',
  username: 'test-abc@example.com',
  instanceUrl: 'https://dream-1234-dev-ed.scratch.my.salesforce.com',
  status: 'Active',
  accessToken: TOKEN,
  expirationDate: '2099-01-01'
};

function happyScenario(overrides: Scenario = {}): Scenario {
  return {
    'config get': [{ status: 0, result: [{ name: 'target-dev-hub', value: 'DevHub', success: true }] }],
    'org display user': [{ status: 0, result: { id: '005000000000001AAA', username: ORG.username, accessToken: TOKEN } }],
    'org display': [
      { status: 1, name: 'NamedOrgNotFoundError', message: 'No authorization information found for ownership.' },
      { status: 0, result: ORG }
    ],
    'org create scratch': [{ status: 0, result: { orgId: ORG.id, username: ORG.username } }],
    'project deploy start': [{ status: 0, result: { status: 'Succeeded', success: true } }],
    'org assign permset': [{ status: 0, result: { successes: [{ name: ORG.username, value: 'Ownership_Console_Admin' }], failures: [] } }],
    'data query': [{ status: 0, result: { totalSize: 0, done: true, records: [] } }],
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

  const setup = async (scenario: Scenario, args: string[]) => {
    const fake = writeFakeSf(dir, scenario);
    const output = await runScript('scripts/setup/cli.ts', args, { ...process.env, CONSOLE_SF_BIN: fake.bin });
    const calls = readFileSync(fake.log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
    return { ...output, calls, text: output.stdout + output.stderr };
  };
  const commandOf = (args: string[]) =>
    args.filter((arg, i) => !arg.startsWith('-') && (i === 0 || !args[i - 1].startsWith('--'))).join(' ');

  it('creates, deploys, assigns, imports the sample data with the owner resolved, and prints the URL', async () => {
    const { code, calls, stdout, text } = await setup(happyScenario(), ['--alias', 'ownership', '--json']);
    expect(code).toBe(0);
    expect(calls.map(commandOf)).toEqual([
      'config get target-dev-hub',
      'org display',
      'org create scratch',
      'org display',
      'project deploy start',
      'org assign permset',
      'data query',
      'org display user',
      'data import tree'
    ]);
    expect(calls[2]).toEqual(expect.arrayContaining(['--alias', 'ownership', '--duration-days', '7', '--definition-file']));
    expect(calls[2]).not.toContain('--set-default');
    expect(calls[4]).toEqual(expect.arrayContaining(['--source-dir', 'force-app', '--target-org', 'ownership']));
    expect(calls[5]).toEqual(expect.arrayContaining(['--name', 'Ownership_Console_Admin', '--name', 'Ownership_Console_User']));
    const plan = calls[8][calls[8].indexOf('--plan') + 1];
    expect(plan).toMatch(/sample-data-plan\.json$/);

    const result = JSON.parse(stdout).result;
    expect(result).toMatchObject({ alias: 'ownership', username: ORG.username, instanceUrl: ORG.instanceUrl });
    expect(result.steps.map((step: { status: string }) => step.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/sid=|frontdoor/);
  });

  it('reuses the org and skips the import when run again', async () => {
    const { code, calls, stdout } = await setup(
      happyScenario({
        'org display': [{ status: 0, result: ORG }],
        'org assign permset': [
          {
            status: 1,
            name: 'PermsetAssignmentError',
            message: 'Permission set assignment failed',
            result: { successes: [], failures: [{ name: ORG.username, message: 'Duplicate PermissionSetAssignment' }] }
          }
        ],
        'data query': [{ status: 0, result: { totalSize: 1, done: true, records: [] } }]
      }),
      ['--alias', 'ownership', '--json']
    );
    expect(code).toBe(0);
    const commands = calls.map(commandOf);
    expect(commands).not.toContain('org create scratch');
    expect(commands).not.toContain('data import tree');
    const steps = JSON.parse(stdout).result.steps as Array<{ name: string; status: string }>;
    expect(steps.filter((step) => step.status === 'skipped').map((step) => step.name)).toEqual([
      'scratch org',
      'permission sets',
      'sample data'
    ]);
  });

  it('stops at the first step with a clear message when no Dev Hub is set', async () => {
    const { code, stderr, calls } = await setup(
      happyScenario({ 'config get': [{ status: 0, result: [{ name: 'target-dev-hub', success: true }] }] }),
      ['--alias', 'ownership']
    );
    expect(code).toBe(1);
    expect(stderr).toContain('Step 1/6 (dev hub) failed: No Dev Hub is set.');
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
    expect(stderr).toContain('Step 3/6 (deploy) failed: CustomField Risk__c.Residual_Score__c');
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
