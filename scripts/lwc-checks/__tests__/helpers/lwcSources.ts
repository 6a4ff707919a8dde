import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '../../../..');
export const LWC_DIR = path.join(PROJECT_ROOT, 'force-app/main/default/lwc');

export interface ComponentSources {
  name: string;
  dir: string;
  /** Source files of the bundle (js, html, css), tests and mocks excluded. */
  files: string[];
}

/** Every LWC bundle under force-app/main/default/lwc. */
export function listComponents(lwcDir: string = LWC_DIR): ComponentSources[] {
  if (!fs.existsSync(lwcDir)) {
    return [];
  }
  return fs
    .readdirSync(lwcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !entry.name.startsWith('__'))
    .map((entry) => {
      const dir = path.join(lwcDir, entry.name);
      const files = fs
        .readdirSync(dir)
        .filter((file) => /\.(js|html|css)$/.test(file))
        .map((file) => path.join(dir, file));
      return { name: entry.name, dir, files };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `@salesforce/schema/...` import targets, e.g. `Risk__c.Risk_Owner__c` or `RACI_Assignment__c`. */
export function extractSchemaImports(source: string): string[] {
  const refs: string[] = [];
  const pattern = /from\s+['"]@salesforce\/schema\/([^'"]+)['"]/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    refs.push(match[1]);
  }
  return refs;
}

/** The text of every gql`...` tagged template (no interpolation is expected in these queries). */
export function extractGqlQueries(source: string): string[] {
  const queries: string[] = [];
  const pattern = /\bgql\s*`([^`]*)`/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    queries.push(match[1]);
  }
  return queries;
}

export interface Selection {
  name: string;
  children: Selection[];
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const pattern = /"(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$]*|[{}():!,[\]=@.]|-?\d+(?:\.\d+)?/g;
  const withoutComments = query.replace(/#[^\n]*/g, '');
  for (let match = pattern.exec(withoutComments); match; match = pattern.exec(withoutComments)) {
    tokens.push(match[0]);
  }
  return tokens;
}

/**
 * Parses the selection sets of a GraphQL operation into a tree of field names.
 * Arguments (where, orderBy, first, ...) and variable definitions are skipped: they name fields
 * too, but every field filtered or sorted on is also selected by these components.
 */
export function parseSelections(query: string): Selection[] {
  const tokens = tokenize(query);
  let position = 0;

  const skipParens = (): void => {
    let depth = 0;
    do {
      if (tokens[position] === '(') {
        depth++;
      } else if (tokens[position] === ')') {
        depth--;
      }
      position++;
    } while (depth > 0 && position < tokens.length);
  };

  const parseSet = (): Selection[] => {
    const selections: Selection[] = [];
    position++; // '{'
    while (position < tokens.length && tokens[position] !== '}') {
      let name = tokens[position++];
      if (tokens[position] === ':') {
        // alias: the field is the name after the colon
        position++;
        name = tokens[position++];
      }
      if (tokens[position] === '(') {
        skipParens();
      }
      const children = tokens[position] === '{' ? parseSet() : [];
      selections.push({ name, children });
    }
    position++; // '}'
    return selections;
  };

  while (position < tokens.length && tokens[position] !== '{') {
    if (tokens[position] === '(') {
      skipParens();
    } else {
      position++;
    }
  }
  return position < tokens.length ? parseSet() : [];
}

/** The record selections of a uiapi query: `{ object, node }` for each `uiapi { query { Object { edges { node } } } }`. */
export function queryRoots(selections: Selection[]): { object: string; node: Selection[] }[] {
  const uiapi = selections.find((selection) => selection.name === 'uiapi');
  const query = uiapi?.children.find((selection) => selection.name === 'query');
  return (query?.children ?? []).map((root) => ({ object: root.name, node: nodeOf(root) }));
}

/** The `edges { node { ... } }` selections of a connection. */
export function nodeOf(connection: Selection): Selection[] {
  const edges = connection.children.find((selection) => selection.name === 'edges');
  return edges?.children.find((selection) => selection.name === 'node')?.children ?? [];
}
