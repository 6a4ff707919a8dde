import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePushLock } from '../lock';
import { createRedactor, REDACTED } from '../redact';

const TOKEN = '00D000000000001!AQ4AQFakeTokenValue.abcdefghijklmnopqrstuvwxyz0123456789';

describe('redaction', () => {
  const redact = createRedactor({
    CONSOLE_SMTP_PASSWORD: 'hunter2-smtp',
    SF_JWT_KEY: 'line one of a key\nsecond-line-of-the-private-key',
    PATH: '/usr/bin'
  });

  it('removes the values of secret environment variables, as written and as JSON writes them', () => {
    expect(redact('password is hunter2-smtp.')).toBe(`password is ${REDACTED}.`);
    expect(redact(JSON.stringify({ key: 'line one of a key\nsecond-line-of-the-private-key' }))).toBe(`{"key":"${REDACTED}"}`);
    expect(redact('second-line-of-the-private-key')).toBe(REDACTED);
    // Not a secret's name: left alone.
    expect(redact('/usr/bin')).toBe('/usr/bin');
  });

  it('removes secrets by their shape wherever they come from', () => {
    expect(redact(`token ${TOKEN} end`)).toBe(`token ${REDACTED} end`);
    expect(redact('force://PlatformCLI::5Aep861abcdefghijklmnopqrstuvwxyz@acme.my.salesforce.com')).toBe(
      `force://${REDACTED}@acme.my.salesforce.com`
    );
    expect(redact('https://hooks.slack.com/services/T000/B000/XXXXXXXX')).toBe(`https://hooks.slack.com/services/${REDACTED}`);
    expect(redact('https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/x/y')).toBe(
      `https://acme.webhook.office.com/webhookb2/${REDACTED}`
    );
    expect(redact('https://prod.logic.azure.com/workflows/1/triggers/manual/paths/invoke?api-version=1&sig=SIGNATURE')).toContain(
      `sig=${REDACTED}`
    );
    expect(redact('smtp://user:pa55word@mail.acme.example')).toBe(`smtp://${REDACTED}@mail.acme.example`);
    expect(redact('Authorization: Bearer abcdefghijklmnop1234')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----')).toBe(REDACTED);
    // An org id alone is not a secret.
    expect(redact('org 00D000000000001AAA')).toBe('org 00D000000000001AAA');
  });
});

describe('the push lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one run push at a time per org, and another org freely', async () => {
    const release = await acquirePushLock('00D000000000001AAA', { dir });
    await expect(acquirePushLock('00D000000000001AAA', { dir })).rejects.toMatchObject({ name: 'PushLocked' });
    const other = await acquirePushLock('00D000000000002AAA', { dir });
    other();
    release();
    (await acquirePushLock('00D000000000001AAA', { dir }))();
  });

  it('waits for the other run to release it', async () => {
    const release = await acquirePushLock('org', { dir });
    const order: string[] = [];
    setTimeout(() => {
      order.push('released');
      release();
    }, 600);
    const second = await acquirePushLock('org', { dir, waitMs: 5000 });
    order.push('acquired');
    second();
    expect(order).toEqual(['released', 'acquired']);
  });

  it('takes over a lock left by a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(join(dir, 'org.push.lock'), JSON.stringify({ pid: dead, host: hostname(), since: new Date().toISOString(), org: 'org' }));
    (await acquirePushLock('org', { dir }))();
  });
});
