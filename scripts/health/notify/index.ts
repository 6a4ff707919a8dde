import type { Connection } from '@salesforce/core';
import { UsageError } from '../../lib/errors';
import { OrgApi } from '../collectors/api/orgApi';
import { sourceText } from '../reporters/common';
import type { FailOn, HealthCheckResult, Severity } from '../result';
import type { OrgSnapshot } from '../snapshot';
import { hostOf, postJson, type PostOutcome } from './http';
import { emailText, slackPayload, teamsPayload, webhookPayload } from './payloads';
import { digestOf } from './select';
import { sendMail, SmtpError, type SmtpConfig } from './smtp';
import type { Channel, Digest, NotificationOutcome } from './types';

/** Every secret comes from the environment, never from a flag (flags show in process lists and CI logs). */
export const NOTIFY_ENV = {
  slack: 'CONSOLE_SLACK_WEBHOOK_URL',
  teams: 'CONSOLE_TEAMS_WEBHOOK_URL',
  webhook: 'CONSOLE_NOTIFY_WEBHOOK_URL',
  smtpHost: 'CONSOLE_SMTP_HOST',
  smtpPort: 'CONSOLE_SMTP_PORT',
  smtpSecure: 'CONSOLE_SMTP_SECURE',
  smtpUser: 'CONSOLE_SMTP_USER',
  smtpPassword: 'CONSOLE_SMTP_PASSWORD',
  smtpFrom: 'CONSOLE_SMTP_FROM',
  smtpTo: 'CONSOLE_SMTP_TO'
} as const;

export type NotifyPlan = {
  channels: Channel[];
  urls: Partial<Record<'slack' | 'teams' | 'webhook', string>>;
  smtp?: SmtpConfig & { defaultTo: string[] };
};

function missing(channel: Channel, variable: string, what: string): UsageError {
  return new UsageError('NotifyNotConfigured', `--notify ${channel}: ${variable} is not set (${what}).`, [
    `Set ${variable} in the environment (a CI secret), or leave ${channel} out of --notify.`
  ]);
}

