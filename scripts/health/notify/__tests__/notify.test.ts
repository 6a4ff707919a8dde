import { sampleResult } from '../../__tests__/reporters-fixture';
import type { HealthCheckResult } from '../../result';
import type { OrgSnapshot } from '../../snapshot';
import {
  downUrl,
  slackShapeError,
  startSmtpReceiver,
  startWebhookReceiver,
  teamsShapeError,
  type WebhookReceiver
} from '../../../test-support/receivers';
import { retryAfterMs } from '../http';
import { planNotifications, sendNotifications } from '../index';
import { digestOf } from '../select';

jest.setTimeout(60_000);

const SECRET_PATH = '/services/T0000/B0000/XXXXsecretXXXXpathXXXX';
const IVY = '005000000000001AAA';

function result(): HealthCheckResult {
  const sample = sampleResult();
  // A remediation with a line that starts with "." exercises SMTP dot-stuffing.
  sample.findings[0].remediation = 'Remove Modify All Data.\n.Then review who still holds it.';
  return sample;
}

const snapshot = {
  users: [
    {
      id: IVY,
      username: 'ivy@acme.example',
      name: 'Ivy Platform',
      email: 'ivy@acme.example',
      isActive: true,
      profileName: 'x',
      userType: 'Standard'
    }
  ]
} as unknown as OrgSnapshot;
const context = { failOn: 'never' as const, failOnNew: 'never' as const, snapshot };

describe('the digest', () => {
  it('groups the open new and breached findings by Accountable, with remediation and the record link', () => {
    const sample = result();
    const links = new Map([
      [sample.findings[0].key, 'https://acme.my.salesforce.com/lightning/r/Health_Finding__c/a07000000000001AAA/view']
    ]);
    const digest = digestOf(sample, { thresholds: ['critical'], links, emails: new Map([[IVY, 'ivy@acme.example']]) }, 'org X');
    const ivy = digest.groups.find((group) => group.accountable === 'Ivy Platform')!;
    expect(ivy.email).toBe('ivy@acme.example');
    expect(ivy.findings[0]).toMatchObject({
      ruleId: 'perm.modify-all-data',
      reasons: ['new', 'breached'],
      link: links.get(sample.findings[0].key)
    });
    expect(ivy.findings[0].remediation).toContain('Remove Modify All Data');
    // Findings with nobody named come last, under their own heading; accepted ones are not news.
    expect(digest.groups[digest.groups.length - 1].accountable).toBe('No Accountable named');
    const keys = digest.groups.flatMap((group) => group.findings.map((finding) => finding.key));
    expect(keys).not.toContain(sample.findings.find((finding) => finding.status === 'accepted')!.key);
  });

  it('leaves out unchanged findings below the gates once a run is compared', () => {
    const sample = result();
    sample.history = { newCount: 0, unchangedCount: sample.findings.length, resolved: [], trend: [] };
    sample.findings.forEach((finding) => (finding.change = 'unchanged'));
    expect(digestOf(sample, { thresholds: [] }, 'x').groups).toEqual([]);
    const gated = digestOf(sample, { thresholds: ['critical'] }, 'x');
    expect(gated.groups.flatMap((group) => group.findings.map((finding) => finding.ruleId))).toEqual(['perm.modify-all-data']);
  });
});

