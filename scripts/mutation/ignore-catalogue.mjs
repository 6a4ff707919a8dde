// A Stryker ignorer: the rule catalogue's prose is documentation, not behaviour. A rule's title,
// remediation text, help links and control mappings (NIST/ISO/CIS) are reviewed against DESIGN.md
// and Salesforce Help; mutating them only asks a test to restate the text. Everything a rule
// computes (ids, filters, thresholds, the detail a user reads) stays mutated.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const CATALOGUE_KEYS = new Set(['title', 'remediation', 'references', 'controls']);
const CATALOGUE_CONSTANT = /(_REFS|_CONTROLS|^HELP)$/;
const REASON = 'rule catalogue text (title, remediation, help links, control mappings): documentation, not behaviour';

function keyName(node) {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  return undefined;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'catalogue-text', {
    shouldIgnore(path) {
      for (let current = path; current; current = current.parentPath) {
        const node = current.node;
        if (node.type === 'ObjectProperty' && CATALOGUE_KEYS.has(keyName(node.key))) return REASON;
        if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && CATALOGUE_CONSTANT.test(node.id.name)) return REASON;
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'help') return REASON;
        // Stop at the rule's evaluate function: what it computes is behaviour.
        if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') {
          if (current !== path) return undefined;
        }
      }
      return undefined;
    }
  })
];
