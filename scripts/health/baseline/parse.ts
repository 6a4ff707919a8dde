import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { UsageError } from '../../lib/errors';
import { lineIndex, xmlErrorText } from '../../lib/xml';
import type { Baseline, BaselineKind, BaselineRisk, BaselineSetting } from './model';
import { displayPath } from '../../lib/paths';

/** Salesforce's baseline standard, shipped with the tool so a fresh checkout needs nothing else. */
export const STANDARD_BASELINE_FILE = join(__dirname, 'salesforce-baseline-standard.xml');
/** Health Check rejects custom baseline files over 20 KB. */
export const MAX_BASELINE_BYTES = 20 * 1024;

const SECTIONS: Record<string, BaselineRisk> = {
  highRiskSecuritySettings: 'high',
  mediumRiskSecuritySettings: 'medium',
  lowRiskSecuritySettings: 'low',
  informationalSecuritySettings: 'informational'
};
const KINDS = new Set<BaselineKind>(['booleanSetting', 'numericRangeSetting', 'enumSetting']);

function fail(file: string, line: number | undefined, message: string): never {
  throw new UsageError('InvalidBaseline', `${file}${line ? `:${line}` : ''}: ${message}`, [
    'A custom baseline is the Health Check export format: settings can be moved between risk sections or given other values, never added or removed. Start from the Salesforce baseline standard.'
  ]);
}

function parseAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of raw.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    // One of the two quoted alternatives always takes part in a match.
    attributes[match[1]] = match[2] ?? match[3];
  }
  return attributes;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A setting's enum values, all three lists (none for the other kinds). */
function valuesOf(setting: BaselineSetting): string[] {
  return [...(setting.compliantValues ?? []), ...(setting.warningValues ?? []), ...(setting.criticalValues ?? [])];
}

function number(file: string, line: number, name: string, attribute: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(parsed)) {
    fail(file, line, `${name}: ${attribute}="${value ?? ''}" is not a number`);
  }
  return parsed;
}

function readSetting(
  file: string,
  line: number,
  kind: BaselineKind,
  risk: BaselineRisk,
  attributes: Record<string, string>
): BaselineSetting {
  const name = attributes.name;
  if (!name || !/^\w+\.\w+$/.test(name)) fail(file, line, `${kind} needs a name="Group.setting" attribute`);
  const setting: BaselineSetting = { name, kind, risk, line };
  if (kind === 'booleanSetting') {
    if (attributes.compliant !== 'true' && attributes.compliant !== 'false') {
      fail(file, line, `${name}: compliant="${attributes.compliant ?? ''}" must be true or false`);
    }
    const nonCompliant = attributes.nonCompliant ?? 'critical';
    if (nonCompliant !== 'critical' && nonCompliant !== 'warning') {
      fail(file, line, `${name}: nonCompliant="${nonCompliant}" must be critical or warning`);
    }
    setting.compliantBoolean = attributes.compliant === 'true';
    setting.nonCompliant = nonCompliant;
  } else if (kind === 'numericRangeSetting') {
    setting.compliantNumber = number(file, line, name, 'compliant', attributes.compliant);
    setting.warningNumber = number(file, line, name, 'warning', attributes.warning);
  } else {
    setting.compliantValues = list(attributes.compliant);
    setting.warningValues = list(attributes.warning);
    setting.criticalValues = list(attributes.critical);
    if (setting.compliantValues.length === 0) fail(file, line, `${name}: an enumSetting needs at least one compliant value`);
    const seen = new Set<string>();
    for (const value of valuesOf(setting)) {
      if (seen.has(value)) fail(file, line, `${name}: value ${value} is in more than one of compliant, warning and critical`);
      seen.add(value);
    }
  }
  return setting;
}

