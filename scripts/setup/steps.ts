import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConsoleError } from '../lib/errors';
import { runSf, SfCommandError } from '../lib/sfCli';
import { resolveSampleData } from '../metadata/sampleData';
import personaConfig from '../../config/personas.json';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

type Persona = { key: string; definitionFile: string; permissionSetGroup: string };
export const PERSONAS: Persona[] = personaConfig.personas;
const SETUP_USER_GROUP = personaConfig.setupUser.permissionSetGroup;
export const HEALTH_RUNNER = personaConfig.healthRunner;
/** The permission set groups the setup assigns, each deployed from force-app/main/default/permissionsetgroups. */
export const PERMISSION_SET_GROUPS = [...new Set([SETUP_USER_GROUP, ...PERSONAS.map((persona) => persona.permissionSetGroup)])];

export type SetupOptions = {
  alias: string;
  durationDays: number;
  definitionFile: string;
  sampleData: boolean;
  setDefault: boolean;
  progress: (message: string) => void;
};

export type StepResult = { name: string; status: 'done' | 'skipped'; detail: string };
export type SetupResult = {
  alias: string;
  username: string;
  orgId: string;
  instanceUrl: string;
  users: Array<{ persona: string; username: string; alias: string }>;
  steps: StepResult[];
};

type OrgDisplay = {
  id?: string;
  orgId?: string;
  username?: string;
  instanceUrl?: string;
  status?: string;
  expirationDate?: string;
  connectedStatus?: string;
};
type ComponentFailure = { fullName?: string; fileName?: string; filePath?: string; problem?: string; componentType?: string };
type QueryResult<T> = { totalSize?: number; records?: T[] };
type UserRecord = { Id: string; Username: string; Alias: string };

const STEP_NAMES = [
  'dev hub',
  'scratch org',
  'deploy',
  'users',
  'permission set groups',
  'health runner',
  'sample data',
  'first health check',
  'org URL'
] as const;
type StepName = (typeof STEP_NAMES)[number];

export class SetupStepError extends ConsoleError {
  public constructor(step: StepName, message: string, actions: string[]) {
    super('SetupStepError', `Step ${STEP_NAMES.indexOf(step) + 1}/${STEP_NAMES.length} (${step}) failed: ${message}`, actions);
  }
}

/** Runs an sf command for a step; an sf failure becomes that step's named error with its actions. */
async function stepSf(step: StepName, args: string[], actions: string[], options: { cwd?: string } = {}): Promise<unknown> {
  try {
    return await runSf(args, options);
  } catch (error) {
    if (error instanceof SfCommandError) throw new SetupStepError(step, error.message, [...error.actions, ...actions]);
    throw error;
  }
}

const soqlList = (values: string[]) => values.map((value) => `'${value.replace(/'/g, "\\'")}'`).join(', ');

function personaFile(persona: Persona): { Alias: string } {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, persona.definitionFile), 'utf8')) as { Alias: string };
}

async function devHub(): Promise<string> {
  const result = (await runSf(['config', 'get', 'target-dev-hub'])) as Array<{ value?: string }>;
  const value = result?.[0]?.value;
  if (!value) {
    throw new SetupStepError('dev hub', 'No Dev Hub is set.', [
      'Log in to your Dev Hub: sf org login web --set-default-dev-hub --alias DevHub',
      'Then run npm run org:setup again.'
    ]);
  }
  return value;
}

/** An existing, unexpired org under the alias, if any: re-running the setup reuses it. */
async function existingOrg(alias: string): Promise<OrgDisplay | undefined> {
  try {
    const org = (await runSf(['org', 'display', '--target-org', alias])) as OrgDisplay;
    const expired = org.status === 'Expired' || (org.expirationDate !== undefined && Date.parse(org.expirationDate) < Date.now());
    return expired ? undefined : org;
  } catch (error) {
    if (error instanceof SfCommandError) return undefined;
    throw error;
  }
}

function componentFailures(error: SfCommandError): ComponentFailure[] {
  const failure = error.failure as {
    result?: { details?: { componentFailures?: ComponentFailure | ComponentFailure[] } };
    data?: { details?: { componentFailures?: ComponentFailure | ComponentFailure[] } };
  };
  const list = failure.result?.details?.componentFailures ?? failure.data?.details?.componentFailures ?? [];
  return Array.isArray(list) ? list : [list];
}

