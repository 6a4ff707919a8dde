/**
 * @salesforce/label for jest: every custom label resolves to its value in the labels file, placeholders
 * kept (`{0} of {1}`), so a test asserts the text a user reads and a formatted label shows its numbers.
 *
 * sfdx-lwc-jest compiles `import x from '@salesforce/label/c.Name'` into a require of that path that
 * falls back to the string 'c.Name' when nothing resolves it. A virtual mock per label (registered here,
 * in setupFiles, before any component loads) is what that require finds; a test can still override
 * one label with its own jest.mock. (doMock: registered at run time, so nothing is hoisted.) The file is read as the deploy would send it, so a label that is
 * renamed or removed there falls back to its key and the assertion on its text fails.
 */
const { readFileSync } = require('fs');
const { join } = require('path');
const { XMLParser } = require('fast-xml-parser');

const LABELS_FILE = join(__dirname, '..', '..', 'force-app', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml');

function readLabels() {
  // parseTagValue off: a label whose value is "10" or "true" stays the string Salesforce returns.
  const parser = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false });
  const xml = parser.parse(readFileSync(LABELS_FILE, 'utf8'));
  return (xml.CustomLabels?.labels ?? []).map((label) => [String(label.fullName), String(label.value ?? '')]);
}

readLabels().forEach(([name, value]) => {
  // Both import forms resolve to the org's default namespace `c`.
  jest.doMock(`@salesforce/label/c.${name}`, () => ({ __esModule: true, default: value }), { virtual: true });
});
