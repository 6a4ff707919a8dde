import { loadDataset } from '../../../emulator/datasets';
import { STACK_LINE, startLiveOrg, type LiveOrg } from '../../../test-support/liveOrg';
import { downUrl, slackShapeError, startSmtpReceiver, startWebhookReceiver } from '../../../test-support/receivers';
import type { HealthCheckResult } from '../../result';

jest.setTimeout(240_000);

describe('--push --notify against the emulated org', () => {
  let org: LiveOrg;
  beforeAll(async () => {
    org = await startLiveOrg({ dataset: loadDataset('acme') });
  });
  afterAll(() => org?.stop());

  it('tells each Accountable, links the pushed records, and reports the channel that is down', async () => {
    const slack = await startWebhookReceiver({ validate: slackShapeError, script: [{ status: 429, headers: { 'Retry-After': '1' } }] });
    const smtp = await startSmtpReceiver();
    const teams = `${await downUrl()}/webhookb2/teams-secret-path`;
    try {
      const output = await org.run(
        'scripts/health/cli.ts',
        ['--target-org', org.alias, '--push', '--notify', 'slack,teams,email', '--fail-on', 'critical', '--json'],
        {
          CONSOLE_SLACK_WEBHOOK_URL: `${slack.url}/services/T1/B1/slack-secret-path`,
          CONSOLE_TEAMS_WEBHOOK_URL: teams,
          CONSOLE_SMTP_HOST: '127.0.0.1',
          CONSOLE_SMTP_PORT: String(smtp.port),
          CONSOLE_SMTP_FROM: 'health@acme.example',
          CONSOLE_SMTP_TO: 'it-security@acme.example'
        }
      );
      const result = (JSON.parse(output.stdout) as { result: HealthCheckResult }).result;
      // The gate decides the exit code; a failed notification is reported, not hidden behind it.
      expect(output.code).toBe(1);
      expect(result.notifications?.map((outcome) => [outcome.channel, outcome.status])).toEqual([
        ['slack', 'sent'],
        ['teams', 'failed'],
        ['email', 'sent']
      ]);
      expect(output.stderr).toMatch(
        /Warning: notification to teams FAILED after 4 attempt\(s\): http:\/\/127\.0\.0\.1:\d+ could not be reached/
      );
      expect(output.stdout + output.stderr).not.toMatch(/slack-secret-path|teams-secret-path/);
      expect(output.stderr).not.toMatch(STACK_LINE);

      // Slack got it on the second try, with a link to the pushed Health_Finding__c of each finding.
      expect(slack.received).toHaveLength(2);
      const text = (slack.received[1].body as { blocks: Array<{ text?: { text: string } }> }).blocks
        .map((block) => block.text?.text ?? '')
        .join('\n');
      const shadow = org.emulator
        .records('Health_Finding__c')
        .find((row) => row.Finding_Key__c === 'perm.modify-all-data:PermissionSet:Shadow_Admin')!;
      expect(text).toContain(`<${org.emulator.url}/lightning/r/Health_Finding__c/${shadow.Id}/view|Open the finding in the org>`);
      expect(text).toMatch(/\*Accountable: Ivy Platform\*/);

      // Ivy's mail went to Ivy's own address, as the org's User record gives it.
      const ivy = org.emulator.records('User').find((user) => user.Username === 'ivy.platform@acme.example')!;
      expect(smtp.mails.some((mail) => mail.to.includes(String(ivy.Email)) && /for Ivy Platform/.test(mail.data))).toBe(true);
    } finally {
      await slack.stop();
      await smtp.stop();
    }
  });
});
