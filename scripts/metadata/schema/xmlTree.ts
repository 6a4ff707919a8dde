/**
 * A small XML reader that keeps line numbers, which fast-xml-parser's object output drops and which a
 * schema problem must name. Metadata files are plain XML (no DTD, no external entities); the file is
 * checked for well-formedness by the caller's XMLValidator first, so this reader can stay small.
 */

export type XmlElement = {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element (CDATA included), entities decoded. */
  text: string;
  line: number;
};

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

export class XmlReadError extends Error {}

export function parseXml(source: string): XmlElement {
  let position = 0;
  let line = 1;
  const advanceTo = (next: number) => {
    for (let i = position; i < next; i++) if (source.charCodeAt(i) === 10) line++;
    position = next;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  while (position < source.length) {
    const open = source.indexOf('<', position);
    if (open === -1) {
      if (stack.length > 0) stack[stack.length - 1].text += decode(source.slice(position));
      advanceTo(source.length);
      break;
    }
    if (open > position && stack.length > 0) stack[stack.length - 1].text += decode(source.slice(position, open));
    advanceTo(open);
    if (source.startsWith('<?', open)) {
      advanceTo(source.indexOf('?>', open) + 2);
    } else if (source.startsWith('<!--', open)) {
      advanceTo(source.indexOf('-->', open) + 3);
    } else if (source.startsWith('<![CDATA[', open)) {
      const end = source.indexOf(']]>', open);
      if (stack.length > 0) stack[stack.length - 1].text += source.slice(open + 9, end);
      advanceTo(end + 3);
    } else if (source.startsWith('<!', open)) {
      throw new XmlReadError(`line ${line}: declarations (<!DOCTYPE ...>) have no place in a metadata file.`);
    } else if (source.startsWith('</', open)) {
      const end = source.indexOf('>', open);
      const name = source.slice(open + 2, end).trim();
      const element = stack.pop();
      if (!element || element.name !== name) throw new XmlReadError(`line ${line}: </${name}> closes nothing that is open.`);
      advanceTo(end + 1);
    } else {
      const end = source.indexOf('>', open);
      const selfClosing = source[end - 1] === '/';
      const body = source.slice(open + 1, selfClosing ? end - 1 : end);
      const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
      const attributes: Record<string, string> = {};
      for (const match of body.slice(name.length).matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attributes[match[1]] = decode(match[2] ?? match[3] ?? '');
      const element: XmlElement = { name, attributes, children: [], text: '', line };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) throw new XmlReadError(`line ${line}: a second root element <${name}>.`);
      else root = element;
      if (!selfClosing) stack.push(element);
      advanceTo(end + 1);
    }
  }
  if (!root) throw new XmlReadError('the file has no root element.');
  if (stack.length > 0) throw new XmlReadError(`<${stack[stack.length - 1].name}> is never closed.`);
  return root;
}

/** The element name without its namespace prefix (`met:fields` -> `fields`). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