/** The persona users of the org, by persona key (matched on the User.Alias of their definition file). */
async function personaUsers(alias: string): Promise<Map<string, UserRecord>> {
  const aliases = new Map(PERSONAS.map((persona) => [personaFile(persona).Alias, persona.key]));
  const found = (await stepSf(
    'users',
    [
      'data',
      'query',
      '--query',
      `SELECT Id, Username, Alias FROM User WHERE IsActive = true AND Alias IN (${soqlList([...aliases.keys()])})`,
      '--target-org',
      alias
    ],
    ['Check that the org is up: sf org display --target-org ' + alias]
  )) as QueryResult<UserRecord>;
  const users = new Map<string, UserRecord>();
  for (const record of found.records ?? []) {
    const key = aliases.get(record.Alias);
    if (key) users.set(key, record);
  }
  return users;
}

async function createPersonas(
  alias: string,
  say: (status: StepResult['status'], detail: string) => void
): Promise<Map<string, UserRecord>> {
  const existing = await personaUsers(alias);
  const missing = PERSONAS.filter((persona) => !existing.has(persona.key));
  for (const persona of missing) {
    try {
      await runSf(
        [
          'org',
          'create',
          'user',
          '--definition-file',
          persona.definitionFile,
          '--set-alias',
          `${alias}-${persona.key}`,
          '--target-org',
          alias
        ],
        { cwd: PROJECT_ROOT }
      );
    } catch (error) {
      if (!(error instanceof SfCommandError)) throw error;
      const licenses = /no available user licenses/i.test(error.message);
      throw new SetupStepError('users', `creating ${persona.key} (${persona.definitionFile}): ${error.message}`, [
        ...error.actions,
        licenses
          ? `Free a license of the profile in ${persona.definitionFile}, or set its "profileName" to a profile whose license the org has.`
          : 'Run npm run org:setup again: users already created are found by their Alias and kept.'
      ]);
    }
  }
  const users = missing.length === 0 ? existing : await personaUsers(alias);
  for (const persona of PERSONAS)
    if (!users.has(persona.key))
      throw new SetupStepError('users', `${persona.key} was created but no active user has the Alias of ${persona.definitionFile}.`, [
        `Query it: sf data query --query "SELECT Username, Alias, IsActive FROM User" --target-org ${alias}`
      ]);
  say(
    missing.length === 0 ? 'skipped' : 'done',
    missing.length === 0 ? `all ${PERSONAS.length} personas exist` : `created ${missing.map((persona) => persona.key).join(', ')}`
  );
  return users;
}

/** Assigns each user their permission set group: sets go through the groups, never one by one. */
async function assignGroups(
  alias: string,
  wanted: Array<{ userId: string; group: string }>,
  say: (status: StepResult['status'], detail: string) => void
) {
  const actions = ['Check that the deploy created the permission set groups, then run npm run org:setup again.'];
  const groups = (await stepSf(
    'permission set groups',
    [
      'data',
      'query',
      '--query',
      `SELECT Id, DeveloperName, Status FROM PermissionSetGroup WHERE DeveloperName IN (${soqlList(PERMISSION_SET_GROUPS)})`,
      '--target-org',
      alias
    ],
    actions
  )) as QueryResult<{ Id: string; DeveloperName: string; Status: string }>;
  const byName = new Map((groups.records ?? []).map((group) => [group.DeveloperName, group]));
  for (const name of PERMISSION_SET_GROUPS) {
    const group = byName.get(name);
    if (!group) throw new SetupStepError('permission set groups', `the group ${name} is not in the org.`, actions);
    // A group is assignable once Salesforce has recalculated it ("Updated"); right after a deploy it may still be "Updating".
    if (group.Status !== 'Updated')
      throw new SetupStepError('permission set groups', `the group ${name} is "${group.Status}", not yet "Updated".`, [
        'Wait a minute for Salesforce to recalculate it, then run npm run org:setup again.'
      ]);
  }
  const assigned = (await stepSf(
    'permission set groups',
    [
      'data',
      'query',
      '--query',
      `SELECT AssigneeId, PermissionSetGroupId FROM PermissionSetAssignment WHERE PermissionSetGroupId IN (${soqlList([...byName.values()].map((group) => group.Id))})`,
      '--target-org',
      alias
    ],
    actions
  )) as QueryResult<{ AssigneeId: string; PermissionSetGroupId: string }>;
  const have = new Set((assigned.records ?? []).map((row) => `${row.AssigneeId}:${row.PermissionSetGroupId}`));
  const todo = wanted.filter(({ userId, group }) => !have.has(`${userId}:${byName.get(group)!.Id}`));
  for (const { userId, group } of todo) {
    await stepSf(
      'permission set groups',
      [
        'data',
        'create',
        'record',
        '--sobject',
        'PermissionSetAssignment',
        '--values',
        `AssigneeId=${userId} PermissionSetGroupId=${byName.get(group)!.Id}`,
        '--target-org',
        alias
      ],
      actions
    );
  }
  say(
    todo.length === 0 ? 'skipped' : 'done',
    todo.length === 0 ? 'already assigned' : `assigned ${todo.length} of ${wanted.length} (${PERMISSION_SET_GROUPS.join(', ')})`
  );
}

