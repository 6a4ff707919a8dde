import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { loadSchema, type ElementDef, type MetadataSchema, type ValueKind } from './typings';
import { localName, parseXml, XmlReadError, type XmlElement } from './xmlTree';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export type SchemaProblem = { file: string; line: number; message: string };

/**
 * Elements the typings give as `string` whose WSDL type carries XML the Metadata API reads as is:
 * LightningComponentBundle.targetConfigs is xsd:base64Binary in the WSDL, and a bundle's
 * js-meta.xml holds it as an XML fragment (the Metadata API reference documents it so).
 */
const OPAQUE_ELEMENTS = new Set(['LightningComponentBundle.targetConfigs']);

// xsd:boolean's lexical space; xsd:int and xsd:double both come out as `number` in the typings.
const BOOLEAN = /^(true|false|1|0)$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(-?INF|NaN)$/;
const DATE = /^-?\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

function describe(value: ValueKind): string {
  switch (value.kind) {
    case 'enum':
      return `one of ${[...value.values].join(', ')} (${value.name})`;
    case 'complex':
      return `child elements (${value.name})`;
    default:
      return `a ${value.kind}`;
  }
}

/** The prefix bound to a namespace on the element or its ancestors, e.g. `xsi` for the instance namespace. */
function prefixFor(namespace: string, chain: XmlElement[]): string | undefined {
  for (let i = chain.length - 1; i >= 0; i--)
    for (const [key, value] of Object.entries(chain[i].attributes))
      if (value === namespace && key.startsWith('xmlns:')) return key.slice(6);
  return undefined;
}

export function validateDocument(schema: MetadataSchema, root: XmlElement, file: string): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const report = (element: XmlElement, message: string) => problems.push({ file, line: element.line, message });
  const typeName = localName(root.name);
  if (!schema.isMetadataType(typeName)) {
    report(root, `<${root.name}> is not a Metadata API type (the root element names the type, e.g. CustomTab, Layout).`);
    return problems;
  }

  const checkValue = (element: XmlElement, definition: ElementDef, path: string, chain: XmlElement[]) => {
    const xsiPrefix = prefixFor(XSI, chain);
    const nil = xsiPrefix !== undefined && element.attributes[`${xsiPrefix}:nil`] === 'true';
    const xsiType = xsiPrefix === undefined ? undefined : element.attributes[`${xsiPrefix}:type`];
    let value = definition.value;
    // xsi:type names a subtype (a Flow element, a custom metadata value's XSD type).
    if (xsiType !== undefined) {
      const named = localName(xsiType);
      if (schema.complex.has(named)) value = { kind: 'complex', name: named };
      else if (xsiType.startsWith(`${prefixFor('http://www.w3.org/2001/XMLSchema', chain) ?? 'xsd'}:`)) value = { kind: 'any' };
    }
    const text = element.text.trim();
    if (value.kind === 'complex') {
      if (text !== '') report(element, `<${element.name}> in ${path} takes child elements (${value.name}), not the text "${text}".`);
      checkChildren(element, value.name, chain);
      return;
    }
    if (value.kind === 'any' || OPAQUE_ELEMENTS.has(path)) return;
    if (element.children.length > 0) {
      report(element, `<${element.name}> in ${path} takes ${describe(value)}, not child elements (<${element.children[0].name}>).`);
      return;
    }
    if (nil || value.kind === 'string') return;
    const valid =
      value.kind === 'boolean'
        ? BOOLEAN.test(text)
        : value.kind === 'number'
          ? NUMBER.test(text)
          : value.kind === 'date'
            ? DATE.test(text)
            : value.values.has(text);
    if (!valid) report(element, `<${element.name}>${text}</${element.name}> in ${path}: "${text}" is not ${describe(value)}.`);
  };

  const checkChildren = (parent: XmlElement, type: string, chain: XmlElement[]) => {
    const elements = schema.elementsOf(type);
    const seen = new Map<string, number>();
    for (const child of parent.children) {
      const name = localName(child.name);
      const definition = elements.get(name);
      if (!definition) {
        report(child, `<${child.name}> is not an element of ${type} (in <${parent.name}>) in the Metadata API schema.`);
        continue;
      }
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      if (count === 2 && !definition.array)
        report(child, `<${child.name}> appears more than once in <${parent.name}>; ${type}.${name} takes one value.`);
      checkValue(child, definition, `${type}.${name}`, [...chain, child]);
    }
  };

  checkChildren(root, typeName, [root]);
  return problems;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Every metadata XML file under dir (a Metadata API format folder, as `sf project convert source`
 * writes it) checked against the schema. A file is a metadata file when its root element is in the
 * Metadata API namespace, whatever its suffix, so new types need no list here.
 */
export function validateMetadataDir(dir: string, schema: MetadataSchema = loadSchema()): { checked: string[]; problems: SchemaProblem[] } {
  const problems: SchemaProblem[] = [];
  const checked: string[] = [];
  for (const path of filesUnder(dir).sort()) {
    const file = relative(dir, path);
    const buffer = readFileSync(path);
    if (buffer.includes(0)) continue; // binary content (static resources, images)
    const source = buffer.toString('utf8').replace(/^\uFEFF/, '');
    if (!/^\s*</.test(source) || !source.includes(METADATA_NAMESPACE)) continue;
    const wellFormed = XMLValidator.validate(source);
    if (wellFormed !== true) {
      checked.push(file);
      problems.push({ file, line: wellFormed.err.line, message: `not well-formed XML: ${wellFormed.err.msg}` });
      continue;
    }
    let root: XmlElement;
    try {
      root = parseXml(source);
    } catch (error) {
      if (!(error instanceof XmlReadError)) throw error;
      problems.push({ file, line: 1, message: error.message });
      continue;
    }
    if (root.attributes.xmlns !== METADATA_NAMESPACE) continue;
    checked.push(file);
    problems.push(...validateDocument(schema, root, file));
  }
  return { checked, problems };
}

export function formatProblem(problem: SchemaProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
