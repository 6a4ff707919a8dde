import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseFlags } from '../../health/flags';
import { lintCi } from '../lintCi';

const ROOT = join(__dirname, '..', '..', '..');
const WORKFLOW = readFileSync(join(ROOT, '.github', 'workflows', 'health-check.yml'), 'utf8');
const GITLAB = readFileSync(join(ROOT, '.gitlab-ci.yml'), 'utf8');

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }> };

/** Every `npm run health -- ...` line of a script, as argv. */
function healthCommands(script: string): string[][] {
  return script
    .split('\n')
    .filter((line) => line.includes('npm run health --'))
    .map((line) => line.split('npm run health --')[1].split('>>')[0].trim().split(/\s+/));
}

describe('the CI recipes', () => {
  it('the GitHub workflow is valid against the published workflow schema', () => {
    expect(lintCi('github-workflow', WORKFLOW)).toEqual([]);
  });

  it('the GitLab job is valid against the published .gitlab-ci.yml schema', () => {
    expect(lintCi('gitlab-ci', GITLAB)).toEqual([]);
  });

  it('the schemas catch a broken file: the linters can fail', () => {
    expect(lintCi('github-workflow', WORKFLOW.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')).join('\n')).toMatch(
      /runs_on|required/
    );
    expect(lintCi('gitlab-ci', GITLAB.replace('  resource_group: crm-health-live', '  resource_groups: crm-health-live'))).toEqual([
      '/health-live must NOT have additional properties (resource_groups)'
    ]);
  });

  it('the workflow runs daily and on pull requests, uploads SARIF to code scanning, keeps JUnit and HTML, notifies', () => {
    const workflow = parse(WORKFLOW) as Workflow;
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['schedule', 'pull_request']));
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const sarif = steps.filter((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(sarif.map((step) => step.with?.sarif_file)).toEqual(['reports/health.sarif', 'reports/health.sarif']);
    expect(Object.values(workflow.jobs).every((job) => job.permissions?.['security-events'] === 'write')).toBe(true);
    const runs = steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toMatch(/sf org login jwt/);
    expect(runs).toMatch(/--format junit/);
    expect(runs).toMatch(/--format html/);
    expect(runs).toMatch(/--notify slack,teams,email/);
  });

  it('every health command in both files uses flags the CLI accepts', () => {
    const workflow = parse(WORKFLOW) as Workflow;
    const gitlab = parse(GITLAB) as Record<string, { script?: string[] }>;
    const scripts = [
      ...Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? '')),
      ...Object.values(gitlab).flatMap((job) => job.script ?? [])
    ];
    const commands = scripts.flatMap(healthCommands);
    expect(commands.length).toBeGreaterThanOrEqual(10);
    for (const argv of commands) expect(() => parseFlags(argv)).not.toThrow();
  });

  it('secrets reach the steps only through the environment, never inline in a command', () => {
    const workflow = parse(WORKFLOW) as Workflow;
    for (const step of Object.values(workflow.jobs).flatMap((job) => job.steps)) expect(step.run ?? '').not.toMatch(/\$\{\{\s*secrets\./);
    expect(GITLAB).not.toMatch(/force:\/\/\w/);
  });
});
