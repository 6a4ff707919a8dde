import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runSf, sfEnvFor } from '../../lib/sfCli';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const FORCE_APP = join(ROOT, 'force-app');

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : xmlFiles(path);
    return name.endsWith('.xml') ? [path] : [];
  });
}

const EXPECTED_TYPES = [
  'CustomObject',
  'CustomField',
  'ValidationRule',
  'ListView',
  'CompactLayout',
  'Layout',
  'PermissionSet',
  'PermissionSetGroup',
  'CustomTab',
  'CustomApplication',
  'FlexiPage',
  'LightningComponentBundle',
  'LightningMessageChannel',
  'CustomLabels'
];

describe('force-app as a deploy would send it', () => {
  it('every XML file parses', () => {
    const problems = xmlFiles(FORCE_APP)
      .map((file) => ({ file, result: XMLValidator.validate(readFileSync(file, 'utf8')) }))
      .filter(({ result }) => result !== true)
      .map(({ file, result }) => `${file}:${result === true ? '' : result.err.line}: ${result === true ? '' : result.err.msg}`);
    expect(problems).toEqual([]);
  });

  it('keeps every label and text within the Metadata API limits a deploy enforces', () => {
    // Limits from the Metadata API reference; only what our files carry.
    const LIMITS: Record<string, Record<string, number>> = {
      '.object-meta.xml': { label: 40, pluralLabel: 40, description: 1000 },
      '.field-meta.xml': { label: 40, description: 1000, inlineHelpText: 510 },
      '.validationRule-meta.xml': { errorMessage: 255, description: 1000 },
      '.listView-meta.xml': { label: 40 },
      '.permissionset-meta.xml': { label: 80, description: 255 }
    };
    const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true });
    const tooLong: string[] = [];
    for (const file of xmlFiles(FORCE_APP)) {
      const suffix = Object.keys(LIMITS).find((candidate) => file.endsWith(candidate));
      if (!suffix) continue;
      const root = Object.values(parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).find(
        (node) => node !== null && typeof node === 'object'
      ) as Record<string, unknown>;
      for (const [element, limit] of Object.entries(LIMITS[suffix])) {
        const text = root[element];
        if (typeof text === 'string' && text.length > limit)
          tooLong.push(`${file.slice(ROOT.length + 1)}: <${element}> is ${text.length} characters, the limit is ${limit}`);
      }
    }
    expect(tooLong).toEqual([]);
  });

  it('source-deploy-retrieve resolves every component, with no unknown type', () => {
    const set = ComponentSet.fromSource(FORCE_APP);
    const types = new Set<string>();
    for (const component of set.getSourceComponents()) {
      types.add(component.type.name);
      for (const child of component.getChildren()) types.add(child.type.name);
    }
    for (const type of EXPECTED_TYPES) expect(types).toContain(type);
    // Every file under force-app (tests and jest config aside) belongs to a resolved component.
    const resolvedFiles = new Set<string>();
    for (const component of set.getSourceComponents()) {
      for (const file of [component.xml, ...component.walkContent(), ...component.getChildren().map((child) => child.xml)])
        if (file) resolvedFiles.add(file);
    }
    const unresolved = xmlFiles(FORCE_APP).filter((file) => !resolvedFiles.has(file));
    expect(unresolved).toEqual([]);
  });

  it('the real sf CLI converts it to Metadata API format with every object, set, tab and app', async () => {
    const state = mkdtempSync(join(tmpdir(), 'sf-convert-state-'));
    const output = mkdtempSync(join(tmpdir(), 'sf-convert-'));
    try {
      await runSf(['project', 'convert', 'source', '--root-dir', 'force-app', '--output-dir', output], {
        env: { ...sfEnvFor(state), PWD: ROOT }
      });
      const manifest = new XMLParser({ parseTagValue: false, isArray: (name) => ['types', 'members'].includes(name) }).parse(
        readFileSync(join(output, 'package.xml'), 'utf8')
      ) as {
        Package: { types: Array<{ name: string; members: string[] }>; version: string };
      };
      const members = new Map(manifest.Package.types.map((type) => [type.name, type.members]));
      expect(members.get('CustomObject')).toEqual([
        'Change_Request__c',
        'Decision__c',
        'Governance_Area__c',
        'Governance_Review__c',
        'Health_Check_Run__c',
        'Health_Finding__c',
        'Health_Metric__c',
        'Incident_Runbook__c',
        'Integration__c',
        'RACI_Assignment__c',
        'Risk__c'
      ]);
      expect(members.get('PermissionSet')).toEqual([
        'Ownership_Console_Admin',
        'Ownership_Console_Auditor',
        'Ownership_Console_Health_Runner',
        'Ownership_Console_User'
      ]);
      expect(members.get('CustomApplication')).toEqual(['Ownership_Console']);
      expect(members.get('FlexiPage')).toEqual(['Ownership_Console']);
      expect(members.get('CustomTab')).toContain('Ownership_Console');
      expect(members.get('LightningComponentBundle')).toContain('ownershipConsole');
      expect(String(manifest.Package.version)).toBe('66.0');
    } finally {
      rmSync(state, { recursive: true, force: true });
      rmSync(output, { recursive: true, force: true });
    }
  });
});
