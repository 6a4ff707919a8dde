import type { Digest, NotifiedFinding } from './types';
import { reasonText } from './select';

/** Slack allows 50 blocks a message and 3,000 characters a section; Teams about 28 KB a card. */
const SLACK_MAX_BLOCKS = 50;
const SLACK_MAX_SECTION = 3000;
const TEAMS_MAX_FINDINGS = 40;

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Slack mrkdwn: &, < and > are control characters and must be escaped. */
function mrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackFinding(finding: NotifiedFinding): string {
  const lines = [
    `*${finding.severity.toUpperCase()}* \`${mrkdwn(finding.ruleId)}\` ${mrkdwn(finding.component)} (${finding.reasons.join(', ')})`,
    mrkdwn(finding.title),
    `_Fix:_ ${mrkdwn(finding.remediation)}`
  ];
  if (finding.link) lines.push(`<${finding.link}|Open the finding in the org>`);
  return clip(lines.join('\n'), SLACK_MAX_SECTION);
}

/**
 * An incoming-webhook message: `text` is the notification fallback, `blocks` the Block Kit layout
 * (header, sections in mrkdwn, dividers between Accountables).
 */
export function slackPayload(digest: Digest): { text: string; blocks: Array<Record<string, unknown>> } {
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clip(digest.title, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: mrkdwn(digest.summary) } }
  ];
  let left = digest.groups.reduce((sum, group) => sum + group.findings.length, 0);
  for (const group of digest.groups) {
    if (blocks.length + 3 > SLACK_MAX_BLOCKS) break;
    blocks.push(
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: `*Accountable: ${mrkdwn(group.accountable)}* (${group.findings.length})` } }
    );
    for (const finding of group.findings) {
      if (blocks.length + 2 > SLACK_MAX_BLOCKS) break;
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: slackFinding(finding) } });
      left -= 1;
    }
  }
  if (left > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${left} more in the report.` }] });
  return { text: `${digest.title}. ${digest.summary}`, blocks };
}

/**
 * A Teams incoming-webhook message: `type: "message"` with one attachment of content type
 * `application/vnd.microsoft.card.adaptive` whose content is the Adaptive Card.
 */
export function teamsPayload(digest: Digest): Record<string, unknown> {
  const body: Array<Record<string, unknown>> = [
    { type: 'TextBlock', text: digest.title, size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: digest.summary, wrap: true }
  ];
  let shown = 0;
  for (const group of digest.groups) {
    if (shown >= TEAMS_MAX_FINDINGS) break;
    body.push({
      type: 'TextBlock',
      text: `Accountable: ${group.accountable} (${group.findings.length})`,
      weight: 'Bolder',
      separator: true,
      wrap: true
    });
    for (const finding of group.findings.slice(0, TEAMS_MAX_FINDINGS - shown)) {
      shown += 1;
      const items: Array<Record<string, unknown>> = [
        {
          type: 'TextBlock',
          text: `${finding.severity.toUpperCase()} ${finding.ruleId}: ${finding.component} (${reasonText(finding)})`,
          weight: 'Bolder',
          wrap: true
        },
        { type: 'TextBlock', text: finding.title, wrap: true },
        { type: 'TextBlock', text: `Fix: ${finding.remediation}`, wrap: true, isSubtle: true }
      ];
      if (finding.link)
        items.push({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open the finding', url: finding.link }] });
      body.push({ type: 'Container', items });
    }
  }
  const total = digest.groups.reduce((sum, group) => sum + group.findings.length, 0);
  if (total > shown) body.push({ type: 'TextBlock', text: `…and ${total - shown} more in the report.`, wrap: true, isSubtle: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body }
      }
    ]
  };
}

/** The generic webhook gets the digest as it is, versioned so a receiver can check what it reads. */
export function webhookPayload(digest: Digest, result: { startedAt: string; orgId?: string }): Record<string, unknown> {
  return { event: 'crm-health-check', version: 1, startedAt: result.startedAt, orgId: result.orgId ?? null, ...digest };
}

/** The plain-text body of one Accountable's e-mail. */
export function emailText(digest: Digest, groupIndex: number): string {
  const group = digest.groups[groupIndex];
  const lines = [digest.summary, '', `Accountable: ${group.accountable} (${group.findings.length} finding(s))`, ''];
  for (const finding of group.findings) {
    lines.push(`${finding.severity.toUpperCase()}  ${finding.ruleId}  ${finding.component}  (${reasonText(finding)})`);
    lines.push(`  ${finding.title}`);
    if (finding.detail) lines.push(`  ${finding.detail}`);
    lines.push(`  Fix: ${finding.remediation}`);
    if (finding.firstSeen) lines.push(`  First seen: ${finding.firstSeen}`);
    if (finding.link) lines.push(`  ${finding.link}`);
    lines.push('');
  }
  return lines.join('\n');
}
