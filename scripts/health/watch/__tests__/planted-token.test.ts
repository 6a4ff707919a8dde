import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../../emulator/datasets';
import { runScript, startLiveOrg } from '../../../test-support/liveOrg';
import { startSmtpReceiver, startWebhookReceiver } from '../../../test-support/receivers';
import { permissionSetXml, profileXml, SFDX_PROJECT, SOURCE, userPermission, writeTree } from '../../__tests__/core-fixtures';
import { FORMATS } from '../../flags';
import { REDACTED } from '../redact';

jest.setTimeout(300_000);

/** A Salesforce access token, as someone might paste it into a label, a reason or a record. */
const TOKEN = '00D000000000001!AQ4AQPlantedTokenQ0pZ2x3y4z5a6b7c8d9e0f1g2h3i4j5k6';
const SMTP_PASSWORD = 'planted-smtp-password-51';
const HOOK_SECRET = 'plantedHookSecret0123456789';

describe('a token planted in every input appears in no output', () => {
  it('offline: metadata, suppressions, baseline result and environment; every report format, the history and the notifications', async () => {
    const dir = writeTree({
      'sfdx-project.json': SFDX_PROJECT,
      [`${SOURCE}/profiles/Ops.profile-meta.xml`]: profileXml([userPermission('ModifyAllData')], { custom: true, ipRanges: true }).replace(
        '<custom>',
        `<description>temporary access, token ${TOKEN}</description>\n    <custom>`
      ),
      [`${SOURCE}/permissionsets/Ops_Helper.permissionset-meta.xml`]: permissionSetXml(`Helper ${TOKEN}`, [userPermission('ViewAllData')]),
      'suppressions.json': JSON.stringify([
        { ruleId: 'perm.view-all-data', component: 'Ops_Helper', reason: `approved, see ${TOKEN}`, expires: '2999-12-31' }
      ]),
      'baseline.json': JSON.stringify({
        status: 0,
        result: {
          startedAt: '2026-11-01T08:00:00.000Z',
          score: 50,
          grade: 'Poor',
          counts: {},
          findings: [
            {
              key: `perm.dangerous:Profile:${TOKEN}`,
              ruleId: 'perm.dangerous',
              severity: 'high',
              title: TOKEN,
              component: { type: 'Profile', name: TOKEN }
            }
          ]
        }
      })
    });
    const hook = await startWebhookReceiver();
    const smtp = await startSmtpReceiver({ user: 'runner', password: SMTP_PASSWORD });
    try {
      const env = {
        ...process.env,
        CONSOLE_NOTIFY_WEBHOOK_URL: `${hook.url}/hook/${HOOK_SECRET}?token=${TOKEN}`,
        CONSOLE_SMTP_HOST: '127.0.0.1',
        CONSOLE_SMTP_PORT: String(smtp.port),
        CONSOLE_SMTP_USER: 'runner',
        CONSOLE_SMTP_PASSWORD: SMTP_PASSWORD,
        CONSOLE_SMTP_FROM: 'health@acme.example',
        CONSOLE_SMTP_TO: 'it@acme.example'
      };
      const common = [
        '-d',
        dir,
        '--allow-partial',
        '--suppressions',
        join(dir, 'suppressions.json'),
        '--baseline-result',
        join(dir, 'baseline.json')
      ];
      const outputs: string[] = [];
      const main = await runScript(
        'scripts/health/cli.ts',
        [...common, '--history', join(dir, 'history'), '--notify', 'webhook,email', '--json'],
        env
      );
      expect(main.code).toBe(0);
      outputs.push(main.stdout, main.stderr);
      for (const format of FORMATS) {
        const file = join(dir, `report.${format}`);
        const run = await runScript('scripts/health/cli.ts', [...common, '--format', format, '--output', file], env);
        expect(run.code).toBe(0);
        outputs.push(readFileSync(file, 'utf8'), run.stdout, run.stderr);
      }
      const history = join(dir, 'history');
      outputs.push(...readdirSync(history).map((name) => readFileSync(join(history, name), 'utf8')));
      // The receiver is sent to the URL (its secret included, necessarily); what it is sent has none.
      outputs.push(...hook.received.map((request) => JSON.stringify(request.body)));
      outputs.push(
        ...smtp.mails.map((mail) => Buffer.from(mail.data.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8'))
      );

      // The notifications did go out, and the planted inputs did reach the outputs, redacted.
      expect(hook.received).toHaveLength(1);
      expect(smtp.mails.length).toBeGreaterThan(0);
      // The quarterly report lists metrics and owners, not the finding details the token was planted in.
      const detailed = FORMATS.filter((format) => format !== 'report');
      expect(outputs.filter((output) => output.includes(REDACTED)).length).toBeGreaterThan(detailed.length);
      for (const output of outputs) {
        expect(output).not.toContain(TOKEN);
        expect(output).not.toContain('PlantedToken');
        expect(output).not.toContain(SMTP_PASSWORD);
      }
    } finally {
      await hook.stop();
      await smtp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('live: a token in the org records (an Accountable name) and the session token; reports and notifications', async () => {
    const dataset = loadDataset('acme');
    const ivy = dataset.sobjects.User.find((user) => user.Username === 'ivy.platform@acme.example')!;
    ivy.Name = `Ivy Platform ${TOKEN}`;
    const org = await startLiveOrg({ dataset });
    const hook = await startWebhookReceiver();
    try {
      const report = join(org.stateDir, 'report.md');
      const run = await org.run(
        'scripts/health/cli.ts',
        ['--target-org', org.alias, '--notify', 'webhook', '--format', 'markdown', '--output', report],
        {
          CONSOLE_NOTIFY_WEBHOOK_URL: `${hook.url}/hook/${HOOK_SECRET}`
        }
      );
      expect(run.code).not.toBe(2);
      const markdown = readFileSync(report, 'utf8');
      const payload = JSON.stringify(hook.received.map((request) => request.body));
      expect(markdown).toContain(`Ivy Platform ${REDACTED}`);
      expect(payload).toContain(`Ivy Platform ${REDACTED}`);
      for (const output of [markdown, payload, run.stdout, run.stderr]) {
        expect(output).not.toContain(TOKEN);
        expect(output).not.toContain(org.emulator.accessToken);
      }
    } finally {
      await hook.stop();
      await org.stop();
    }
  });
});