/** Reads and checks the channels' settings before the run starts: a typo fails fast with exit 2. */
export function planNotifications(channels: Channel[], env: NodeJS.ProcessEnv = process.env): NotifyPlan {
  const plan: NotifyPlan = { channels, urls: {} };
  for (const channel of channels) {
    if (channel === 'email') continue;
    const variable = NOTIFY_ENV[channel];
    const url = env[variable];
    if (!url) throw missing(channel, variable, 'the incoming webhook URL');
    if (!/^https?:\/\//.test(url))
      throw new UsageError('NotifyNotConfigured', `--notify ${channel}: ${variable} is not an http(s) URL.`, [
        `Copy the webhook URL into ${variable} again.`
      ]);
    plan.urls[channel] = url;
  }
  if (channels.includes('email')) {
    const host = env[NOTIFY_ENV.smtpHost];
    const from = env[NOTIFY_ENV.smtpFrom];
    if (!host) throw missing('email', NOTIFY_ENV.smtpHost, 'the SMTP server');
    if (!from) throw missing('email', NOTIFY_ENV.smtpFrom, 'the sender address');
    const secure = env[NOTIFY_ENV.smtpSecure] === 'true';
    const port = Number(env[NOTIFY_ENV.smtpPort] ?? (secure ? 465 : 587));
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
      throw new UsageError('NotifyNotConfigured', `--notify email: ${NOTIFY_ENV.smtpPort} must be a port number.`, [
        'Set it to 587, 465 or 25.'
      ]);
    plan.smtp = {
      host,
      port,
      secure,
      user: env[NOTIFY_ENV.smtpUser] || undefined,
      password: env[NOTIFY_ENV.smtpPassword],
      from,
      defaultTo: (env[NOTIFY_ENV.smtpTo] ?? '')
        .split(',')
        .map((to) => to.trim())
        .filter(Boolean)
    };
  }
  return plan;
}

function outcomeOf(channel: Channel, post: PostOutcome, findings: number): NotificationOutcome {
  return post.ok
    ? { channel, status: 'sent', attempts: post.attempts, findings }
    : { channel, status: 'failed', attempts: post.attempts, findings, error: post.error };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One Accountable per message, to their own address when the org gives it; transient SMTP failures retried. */
async function sendEmails(smtp: NonNullable<NotifyPlan['smtp']>, digest: Digest): Promise<NotificationOutcome> {
  let attempts = 0;
  const errors: string[] = [];
  let findings = 0;
  for (const [index, group] of digest.groups.entries()) {
    const to = group.email ? [group.email] : smtp.defaultTo;
    if (to.length === 0) {
      errors.push(`no address for ${group.accountable} (set ${NOTIFY_ENV.smtpTo})`);
      continue;
    }
    const message = {
      to,
      subject: `CRM health check: ${group.findings.length} finding(s) for ${group.accountable}`,
      text: emailText(digest, index)
    };
    for (let attempt = 1; ; attempt++) {
      attempts += 1;
      try {
        await sendMail(smtp, message);
        findings += group.findings.length;
        break;
      } catch (error) {
        const code = error instanceof SmtpError ? error.code : undefined;
        // 4xx replies and dropped connections are transient (RFC 5321 §4.2.1); 5xx are not.
        const transient = code === undefined || (code >= 400 && code < 500);
        if (!transient || attempt === 4) {
          errors.push(`${smtp.host}:${smtp.port}: ${error instanceof Error ? error.message : String(error)}`);
          break;
        }
        await sleep((Number(process.env.CONSOLE_RETRY_DELAY_MS) || 1000) * 2 ** (attempt - 1));
      }
    }
  }
  const total = digest.groups.reduce((sum, group) => sum + group.findings.length, 0);
  return errors.length === 0
    ? { channel: 'email', status: 'sent', attempts, findings: total }
    : { channel: 'email', status: 'failed', attempts, findings, error: errors.join('; ') };
}

/** Links to the pushed Health_Finding__c records, by finding key. */
async function recordLinks(connection: Connection, runId: string): Promise<Map<string, string>> {
  const api = new OrgApi(connection, { org: 'the org', minApiBudgetShare: 0, concurrency: 1 });
  const rows = await api.queryAll(`SELECT Id, Finding_Key__c FROM Health_Finding__c WHERE Latest_Run__c = '${runId.replace(/'/g, '')}'`, {
    what: 'Health_Finding__c'
  });
  const base = connection.instanceUrl.replace(/\/$/, '');
  return new Map(rows.map((row) => [String(row.Finding_Key__c), `${base}/lightning/r/Health_Finding__c/${String(row.Id)}/view`]));
}

export type NotifyContext = {
  failOn: FailOn;
  failOnNew: FailOn;
  connection?: unknown;
  snapshot?: OrgSnapshot;
  /** Every outgoing text passes through it (secrets out). */
  redact?: (text: string) => string;
};

/**
 * Tells each Accountable of their new and breached findings on every planned channel. Never throws:
 * each channel's outcome (sent, failed with why, or skipped) goes into the result.
 */
export async function sendNotifications(
  plan: NotifyPlan,
  result: HealthCheckResult,
  context: NotifyContext
): Promise<NotificationOutcome[]> {
  const thresholds = [context.failOn, context.failOnNew].filter((value): value is Severity => value !== 'never');
  let links: Map<string, string> | undefined;
  if (result.push && context.connection) {
    links = await recordLinks(context.connection as Connection, result.push.runId).catch(() => undefined);
  }
  const emails = new Map((context.snapshot?.users ?? []).filter((user) => user.email).map((user) => [user.id, user.email!]));
  const digest = digestOf(result, { thresholds, links, emails }, sourceText(result));
  const total = digest.groups.reduce((sum, group) => sum + group.findings.length, 0);
  const redact = context.redact ?? ((text: string) => text);
  // Secrets out of everything sent: serialise, redact, parse back.
  const clean = <T>(payload: T): T => JSON.parse(redact(JSON.stringify(payload))) as T;
  const outcomes: NotificationOutcome[] = [];
  for (const channel of plan.channels) {
    if (total === 0) {
      outcomes.push({ channel, status: 'skipped', attempts: 0, findings: 0, error: 'nothing new or breached' });
      continue;
    }
    if (channel === 'email') {
      outcomes.push(await sendEmails(plan.smtp!, clean(digest)));
      continue;
    }
    const url = plan.urls[channel]!;
    const payload =
      channel === 'slack' ? slackPayload(digest) : channel === 'teams' ? teamsPayload(digest) : webhookPayload(digest, result);
    outcomes.push(outcomeOf(channel, await postJson(url, clean(payload)), total));
  }
  return outcomes.map((outcome) => (outcome.error ? { ...outcome, error: redact(outcome.error) } : outcome));
}

export function notificationLine(outcome: NotificationOutcome): string {
  if (outcome.status === 'sent') return `Notified ${outcome.channel}: ${outcome.findings} finding(s).`;
  if (outcome.status === 'skipped') return `Notification to ${outcome.channel} skipped: ${outcome.error ?? ''}.`;
  return `Warning: notification to ${outcome.channel} FAILED after ${outcome.attempts} attempt(s): ${outcome.error ?? 'unknown error'}`;
}

export { hostOf };
