import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import supplements from './supplements.json';

/**
 * The Metadata API schema as Salesforce publishes it on npm: @salesforce/types/lib/metadata.d.ts is
 * generated from the Metadata API WSDL, one type alias per complex type (`X = Base & { ... }` for
 * `extension base="Base"`), enumerations as string-literal unions, `T[]` for maxOccurs="unbounded".
 * Read with the TypeScript compiler API, never with regular expressions, so the shape of the file
 * (not our expectations) decides what an element is.
 */

export const METADATA_TYPINGS = resolve(__dirname, '..', '..', '..', 'node_modules', '@salesforce', 'types', 'lib', 'metadata.d.ts');

/** What an element's value is. */
export type ValueKind =
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'any' }
  | { kind: 'enum'; name: string; values: ReadonlySet<string> }
  | { kind: 'complex'; name: string };

export type ElementDef = { name: string; value: ValueKind; array: boolean };

export type ComplexType = {
  name: string;
  /** Types it extends (the left operands of the intersection). */
  bases: string[];
  /** Its own elements, without the inherited ones. */
  own: Map<string, ElementDef>;
};

export type MetadataSchema = {
  complex: Map<string, ComplexType>;
  enums: Map<string, ReadonlySet<string>>;
  /** All elements of a type, inherited ones included. */
  elementsOf(typeName: string): Map<string, ElementDef>;
  /** True when the type is `Metadata` or extends it: a type a file's root element may name. */
  isMetadataType(typeName: string): boolean;
};

type Pending = { kind: 'ref'; name: string } | ValueKind;

function literalUnion(node: ts.TypeNode): string[] | undefined {
  // An enumeration of one value is a bare literal, not a union.
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return [node.literal.text];
  if (!ts.isUnionTypeNode(node)) return undefined;
  const values: string[] = [];
  for (const member of node.types) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) return undefined;
    values.push(member.literal.text);
  }
  return values;
}

function valueOf(node: ts.TypeNode, where: string): { value: Pending; array: boolean } {
  if (ts.isArrayTypeNode(node)) return { value: valueOf(node.elementType, where).value, array: true };
  if (ts.isParenthesizedTypeNode(node)) return valueOf(node.type, where);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { value: { kind: 'string' }, array: false };
    case ts.SyntaxKind.BooleanKeyword:
      return { value: { kind: 'boolean' }, array: false };
    case ts.SyntaxKind.NumberKeyword:
      return { value: { kind: 'number' }, array: false };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { value: { kind: 'any' }, array: false };
  }
  const inline = literalUnion(node);
  if (inline) return { value: { kind: 'enum', name: where, values: new Set(inline) }, array: false };
  // xsd:date and xsd:dateTime come out as the global Date.
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === 'Date')
    return { value: { kind: 'date' }, array: false };
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName))
    return { value: { kind: 'ref', name: node.typeName.text }, array: false };
  throw new Error(`${METADATA_TYPINGS}: element ${where} has a type the schema reader does not know (${ts.SyntaxKind[node.kind]}).`);
}

function membersOf(literal: ts.TypeLiteralNode, typeName: string): Array<{ name: string; value: Pending; array: boolean }> {
  return literal.members.filter(ts.isPropertySignature).map((member) => {
    const name = member.name.getText();
    if (!member.type) throw new Error(`${METADATA_TYPINGS}: ${typeName}.${name} has no type.`);
    return { name, ...valueOf(member.type, `${typeName}.${name}`) };
  });
}

export function loadSchema(path = METADATA_TYPINGS): MetadataSchema {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const enums = new Map<string, Set<string>>();
  const scalars = new Map<string, ValueKind>();
  const raw = new Map<string, { bases: string[]; members: Array<{ name: string; value: Pending; array: boolean }> }>();

  for (const statement of source.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const name = statement.name.text;
    const node = statement.type;
    const values = literalUnion(node);
    if (values) {
      enums.set(name, new Set(values));
    } else if (ts.isTypeLiteralNode(node)) {
      raw.set(name, { bases: [], members: membersOf(node, name) });
    } else if (ts.isIntersectionTypeNode(node)) {
      const bases: string[] = [];
      const members: Array<{ name: string; value: Pending; array: boolean }> = [];
      for (const part of node.types) {
        if (ts.isTypeReferenceNode(part) && ts.isIdentifier(part.typeName)) bases.push(part.typeName.text);
        else if (ts.isTypeLiteralNode(part)) members.push(...membersOf(part, name));
        else throw new Error(`${path}: ${name} intersects a type the schema reader does not know.`);
      }
      raw.set(name, { bases, members });
    } else {
      // `type X = string` (an enumeration the WSDL leaves open) and the like.
      const { value } = valueOf(node, name);
      // `type X = Y`: an extension that adds no element.
      if (value.kind === 'ref') raw.set(name, { bases: [value.name], members: [] });
      else scalars.set(name, value);
    }
  }

  // Documented values and elements the WSDL of one org at one API version lacks (see supplements.json).
  for (const { enum: name, values } of supplements.enumValues) for (const value of values) enums.get(name)?.add(value);
  for (const { type, element, kind } of supplements.elements)
    raw.get(type)?.members.push({ name: element, value: { kind: kind as 'boolean' | 'string' | 'number' }, array: false });

  const resolveValue = (value: Pending, where: string): ValueKind => {
    if (value.kind !== 'ref') return value;
    const enumValues = enums.get(value.name);
    if (enumValues) return { kind: 'enum', name: value.name, values: enumValues };
    const scalar = scalars.get(value.name);
    if (scalar) return scalar;
    if (raw.has(value.name)) return { kind: 'complex', name: value.name };
    throw new Error(`${path}: ${where} refers to ${value.name}, which the file does not define.`);
  };

  const complex = new Map<string, ComplexType>();
  for (const [name, { bases, members }] of raw) {
    complex.set(name, {
      name,
      bases,
      own: new Map(
        members.map((member) => [
          member.name,
          { name: member.name, value: resolveValue(member.value, `${name}.${member.name}`), array: member.array }
        ])
      )
    });
  }

  const flattened = new Map<string, Map<string, ElementDef>>();
  const elementsOf = (typeName: string): Map<string, ElementDef> => {
    const cached = flattened.get(typeName);
    if (cached) return cached;
    const type = complex.get(typeName);
    if (!type) throw new Error(`The Metadata API schema has no type ${typeName}.`);
    const all = new Map<string, ElementDef>();
    for (const base of type.bases) for (const [key, element] of elementsOf(base)) all.set(key, element);
    for (const [key, element] of type.own) all.set(key, element);
    flattened.set(typeName, all);
    return all;
  };
  const isMetadataType = (typeName: string): boolean => {
    const type = complex.get(typeName);
    if (!type) return false;
    return typeName === 'Metadata' || type.bases.some(isMetadataType);
  };

  return { complex, enums, elementsOf, isMetadataType };
}