async function assignRunner(alias: string, runner: UserRecord, say: (status: StepResult['status'], detail: string) => void) {
  try {
    await runSf([
      'org',
      'assign',
      'permset',
      '--name',
      HEALTH_RUNNER.permissionSet,
      '--on-behalf-of',
      runner.Username,
      '--target-org',
      alias
    ]);
    say('done', `${HEALTH_RUNNER.permissionSet} assigned to ${runner.Username}`);
  } catch (error) {
    if (!(error instanceof SfCommandError)) throw error;
    const failures = (error.failure.result as { failures?: Array<{ message?: string }> } | undefined)?.failures ?? [];
    if (failures.length > 0 && failures.every((failure) => /duplicate/i.test(failure.message ?? ''))) {
      say('skipped', `${HEALTH_RUNNER.permissionSet} already assigned to ${runner.Username}`);
      return;
    }
    throw new SetupStepError('health runner', error.message, [
      'Check that the deploy created the permission set, then run npm run org:setup again.'
    ]);
  }
}

type HealthEnvelope = { status?: number; name?: string; message?: string; result?: { score?: number; push?: { created?: number } } };

/** Runs the project's own health check with --push, as a user would: `npm run health -- -o ALIAS --push`. */
function runHealth(alias: string): Promise<{ code: number; envelope?: HealthEnvelope }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(TSX, [join(PROJECT_ROOT, 'scripts', 'health', 'cli.ts'), '--target-org', alias, '--push', '--json'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'ignore']
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      let envelope: HealthEnvelope | undefined;
      try {
        envelope = JSON.parse(stdout) as HealthEnvelope;
      } catch {
        envelope = undefined;
      }
      resolvePromise({ code: code ?? -1, envelope });
    });
  });
}

async function firstHealthCheck(alias: string, say: (status: StepResult['status'], detail: string) => void) {
  const runs = (await stepSf(
    'first health check',
    ['data', 'query', '--query', 'SELECT COUNT() FROM Health_Check_Run__c', '--target-org', alias],
    ['Check that the deploy created Health_Check_Run__c, then run npm run org:setup again.']
  )) as QueryResult<never>;
  if ((runs.totalSize ?? 0) > 0) {
    say('skipped', 'a run is already in the org');
    return;
  }
  const { envelope } = await runHealth(alias);
  // Exit 1 (a finding at or above --fail-on) and 3 (incomplete) still push; only a missing push summary is a failure.
  const pushed = envelope?.result?.push;
  if (!pushed)
    throw new SetupStepError('first health check', envelope?.message ?? 'the health check printed no result.', [
      `Run it by hand to see why: npm run health -- -o ${alias} --push`
    ]);
  say('done', `score ${envelope.result?.score ?? '?'}, ${pushed.created ?? 0} findings pushed`);
}

