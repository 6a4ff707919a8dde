import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertSource } from '../convert';
import { checkDeployRules, formatDeployProblem, TAB_MOTIFS } from '../deploy/deployRules';
import motifList from '../deploy/tabMotifs.json';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..', '..');

describe('the tab styles', () => {
  it('are the list the installed sf CLI writes (sf schema generate tab), one name for each of Custom1 to Custom100', () => {
    const source = readFileSync(
      join(ROOT, 'node_modules', '@salesforce', 'plugin-sobject', 'lib', 'commands', 'schema', 'generate', 'tab.js'),
      'utf8'
    );
    const installed = [...source.slice(source.indexOf('const tabDefs')).matchAll(/'(Custom\d+: [^']+)'/g)].map((match) => match[1].trim());
    expect([...motifList.motifs].sort()).toEqual(installed.sort());
    expect(new Set(motifList.motifs.map((motif) => /^Custom(\d+):/.exec(motif)?.[1])).size).toBe(100);
    expect(TAB_MOTIFS.has('Custom83: Pencil')).toBe(true);
    expect(TAB_MOTIFS.has('Custom57: Pencil')).toBe(false);
  });
});

describe('deploy rules beyond the schema, on force-app as the real sf CLI converts it', () => {
  it('finds nothing in force-app', async () => {
    const converted = await convertSource(ROOT);
    try {
      expect(checkDeployRules(converted.dir).map(formatDeployProblem)).toEqual([]);
    } finally {
      converted.cleanup();
    }
  });

  describe('planted breaks in a copy of the project', () => {
    let project: string;
    let problems: string[];
    const path = (file: string) => join(project, 'force-app', 'main', 'default', file);
    const plant = (file: string, from: string | RegExp, to: string) => {
      const text = readFileSync(path(file), 'utf8');
      const planted = text.replace(from, to);
      if (planted === text) throw new Error(`nothing to plant in ${file}: ${String(from)}`);
      writeFileSync(path(file), planted);
    };
    const PAGE = 'flexipages/Ownership_Console.flexipage-meta.xml';

    beforeAll(async () => {
      project = mkdtempSync(join(tmpdir(), 'deploy-rules-planted-'));
      cpSync(join(ROOT, 'force-app'), join(project, 'force-app'), { recursive: true });
      cpSync(join(ROOT, 'sfdx-project.json'), join(project, 'sfdx-project.json'));
      // A second page on a template nobody knows, and one whose region is not its template's.
      writeFileSync(
        path('flexipages/Made_Up.flexipage-meta.xml'),
        readFileSync(path(PAGE), 'utf8').replace('flexipage:defaultAppHomeTemplate', 'flexipage:madeUpTemplate')
      );
      writeFileSync(
        path('flexipages/Wrong_Region.flexipage-meta.xml'),
        readFileSync(path(PAGE), 'utf8').replace('<name>main</name>', '<name>body</name>')
      );
      plant(PAGE, '<name>main</name>', '<mode>Replace</mode>\n        <name>main</name>');
      plant(
        PAGE,
        '</itemInstances>',
        '</itemInstances>\n        <itemInstances>\n            <componentInstance>\n                <componentName>missingWidget</componentName>\n                <identifier>missingWidget</identifier>\n            </componentInstance>\n        </itemInstances>'
      );
      plant('lwc/ownershipConsole/ownershipConsole.js-meta.xml', 'lightning__AppPage', 'lightning__RecordPage');
      plant('tabs/Risk__c.tab-meta.xml', /<motif>[^<]*<\/motif>/, '<motif>Custom57: Pencil</motif>');
      plant('tabs/Ownership_Console.tab-meta.xml', '<flexiPage>Ownership_Console</flexiPage>', '<flexiPage>No_Such_Page</flexiPage>');
      plant(
        'tabs/Decision__c.tab-meta.xml',
        '<customObject>true</customObject>',
        '<customObject>true</customObject>\n    <url>https://example.com</url>'
      );
      plant('applications/Ownership_Console.app-meta.xml', '<tabs>Risk__c</tabs>', '<tabs>Risk__c</tabs>\n    <tabs>Ghost__c</tabs>');
      plant(
        'permissionsetgroups/Ownership_Console_Members.permissionsetgroup-meta.xml',
        '</label>',
        '</label>\n    <permissionSets>Missing_Set</permissionSets>'
      );
      const converted = await convertSource(project);
      try {
        problems = checkDeployRules(converted.dir).map(formatDeployProblem);
      } finally {
        converted.cleanup();
      }
    });
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it.each([
      [
        'a region mode on a page without a parent',
        /^flexipages\/Ownership_Console\.flexipage:\d+: \[flexipage\.region-mode\] region main has <mode>Replace<\/mode>/
      ],
      ['a template nobody knows', /^flexipages\/Made_Up\.flexipage:\d+: \[flexipage\.template\] template flexipage:madeUpTemplate/],
      [
        'a region its template does not have',
        /^flexipages\/Wrong_Region\.flexipage:\d+: \[flexipage\.region\] region body is not a region of flexipage:defaultAppHomeTemplate \(main\)/
      ],
      [
        'a component that does not exist',
        /^flexipages\/Ownership_Console\.flexipage:\d+: \[flexipage\.component\] component missingWidget .*no lwc\/missingWidget/
      ],
      ['a component without the page target', /\[flexipage\.component\] component ownershipConsole does not list lightning__AppPage/],
      ['a tab style Salesforce does not have', /^tabs\/Risk__c\.tab:\d+: \[tab\.motif\] tab style "Custom57: Pencil"/],
      [
        'a tab showing a page that does not exist',
        /^tabs\/Ownership_Console\.tab:\d+: \[tab\.target\] .*No_Such_Page, which does not exist/
      ],
      ['a tab that shows two things', /^tabs\/Decision__c\.tab:\d+: \[tab\.target\] tab sets customObject and url; only one of/],
      ['an app listing a tab that does not exist', /^applications\/Ownership_Console\.app:\d+: \[app\.tab\] .*Ghost__c/],
      [
        'a group holding a set that does not exist',
        /^permissionsetgroups\/Ownership_Console_Members\.permissionsetgroup:\d+: \[psg\.member\] .*Missing_Set/
      ]
    ])('reports %s', (_what, pattern) => {
      expect(problems).toContainEqual(expect.stringMatching(pattern));
    });
  });
});
