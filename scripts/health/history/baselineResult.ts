import { existsSync, readFileSync, statSync } from 'node:fs';
import { UsageError } from '../../lib/errors';
import { SEVERITIES, type Severity } from '../result';
import type { BaselineFinding, BaselineRun, TrendPoint } from './types';
import { jsonText } from '../../lib/json';

const ACTION = 'Give the file a previous run wrote with --json or --format json --output FILE.';

function badFile(flag: string, file: string, problem: string): UsageError {
  return new UsageError('InvalidBaselineResult', `${flag}: ${file} ${problem}`, [ACTION]);
}

/**
 * The line of a JSON.parse error. Older engines give "at position N"; V8 in Node 22 quotes the text
 * around the bad token instead ("Unexpected token ',', ...\"ndings\": [,]..."), so find that quote.
 */
function lineOf(text: string, message: string): number | undefined {
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const position = /position (\d+)/.exec(message);
  if (position) return lineAt(Number(position[1]));
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  if (/end of JSON input/.test(message)) return text.trimEnd().split('\n').length;
  const quoted = /Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!quoted) return undefined;
  const context = quoted[2].replace(/\.\.\.$/, '');
  const start = text.indexOf(context);
  return start === -1 ? undefined : lineAt(start + Math.max(0, context.indexOf(quoted[1])));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countsOf(value: unknown): Record<Severity, number> {
  const counts = isRecord(value) ? value : {};
  return Object.fromEntries(SEVERITIES.map((severity) => [severity, Number(counts[severity] ?? 0) || 0])) as Record<Severity, number>;
}

function trendOf(value: unknown): TrendPoint[] {
  if (!isRecord(value) || !Array.isArray(value.trend)) return [];
  return value.trend.filter(isRecord).map((point) => ({
    startedAt: jsonText(point.startedAt),
    score: Number(point.score ?? 0),
    grade: jsonText(point.grade),
    counts: countsOf(point.counts),
    ...(point.partial ? { partial: true } : {})
  }));
}

/**
 * Reads a previous result: the `--json` envelope (`{"status":0,"result":{...}}`) or the bare result
 * (`--format json`). The result's own history (trend, first-seen dates) carries over, so a chain of
 * baselines keeps each finding's first date.
 */
export function parseBaselineResult(text: string, file: string, flag = '--baseline-result'): BaselineRun {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = lineOf(text, message);
    throw badFile(flag, file, `is not valid JSON${line ? ` (line ${line})` : ''}: ${message}`);
  }
  const result = isRecord(parsed) && isRecord(parsed.result) ? parsed.result : parsed;
  if (!isRecord(result) || !Array.isArray(result.findings) || typeof result.startedAt !== 'string') {
    const hint = isRecord(parsed) && typeof parsed.name === 'string' ? ` (it holds the error ${parsed.name})` : '';
    throw badFile(flag, file, `is not a health check result: it has no findings[] and startedAt${hint}.`);
  }
  const findings: BaselineFinding[] = result.findings.map((raw, index) => {
    if (!isRecord(raw) || typeof raw.key !== 'string' || typeof raw.ruleId !== 'string')
      throw badFile(flag, file, `is not a health check result: findings[${index}] has no key and ruleId.`);
    const component = isRecord(raw.component) ? { type: jsonText(raw.component.type), name: jsonText(raw.component.name) } : undefined;
    return {
      key: raw.key,
      ruleId: raw.ruleId,
      severity: SEVERITIES.includes(raw.severity as Severity) ? (raw.severity as Severity) : undefined,
      title: typeof raw.title === 'string' ? raw.title : undefined,
      component,
      firstSeen: typeof raw.firstSeen === 'string' ? raw.firstSeen : (result.startedAt as string)
    };
  });
  const previousTrend = trendOf(result.history);
  // The baseline's own history ends with the baseline itself: keep the runs before it only.
  const before = previousTrend.filter((point) => point.startedAt !== result.startedAt);
  return {
    origin: file,
    startedAt: result.startedAt,
    score: Number(result.score ?? 0),
    grade: jsonText(result.grade),
    counts: countsOf(result.counts),
    findings,
    trend: before
  };
}

export function loadBaselineResult(file: string, flag = '--baseline-result'): BaselineRun {
  if (!existsSync(file)) throw badFile(flag, file, 'does not exist.');
  if (statSync(file).isDirectory()) throw badFile(flag, file, 'is a folder, not a result file.');
  return parseBaselineResult(readFileSync(file, 'utf8'), file, flag);
}