describe('channels', () => {
  const receivers: WebhookReceiver[] = [];
  afterAll(() => Promise.all(receivers.map((receiver) => receiver.stop())));
  const receiver = async (options: Parameters<typeof startWebhookReceiver>[0]) => {
    const started = await startWebhookReceiver(options);
    receivers.push(started);
    return started;
  };

  it('posts Block Kit to Slack, an Adaptive Card to Teams and the digest to a generic webhook', async () => {
    const slack = await receiver({ validate: slackShapeError });
    const teams = await receiver({ validate: teamsShapeError, okBody: '1' });
    const hook = await receiver({});
    const plan = planNotifications(['slack', 'teams', 'webhook'], {
      CONSOLE_SLACK_WEBHOOK_URL: `${slack.url}${SECRET_PATH}`,
      CONSOLE_TEAMS_WEBHOOK_URL: `${teams.url}/webhookb2/secret`,
      CONSOLE_NOTIFY_WEBHOOK_URL: hook.url
    });
    const outcomes = await sendNotifications(plan, result(), context);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['sent', 'sent', 'sent']);
    expect(slack.received[0].path).toBe(SECRET_PATH);
    const blocks = (slack.received[0].body as { blocks: Array<{ type: string; text?: { text: string } }> }).blocks;
    expect(blocks[0].type).toBe('header');
    const text = blocks.map((block) => block.text?.text ?? '').join('\n');
    expect(text).toMatch(/\*Accountable: Ivy Platform\* \(1\)/);
    expect(text).toContain('_Fix:_ Remove Modify All Data.');
    const card = (teams.received[0].body as { attachments: Array<{ content: { body: Array<{ text?: string }> } }> }).attachments[0].content;
    expect(card.body.map((element) => element.text ?? '').join('\n')).toContain('Accountable: Ivy Platform (1)');
    expect(hook.received[0].body).toMatchObject({ event: 'crm-health-check', version: 1, groups: expect.any(Array) });
  });

  it('a Slack payload outside Block Kit is refused by the receiver: the shape check can fail', () => {
    expect(slackShapeError({ blocks: [{ type: 'section', text: { type: 'markdown', text: 'x' } }] })).toBe('invalid_blocks');
    expect(teamsShapeError({ type: 'message', attachments: [{ contentType: 'application/json', content: {} }] })).toMatch(/contentType/);
  });

  it('retries a 429 after its Retry-After, and a 503, then succeeds', async () => {
    const slack = await receiver({
      validate: slackShapeError,
      script: [
        { status: 429, headers: { 'Retry-After': '1' }, body: 'rate_limited' },
        { status: 503, body: 'unavailable' }
      ]
    });
    const plan = planNotifications(['slack'], { CONSOLE_SLACK_WEBHOOK_URL: `${slack.url}${SECRET_PATH}` });
    const [outcome] = await sendNotifications(plan, result(), context);
    expect(outcome).toMatchObject({ status: 'sent', attempts: 3 });
    expect(slack.received[1].at - slack.received[0].at).toBeGreaterThanOrEqual(950);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
  });

  it('reports a receiver that is down, and one that rejects the payload, without the URL secret', async () => {
    const refusing = await receiver({ script: [{ status: 404, body: 'no_service' }] });
    const plan = planNotifications(['slack', 'webhook'], {
      CONSOLE_SLACK_WEBHOOK_URL: `${await downUrl()}${SECRET_PATH}`,
      CONSOLE_NOTIFY_WEBHOOK_URL: `${refusing.url}/hook?token=sekrit-token-123`
    });
    const [down, rejected] = await sendNotifications(plan, result(), context);
    expect(down).toMatchObject({ channel: 'slack', status: 'failed', attempts: 4 });
    expect(down.error).toMatch(/http:\/\/127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\); gave up after 4 attempts/);
    // 4xx other than 429 is not retried: the URL or payload is wrong and will stay wrong.
    expect(rejected).toMatchObject({ status: 'failed', attempts: 1 });
    expect(rejected.error).toContain('answered 404 (no_service)');
    expect(JSON.stringify([down, rejected])).not.toMatch(/secret|sekrit/);
  });

  it('names the missing environment variable (exit 2), never a value', () => {
    expect(() => planNotifications(['teams'], {})).toThrow(/--notify teams: CONSOLE_TEAMS_WEBHOOK_URL is not set/);
    expect(() => planNotifications(['email'], { CONSOLE_SMTP_HOST: '127.0.0.1' })).toThrow(/CONSOLE_SMTP_FROM is not set/);
    try {
      planNotifications(['slack'], { CONSOLE_SLACK_WEBHOOK_URL: 'hooks.slack.com/services/abc' });
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2 });
      expect((error as Error).message).not.toContain('abc');
    }
  });
});

describe('e-mail over SMTP', () => {
  it('authenticates, sends one message per Accountable to their address, dot-stuffed, after a 421 greeting', async () => {
    const smtp = await startSmtpReceiver({ user: 'runner', password: 'smtp-pass-word', busyGreetings: 1 });
    try {
      const plan = planNotifications(['email'], {
        CONSOLE_SMTP_HOST: '127.0.0.1',
        CONSOLE_SMTP_PORT: String(smtp.port),
        CONSOLE_SMTP_USER: 'runner',
        CONSOLE_SMTP_PASSWORD: 'smtp-pass-word',
        CONSOLE_SMTP_FROM: 'CRM Health <health@acme.example>',
        CONSOLE_SMTP_TO: 'it-security@acme.example'
      });
      const [outcome] = await sendNotifications(plan, result(), context);
      expect(outcome).toMatchObject({ channel: 'email', status: 'sent' });
      expect(smtp.mails.map((mail) => mail.to)).toEqual([['ivy@acme.example'], ['it-security@acme.example']]);
      const [ivy] = smtp.mails;
      expect(ivy).toMatchObject({ from: 'health@acme.example', user: 'runner' });
      expect(ivy.data).toMatch(/^Subject: CRM health check: 1 finding\(s\) for Ivy Platform$/m);
      const body = Buffer.from(ivy.data.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8');
      expect(body).toContain('Fix: Remove Modify All Data.\r\n.Then review who still holds it.');
      expect(smtp.sessions).toBe(3);
    } finally {
      await smtp.stop();
    }
  });

  it('fails, with the reply, on wrong credentials (5xx is not retried)', async () => {
    const smtp = await startSmtpReceiver({ user: 'runner', password: 'right' });
    try {
      const plan = planNotifications(['email'], {
        CONSOLE_SMTP_HOST: '127.0.0.1',
        CONSOLE_SMTP_PORT: String(smtp.port),
        CONSOLE_SMTP_USER: 'runner',
        CONSOLE_SMTP_PASSWORD: 'wrong-password-value',
        CONSOLE_SMTP_FROM: 'health@acme.example',
        CONSOLE_SMTP_TO: 'it@acme.example'
      });
      const [outcome] = await sendNotifications(plan, result(), context);
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toMatch(/AUTH PLAIN was refused: 535/);
      expect(outcome.error).not.toContain('wrong-password-value');
      expect(smtp.mails).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });
});