export async function runSetup(options: SetupOptions): Promise<SetupResult> {
  const steps: StepResult[] = [];
  const sayFor = (step: StepName) => (status: StepResult['status'], detail: string) => {
    steps.push({ name: step, status, detail });
    options.progress(`[${STEP_NAMES.indexOf(step) + 1}/${STEP_NAMES.length}] ${step}: ${detail}`);
  };
  const say = (step: StepName, status: StepResult['status'], detail: string) => sayFor(step)(status, detail);
  const { alias } = options;

  const hub = await devHub();
  say('dev hub', 'done', `using ${hub}`);

  let org = await existingOrg(alias);
  if (org) {
    say('scratch org', 'skipped', `reusing ${org.username ?? alias}`);
  } else {
    const args = [
      'org',
      'create',
      'scratch',
      '--definition-file',
      options.definitionFile,
      '--alias',
      alias,
      '--duration-days',
      String(options.durationDays),
      '--wait',
      '10'
    ];
    if (options.setDefault) args.push('--set-default');
    await stepSf('scratch org', args, ['Check the Dev Hub login (sf org list) and its daily scratch org limit.'], { cwd: PROJECT_ROOT });
    org = (await runSf(['org', 'display', '--target-org', alias])) as OrgDisplay;
    say('scratch org', 'done', `created ${org.username ?? alias}`);
  }

  try {
    await runSf(['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', alias, '--wait', '30'], { cwd: PROJECT_ROOT });
    say('deploy', 'done', 'force-app deployed');
  } catch (error) {
    if (!(error instanceof SfCommandError)) throw error;
    const failures = componentFailures(error)
      .slice(0, 5)
      .map((failure) =>
        `${failure.componentType ?? ''} ${failure.fullName ?? ''} (${failure.fileName ?? failure.filePath ?? 'unknown file'}): ${failure.problem ?? ''}`.trim()
      );
    throw new SetupStepError('deploy', failures.length > 0 ? failures.join('; ') : error.message, [
      'Fix the component named above, then run npm run org:setup again: it reuses the org.'
    ]);
  }

  const users = await createPersonas(alias, sayFor('users'));
  const admin = (await stepSf(
    'users',
    ['org', 'display', 'user', '--target-org', alias],
    ['Check the org login: sf org display --target-org ' + alias]
  )) as {
    id: string;
    username?: string;
  };
  await assignGroups(
    alias,
    [
      { userId: admin.id, group: SETUP_USER_GROUP },
      ...PERSONAS.map((persona) => ({ userId: users.get(persona.key)!.Id, group: persona.permissionSetGroup }))
    ],
    sayFor('permission set groups')
  );
  await assignRunner(alias, users.get(HEALTH_RUNNER.persona)!, sayFor('health runner'));

  if (!options.sampleData) {
    say('sample data', 'skipped', '--no-sample-data');
  } else {
    const count = (await stepSf(
      'sample data',
      ['data', 'query', '--query', "SELECT COUNT() FROM Governance_Area__c WHERE Area_Key__c = 'IDENTITY.MFA'", '--target-org', alias],
      ['Check that the deploy created Governance_Area__c, then run npm run org:setup again.']
    )) as { totalSize?: number };
    if ((count.totalSize ?? 0) > 0) {
      say('sample data', 'skipped', 'already imported');
    } else {
      const resolved = await resolveSampleData(join(PROJECT_ROOT, 'data'), {
        setupUser: admin.id,
        ...Object.fromEntries([...users].map(([key, user]) => [key, user.Id]))
      });
      try {
        const imported = (await stepSf(
          'sample data',
          ['data', 'import', 'tree', '--plan', resolved.planPath, '--target-org', alias],
          ['Run npm run org:setup again; areas already imported are detected and skipped.']
        )) as unknown[];
        say(
          'sample data',
          'done',
          `imported ${Array.isArray(imported) ? imported.length : 0} records, owned by the ${PERSONAS.length} personas and you`
        );
      } finally {
        await rm(resolved.dir, { recursive: true, force: true });
      }
    }
  }

  await firstHealthCheck(alias, sayFor('first health check'));

  // The instance URL, never `sf org open --url-only`: its frontdoor URL carries a session id.
  const instanceUrl = org.instanceUrl ?? '';
  say('org URL', 'done', `${instanceUrl} (open it with: sf org open --target-org ${alias})`);
  return {
    alias,
    username: org.username ?? '',
    orgId: org.id ?? org.orgId ?? '',
    instanceUrl,
    users: PERSONAS.map((persona) => ({
      persona: persona.key,
      username: users.get(persona.key)!.Username,
      alias: `${alias}-${persona.key}`
    })),
    steps
  };
}

export function checkDefinitionFile(path: string): string {
  const full = resolve(PROJECT_ROOT, path);
  if (!existsSync(full))
    throw new ConsoleError(
      'DefinitionFileMissing',
      `The scratch org definition file ${path} does not exist (--definition-file).`,
      ['Pass an existing file, e.g. config/project-scratch-def.json.'],
      2
    );
  return full;
}