/** Parses the baseline XML format; `file` is for messages only. */
export function parseBaselineText(file: string, text: string): Baseline {
  const validation = XMLValidator.validate(text);
  if (validation !== true) fail(file, validation.err.line, `invalid XML: ${xmlErrorText(validation.err.msg)}`);
  // Blank out comments (keeping newlines) so the tag scan below sees only elements, at their real lines.
  const source = text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const lineAt = lineIndex(source);
  const settings: BaselineSetting[] = [];
  let name = '';
  let rootLine = 1;
  let sawRoot = false;
  let section: BaselineRisk | undefined;
  // Any XML name (not only ASCII ones), so no element escapes the checks below; `<?` and `<!` open no element.
  for (const match of source.matchAll(/<(\/?)([^\s/>?!][^\s/>]*)([^>]*?)(\/?)>/g)) {
    const [, closing, tag, rawAttributes, selfClosing] = match;
    const line = lineAt(match.index ?? 0);
    if (closing) {
      if (tag in SECTIONS) section = undefined;
      continue;
    }
    if (tag === 'baseline') {
      sawRoot = true;
      rootLine = line;
      name = parseAttributes(rawAttributes).name ?? '';
    } else if (!sawRoot) {
      fail(file, line, `the root element must be <baseline>, not <${tag}>`);
    } else if (tag in SECTIONS) {
      if (!selfClosing) section = SECTIONS[tag];
    } else if (KINDS.has(tag as BaselineKind)) {
      if (!section) fail(file, line, `<${tag}> must be inside one of ${Object.keys(SECTIONS).join(', ')}`);
      settings.push(readSetting(file, line, tag as BaselineKind, section, parseAttributes(rawAttributes)));
    } else {
      fail(file, line, `unknown element <${tag}>`);
    }
  }
  // XMLValidator accepts no document without a root element, and the first element is checked above.
  return { file, name, line: rootLine, settings };
}

let standard: Baseline | undefined;
export function standardBaseline(): Baseline {
  standard ??= parseBaselineText(displayPath(STANDARD_BASELINE_FILE), readFileSync(STANDARD_BASELINE_FILE, 'utf8'));
  return standard;
}

/**
 * A custom baseline: same settings as the standard (each exactly once, same kind), moved between
 * sections or revalued. Enum values must be values the standard knows.
 */
export function loadBaseline(path?: string): Baseline {
  if (path === undefined) return standardBaseline();
  const file = displayPath(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UsageError('BaselineNotFound', `--baseline ${path}: file not found.`, ['Pass the path of a Health Check baseline XML file.']);
  }
  if (size > MAX_BASELINE_BYTES)
    fail(file, undefined, `the file is ${size} bytes; a custom baseline may be at most 20 KB (${MAX_BASELINE_BYTES} bytes)`);
  const custom = parseBaselineText(file, readFileSync(path, 'utf8'));
  const reference = new Map(standardBaseline().settings.map((setting) => [setting.name, setting]));
  const seen = new Set<string>();
  for (const setting of custom.settings) {
    const known = reference.get(setting.name);
    if (!known)
      fail(
        file,
        setting.line,
        `${setting.name} is not a setting of the Salesforce baseline standard (settings can be moved or revalued, never added)`
      );
    if (seen.has(setting.name)) fail(file, setting.line, `${setting.name} appears more than once`);
    seen.add(setting.name);
    if (known.kind !== setting.kind) fail(file, setting.line, `${setting.name} must be a ${known.kind}, not a ${setting.kind}`);
    const allowed = new Set(valuesOf(known));
    const unknown = valuesOf(setting).filter((value) => !allowed.has(value));
    if (unknown.length > 0)
      fail(
        file,
        setting.line,
        `${setting.name}: ${unknown.join(', ')} is not a value of this setting (allowed: ${[...allowed].join(', ')})`
      );
  }
  const removed = [...reference.keys()].filter((name) => !seen.has(name));
  if (removed.length > 0)
    fail(
      file,
      custom.line,
      `settings missing from the custom baseline (settings can be moved or revalued, never removed): ${removed.join(', ')}`
    );
  return custom;
}
