import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { loadDataset } from '../../emulator/datasets';
import { startTlsLoginHost } from '../../emulator/oauth';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { runSf, sfEnvFor } from '../../lib/sfCli';
import { runScript } from '../../test-support/liveOrg';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..', '..');
const CLIENT_ID = `3MVG9${randomBytes(20).toString('hex')}`;
const CLIENT_SECRET = randomBytes(16).toString('hex').toUpperCase();
const REFRESH_TOKEN = `5Aep861${randomBytes(24).toString('hex')}`;

type Workflow = { jobs: Record<string, { steps: Array<{ name?: string; run?: string }> }> };

/** The recipe's own login commands, as CI would run them. */
const jwtStep = (parse(readFileSync(join(ROOT, '.github', 'workflows', 'health-check.yml'), 'utf8')) as Workflow).jobs.live.steps.find(
  (step) => /sf org login jwt/.test(step.run ?? '')
)!.run!;
const sfdxUrlLine = (parse(readFileSync(join(ROOT, '.gitlab-ci.yml'), 'utf8')) as Record<string, { script?: string[] }>)[
  'health-live'
].script!.find((line) => line.includes('sf org login sfdx-url'))!;

function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('the CI recipes log the real sf CLI in through the emulator OAuth token endpoint', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let emulator: RunningEmulator;
  let work: string;
  const ciEnv = (stateDir: string, extra: NodeJS.ProcessEnv) => {
    const env = sfEnvFor(stateDir);
    // As on a CI runner after `npm ci`: the project's node and sf come first on the PATH.
    return { ...env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`, RUNNER_TEMP: work, ...extra };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'console-ci-'));
    emulator = await startEmulator({
      dataset: loadDataset('acme'),
      oauth: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        certificatePem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        refreshTokens: [REFRESH_TOKEN]
      }
    });
  });
  afterAll(async () => {
    await emulator?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('GitHub: sf org login jwt (JWT bearer flow), then the health check runs on that login', async () => {
    const stateDir = join(work, 'jwt-state');
    const env = ciEnv(stateDir, {
      SF_JWT_KEY: privatePem,
      SF_CLIENT_ID: CLIENT_ID,
      SF_USERNAME: emulator.username,
      SF_INSTANCE_URL: emulator.url
    });
    const login = await bash(jwtStep, env);
    expect(login.stderr + login.stdout).not.toContain('PRIVATE KEY');
    expect(login.code).toBe(0);
    const org = (await runSf(['org', 'display', '--target-org', 'health-org'], { env })) as {
      instanceUrl: string;
      username: string;
      id: string;
    };
    expect(org).toMatchObject({ instanceUrl: emulator.url, username: emulator.username, id: emulator.orgId });
    // The key file the step wrote is gone.
    expect(spawnSync('ls', [work]).stdout.toString()).not.toContain('sf-jwt.key');

    const check = await runScript('scripts/health/cli.ts', ['--target-org', 'health-org', '--json'], env);
    expect(JSON.parse(check.stdout).result).toMatchObject({ source: 'org', orgId: emulator.orgId });
  });

  it('GitHub: a key the connected app does not hold is refused, and the step fails', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env = ciEnv(join(work, 'bad-state'), {
      SF_JWT_KEY: other,
      SF_CLIENT_ID: CLIENT_ID,
      SF_USERNAME: emulator.username,
      SF_INSTANCE_URL: emulator.url
    });
    const login = await bash(jwtStep, env);
    expect(login.code).not.toBe(0);
    expect(login.stderr + login.stdout).toMatch(/invalid assertion/);
  });

  it('GitLab: sf org login sfdx-url (refresh-token flow) through an HTTPS login host', async () => {
    // The auth URL names a host and the CLI logs in at https://host: a TLS front with a certificate
    // for 127.0.0.1 stands in for login.salesforce.com; the CLI trusts it as it trusts a corporate CA.
    const cert = join(work, 'login.crt');
    const key = join(work, 'login.key');
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1'
    ]);
    expect(made.status).toBe(0);
    const host = await startTlsLoginHost(emulator.url, { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') });
    try {
      const env = ciEnv(join(work, 'url-state'), {
        SFDX_AUTH_URL: `force://${CLIENT_ID}:${CLIENT_SECRET}:${REFRESH_TOKEN}@${host.host}`,
        NODE_EXTRA_CA_CERTS: cert
      });
      const login = await bash(sfdxUrlLine, env);
      expect(login.code).toBe(0);
      expect(login.stdout + login.stderr).not.toContain(REFRESH_TOKEN);
      const org = (await runSf(['org', 'display', '--target-org', 'health-org'], { env })) as { instanceUrl: string; username: string };
      expect(org).toMatchObject({ instanceUrl: emulator.url, username: emulator.username });

      const revoked = await bash(sfdxUrlLine, {
        ...env,
        SFDX_AUTH_URL: `force://${CLIENT_ID}:${CLIENT_SECRET}:5Aep861revoked@${host.host}`
      });
      expect(revoked.code).not.toBe(0);
      expect(revoked.stdout + revoked.stderr).toMatch(/expired access\/refresh token/);
    } finally {
      await host.stop();
    }
  });
});
