import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertSource } from '../convert';
import { loadSchema } from '../schema/typings';
import { formatProblem, validateMetadataDir } from '../schema/validate';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const schema = loadSchema();

describe('the Metadata API schema read from @salesforce/types', () => {
  it('follows inheritance: StandardValue extends CustomValue extends Metadata', () => {
    const elements = schema.elementsOf('StandardValue');
    expect(elements.get('closed')?.value).toEqual({ kind: 'boolean' });
    expect(elements.get('default')?.value).toEqual({ kind: 'boolean' });
    expect(elements.get('fullName')?.value).toEqual({ kind: 'string' });
    expect(schema.isMetadataType('StandardValue')).toBe(true);
    expect(schema.isMetadataType('LayoutItem')).toBe(false);
  });

  it('tells single from array-valued elements, and reads enumerations and numbers', () => {
    const layout = schema.elementsOf('Layout');
    expect(layout.get('layoutSections')).toMatchObject({ array: true, value: { kind: 'complex', name: 'LayoutSection' } });
    expect(layout.get('showHighlightsPanel')).toMatchObject({ array: false, value: { kind: 'boolean' } });
    expect(layout.has('showSubmitAndAttachButton')).toBe(true);
    expect(layout.has('showSubmitButton')).toBe(false);
    const mode = schema.elementsOf('FlexiPageRegion').get('mode')?.value;
    expect(mode?.kind === 'enum' && [...mode.values].sort()).toEqual(['Append', 'Prepend', 'Replace']);
    expect(schema.elementsOf('CustomTab').get('frameHeight')?.value).toEqual({ kind: 'number' });
  });
});

describe('force-app, as the real sf CLI converts it, against the schema', () => {
  it('has no unknown element, no bad value and no repeated single-valued element', async () => {
    const converted = await convertSource(ROOT);
    try {
      const { checked, problems } = validateMetadataDir(converted.dir, schema);
      expect(problems.map(formatProblem)).toEqual([]);
      // Every kind of file was read, not just a few: objects, layouts, tabs, the page, bundles, labels.
      for (const folder of [
        'objects/',
        'layouts/',
        'tabs/',
        'flexipages/',
        'applications/',
        'permissionsets/',
        'permissionsetgroups/',
        'lwc/',
        'labels/'
      ])
        expect({ folder, files: checked.filter((file) => file.startsWith(folder)).length > 0 }).toEqual({ folder, files: true });
    } finally {
      converted.cleanup();
    }
  });

  describe('planted errors in a copy of the project', () => {
    let project: string;
    let problems: string[];
    const plant = (file: string, from: string | RegExp, to: string) => {
      const path = join(project, 'force-app', 'main', 'default', file);
      const text = readFileSync(path, 'utf8');
      const planted = text.replace(from, to);
      if (planted === text) throw new Error(`nothing to plant in ${file}: ${String(from)}`);
      writeFileSync(path, planted);
    };

    beforeAll(async () => {
      project = mkdtempSync(join(tmpdir(), 'schema-planted-'));
      cpSync(join(ROOT, 'force-app'), join(project, 'force-app'), { recursive: true });
      cpSync(join(ROOT, 'sfdx-project.json'), join(project, 'sfdx-project.json'));
      plant('layouts/Risk__c-Risk Layout.layout-meta.xml', '<showSubmitAndAttachButton>', '<showSubmitButton>');
      plant('layouts/Risk__c-Risk Layout.layout-meta.xml', '</showSubmitAndAttachButton>', '</showSubmitButton>');
      plant('layouts/Decision__c-Decision Layout.layout-meta.xml', '<behavior>Edit</behavior>', '<behavior>Editable</behavior>');
      plant('tabs/Risk__c.tab-meta.xml', /CustomTab/g, 'CustomTabs');
      plant('tabs/Decision__c.tab-meta.xml', '<customObject>true</customObject>', '<customObject>yes</customObject>');
      plant('flexipages/Ownership_Console.flexipage-meta.xml', '<type>AppPage</type>', '<type>AppPage</type>\n    <type>RecordPage</type>');
      plant('objects/Risk__c/fields/Statement__c.field-meta.xml', /<length>\d+<\/length>/, '<length>many</length>');
      // Order is not enforced by the Metadata API: the page with its masterLabel first must pass.
      plant('applications/Ownership_Console.app-meta.xml', /(<CustomApplication[^>]*>)([\s\S]*?)(\s*<label>[^<]*<\/label>)/, '$1$3$2');
      const converted = await convertSource(project);
      try {
        problems = validateMetadataDir(converted.dir, schema).problems.map(formatProblem);
      } finally {
        converted.cleanup();
      }
    });
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it('reports the unknown element with its file and line', () => {
      expect(problems).toContainEqual(
        expect.stringMatching(/^layouts\/Risk__c-Risk Layout\.layout:\d+: <showSubmitButton> is not an element of Layout/)
      );
    });
    it('reports a bad enumeration value with the values allowed', () => {
      expect(problems).toContainEqual(
        expect.stringMatching(/^layouts\/Decision__c-Decision Layout\.layout:\d+: .*"Editable" is not one of Edit, Required, Readonly/)
      );
    });
    it('reports a misspelled type', () => {
      expect(problems).toContainEqual(expect.stringMatching(/^tabs\/Risk__c\.tab:2: <CustomTabs> is not a Metadata API type/));
    });
    it('reports a bad boolean and a bad number', () => {
      expect(problems).toContainEqual(expect.stringMatching(/^tabs\/Decision__c\.tab:\d+: .*"yes" is not a boolean/));
      expect(problems).toContainEqual(expect.stringMatching(/^objects\/Risk__c\.object:\d+: .*"many" is not a number/));
    });
    it('reports a single-valued element given twice', () => {
      expect(problems).toContainEqual(
        expect.stringMatching(/^flexipages\/Ownership_Console\.flexipage:\d+: <type> appears more than once/)
      );
    });
    it('does not report element order, and nothing else', () => {
      expect(problems.filter((problem) => problem.startsWith('applications/'))).toEqual([]);
      expect(problems).toHaveLength(6);
    });
  });
});
