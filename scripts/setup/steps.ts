import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConsoleError } from '../lib/errors';
import { runSf, SfCommandError } from '../lib/sfCli';
import { resolveSampleData } from '../metadata/sampleData';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const PERMISSION_SETS = ['Ownership_Console_Admin', 'Ownership_Console_User'];

export type SetupOptions = {
  alias: string;
  durationDays: number;
  definitionFile: string;
  sampleData: boolean;
  setDefault: boolean;
  progress: (message: string) => void;
};

export type StepResult = { name: string; status: 'done' | 'skipped'; detail: string };
export type SetupResult = { alias: string; username: string; orgId: string; instanceUrl: string; steps: StepResult[] };

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

const STEP_NAMES = ['dev hub', 'scratch org', 'deploy', 'permission sets', 'sample data', 'org URL'] as const;
type StepName = (typeof STEP_NAMES)[number];

export class SetupStepError extends ConsoleError {
  public constructor(step: StepName, message: string, actions: string[]) {
    super('SetupStepError', `Step ${STEP_NAMES.indexOf(step) + 1}/${STEP_NAMES.length} (${step}) failed: ${message}`, actions);
  }
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

export async function runSetup(options: SetupOptions): Promise<SetupResult> {
  const steps: StepResult[] = [];
  const say = (step: StepName, status: StepResult['status'], detail: string) => {
    steps.push({ name: step, status, detail });
    options.progress(`[${STEP_NAMES.indexOf(step) + 1}/${STEP_NAMES.length}] ${step}: ${detail}`);
  };
  const { alias } = options;

  const hub = await devHub();
  say('dev hub', 'done', `using ${hub}`);

  let org = await existingOrg(alias);
  if (org) {
    say('scratch org', 'skipped', `reusing ${org.username ?? alias}`);
  } else {
    try {
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
      await runSf(args, { cwd: PROJECT_ROOT });
    } catch (error) {
      if (error instanceof SfCommandError)
        throw new SetupStepError('scratch org', error.message, [
          ...error.actions,
          'Check the Dev Hub login (sf org list) and its daily scratch org limit.'
        ]);
      throw error;
    }
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

  try {
    await runSf(['org', 'assign', 'permset', ...PERMISSION_SETS.flatMap((name) => ['--name', name]), '--target-org', alias]);
    say('permission sets', 'done', `assigned ${PERMISSION_SETS.join(', ')}`);
  } catch (error) {
    if (!(error instanceof SfCommandError)) throw error;
    const failures = (error.failure.result as { failures?: Array<{ message?: string }> } | undefined)?.failures ?? [];
    if (failures.length > 0 && failures.every((failure) => /duplicate/i.test(failure.message ?? ''))) {
      say('permission sets', 'skipped', 'already assigned');
    } else {
      throw new SetupStepError('permission sets', error.message, [
        'Check that the deploy created the permission sets, then run npm run org:setup again.'
      ]);
    }
  }

  if (!options.sampleData) {
    say('sample data', 'skipped', '--no-sample-data');
  } else {
    const count = (await runSf([
      'data',
      'query',
      '--query',
      "SELECT COUNT() FROM Governance_Area__c WHERE Area_Key__c = 'IDENTITY.MFA'",
      '--target-org',
      alias
    ])) as { totalSize?: number };
    if ((count.totalSize ?? 0) > 0) {
      say('sample data', 'skipped', 'already imported');
    } else {
      const user = (await runSf(['org', 'display', 'user', '--target-org', alias])) as { id: string };
      const resolved = await resolveSampleData(join(PROJECT_ROOT, 'data'), user.id);
      try {
        const imported = (await runSf(['data', 'import', 'tree', '--plan', resolved.planPath, '--target-org', alias])) as unknown[];
        say('sample data', 'done', `imported ${Array.isArray(imported) ? imported.length : 0} records, owned by ${org.username ?? 'you'}`);
      } catch (error) {
        if (error instanceof SfCommandError)
          throw new SetupStepError('sample data', error.message, [
            'Run npm run org:setup again; areas already imported are detected and skipped.'
          ]);
        throw error;
      } finally {
        await rm(resolved.dir, { recursive: true, force: true });
      }
    }
  }

  // The instance URL, never `sf org open --url-only`: its frontdoor URL carries a session id.
  const instanceUrl = org.instanceUrl ?? '';
  say('org URL', 'done', `${instanceUrl} (open it with: sf org open --target-org ${alias})`);
  return { alias, username: org.username ?? '', orgId: org.id ?? org.orgId ?? '', instanceUrl, steps };
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
