import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UsageError } from './errors';

/** Elements that may repeat, so the parser always gives arrays for them (even with one child). */
const REPEATED = new Set([
  'userPermissions',
  'objectPermissions',
  'loginIpRanges',
  'permissionSets',
  'mutingPermissionSets',
  'ipRanges',
  'dispositions',
  'scopes'
]);

/**
 * Sections of profiles and permission sets no rule reads, and the bulk of a large profile (a 2 MB
 * profile is mostly field permissions): the parser keeps them as unparsed text. The validator still
 * reads the whole file, so a malformed file is an error wherever the fault is.
 */
const UNREAD_SECTIONS = [
  'fieldPermissions',
  'layoutAssignments',
  'tabVisibilities',
  'tabSettings',
  'classAccesses',
  'pageAccesses',
  'recordTypeVisibilities',
  'applicationVisibilities',
  'customMetadataTypeAccesses',
  'customSettingAccesses',
  'customPermissions',
  'externalDataSourceAccesses',
  'flowAccesses',
  'categoryGroupVisibilities',
  'profileActionOverrides'
];

/** The parser options the collector reads metadata with (the bench's parse-only floor uses the same, without the unread sections skipped). */
export const XML_PARSER_OPTIONS = {
  ignoreAttributes: true,
  // Keep every value a string: `<name>0001</name>` or `<enabled>true</enabled>` are interpreted per field.
  parseTagValue: false,
  trimValues: true,
  isArray: (name: string) => REPEATED.has(name)
};

const parser = new XMLParser({ ...XML_PARSER_OPTIONS, stopNodes: UNREAD_SECTIONS.map((tag) => `*.${tag}`) });

export type XmlNode = Record<string, unknown>;

/** A parsed metadata file with what it takes to turn offsets into line numbers. */
export type ParsedXml = {
  file: string;
  text: string;
  root: XmlNode;
  lineAt(offset: number): number;
};

/**
 * Validates then parses one file. Malformed XML is the user's input error: a UsageError naming
 * the file and the line the validator stopped at.
 */
export function parseXmlFile(file: string, text: string): ParsedXml {
  const malformed = (line: number | string, message: string) =>
    new UsageError('MalformedMetadata', `${file}:${line}: invalid XML: ${message}`, [
      `Fix or re-retrieve ${file}, then run the health check again.`
    ]);
  // The Metadata API never writes a DTD; one in a metadata file is tampering (external entities) or not metadata.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    throw malformed(lineIndex(text)(doctype.index), 'a DOCTYPE declaration (entities are not allowed in metadata files)');
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, msg } = validation.err;
    throw malformed(line, xmlErrorText(msg));
  }
  let root: XmlNode;
  try {
    root = parser.parse(text) as XmlNode;
  } catch (error) {
    throw malformed(1, error instanceof Error ? error.message : String(error));
  }
  return { file, text, root, lineAt: lineIndex(text) };
}

/**
 * The validator reports unclosed elements as a JSON dump of tag names ("Invalid '[  "a"]' found.");
 * say it in words a user can act on.
 */
export function xmlErrorText(message: string): string {
  const unclosed = /^Invalid '(\[.*\])' found\.$/s.exec(message);
  if (!unclosed) return message;
  try {
    const tags = JSON.parse(unclosed[1]) as string[];
    return `unclosed element${tags.length === 1 ? '' : 's'} ${tags.map((tag) => `<${tag}>`).join(', ')}`;
  } catch {
    return message;
  }
}

/** Line lookup in O(log n) after one linear pass, so large profiles cost no quadratic work. */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/** Offsets of every opening `<tag>` (or `<tag/>`) in document order, between `from` and `to`. */
export function tagOffsets(text: string, tag: string, from = 0, to = text.length): number[] {
  const pattern = new RegExp(`<${tag}(?=[\\s>/])`, 'g');
  pattern.lastIndex = from;
  const offsets: number[] = [];
  for (let match = pattern.exec(text); match && match.index < to; match = pattern.exec(text)) {
    offsets.push(match.index);
  }
  return offsets;
}

export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function isTrue(value: unknown): boolean {
  return asText(value)?.toLowerCase() === 'true';
}

export function asArray<T = XmlNode>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

export function asNode(value: unknown): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined;
}
