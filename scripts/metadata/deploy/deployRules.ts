import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { localName, parseXml, type XmlElement } from '../schema/xmlTree';
import motifList from './tabMotifs.json';
import templateList from './flexipageTemplates.json';

/**
 * Rules a deploy enforces beyond the schema: values that are valid strings to the WSDL but that the
 * server checks against the org (templates and their regions, tab styles, the components a page
 * places, the tabs an app lists, the sets a group holds). Read from the Metadata API format folder
 * that `sf project convert source` writes, so new components need no list here.
 */

export type DeployProblem = { file: string; line: number; rule: string; message: string };

type Template = { pageType: string; regions: string[]; source: string };
const TEMPLATES: Record<string, Template> = templateList.templates;
export const TAB_MOTIFS: ReadonlySet<string> = new Set([...motifList.motifs, ...motifList.alsoDeployed.map((entry) => entry.motif)]);

/** The js-meta.xml target a component needs for each Lightning page type. */
const PAGE_TARGETS: Record<string, string> = {
  AppPage: 'lightning__AppPage',
  RecordPage: 'lightning__RecordPage',
  HomePage: 'lightning__HomePage',
  UtilityBar: 'lightning__UtilityBar'
};

/** The fields of a CustomTab that say what it shows. */
const TAB_TARGETS = ['auraComponent', 'customObject', 'flexiPage', 'lwcComponent', 'page', 'scontrol', 'url'];

const child = (element: XmlElement, name: string) => element.children.find((candidate) => localName(candidate.name) === name);
const childrenNamed = (element: XmlElement, name: string) => element.children.filter((candidate) => localName(candidate.name) === name);
const textOf = (element: XmlElement | undefined) => element?.text.trim() ?? '';

function readDir(dir: string, folder: string, suffix: string): Array<{ name: string; file: string; root: XmlElement }> {
  const path = join(dir, folder);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => ({ name: basename(name, suffix), file: `${folder}/${name}`, root: parseXml(readFileSync(join(path, name), 'utf8')) }));
}

function bundles(dir: string, folder: 'lwc' | 'aura'): Map<string, XmlElement | undefined> {
  const path = join(dir, folder);
  if (!existsSync(path)) return new Map();
  return new Map(
    readdirSync(path).map((name) => {
      const meta = join(path, name, `${name}.js-meta.xml`);
      return [name, folder === 'lwc' && existsSync(meta) ? parseXml(readFileSync(meta, 'utf8')) : undefined];
    })
  );
}

/** Component instances anywhere on the page, facets included. */
function componentInstances(page: XmlElement): XmlElement[] {
  return childrenNamed(page, 'flexiPageRegions').flatMap((region) =>
    childrenNamed(region, 'itemInstances').flatMap((item) => childrenNamed(item, 'componentInstance'))
  );
}

export function checkDeployRules(dir: string): DeployProblem[] {
  const problems: DeployProblem[] = [];
  const report = (file: string, element: XmlElement, rule: string, message: string) =>
    problems.push({ file, line: element.line, rule, message });
  const lwc = bundles(dir, 'lwc');
  const aura = bundles(dir, 'aura');
  const flexipages = readDir(dir, 'flexipages', '.flexipage');
  const pageTypes = new Map(flexipages.map((page) => [page.name, textOf(child(page.root, 'type'))]));
  const tabs = readDir(dir, 'tabs', '.tab');
  const objects = new Set(readDir(dir, 'objects', '.object').map((object) => object.name));
  const permissionSets = new Set(readDir(dir, 'permissionsets', '.permissionset').map((set) => set.name));

  for (const { file, root } of flexipages) {
    const pageType = textOf(child(root, 'type'));
    const hasParent = child(root, 'parentFlexiPage') !== undefined;
    const templateName = textOf(child(child(root, 'template') ?? root, 'name'));
    const template = TEMPLATES[templateName];
    const localTemplate = !templateName.includes(':') || templateName.startsWith('c:');
    if (!template && !localTemplate) {
      report(
        file,
        child(root, 'template')!,
        'flexipage.template',
        `template ${templateName} is not a template the check knows (deploy/flexipageTemplates.json): add it with a public source, or use one listed there.`
      );
    } else if (!template && !aura.has(templateName.replace(/^c:/, '')) && !lwc.has(templateName.replace(/^c:/, ''))) {
      report(
        file,
        child(root, 'template')!,
        'flexipage.template',
        `template ${templateName} is neither a standard template nor a component of this project.`
      );
    }
    if (template && template.pageType !== pageType)
      report(
        file,
        child(root, 'type') ?? root,
        'flexipage.template',
        `template ${templateName} is for a ${template.pageType}, the page is a ${pageType}.`
      );

    for (const region of childrenNamed(root, 'flexiPageRegions')) {
      const name = textOf(child(region, 'name'));
      const mode = child(region, 'mode');
      // A mode says how the region changes its parent page's region; a page without a parent has none to change.
      if (mode && !hasParent)
        report(
          file,
          mode,
          'flexipage.region-mode',
          `region ${name} has <mode>${textOf(mode)}</mode>, but the page has no parentFlexiPage: a deploy fails with "Region specifies mode that parent doesn't support".`
        );
      if (template && textOf(child(region, 'type')) === 'Region' && !template.regions.includes(name))
        report(file, region, 'flexipage.region', `region ${name} is not a region of ${templateName} (${template.regions.join(', ')}).`);
    }

    const target = PAGE_TARGETS[pageType];
    for (const instance of componentInstances(root)) {
      const componentName = textOf(child(instance, 'componentName'));
      if (componentName.includes(':') && !componentName.startsWith('c:')) continue; // a Salesforce or managed package component
      const name = componentName.replace(/^c:/, '');
      if (aura.has(name)) continue;
      if (!lwc.has(name)) {
        report(
          file,
          instance,
          'flexipage.component',
          `component ${componentName} is placed on the page but no lwc/${name} or aura/${name} bundle exists.`
        );
        continue;
      }
      const meta = lwc.get(name);
      const targets = meta ? childrenNamed(child(meta, 'targets') ?? meta, 'target').map(textOf) : [];
      if (!meta || textOf(child(meta, 'isExposed')) !== 'true')
        report(
          file,
          instance,
          'flexipage.component',
          `component ${name} is not exposed (lwc/${name}/${name}.js-meta.xml needs <isExposed>true</isExposed>).`
        );
      else if (target && !targets.includes(target))
        report(
          file,
          instance,
          'flexipage.component',
          `component ${name} does not list ${target} in its targets (lwc/${name}/${name}.js-meta.xml), so a ${pageType} cannot place it.`
        );
    }
  }

  for (const { name, file, root } of tabs) {
    // Metadata API reference, CustomTab: "Only one of these fields can have a value set".
    const shows = TAB_TARGETS.filter((field) => {
      const value = textOf(child(root, field));
      return field === 'customObject' ? value === 'true' : value !== '';
    });
    if (shows.length !== 1)
      report(
        file,
        root,
        'tab.target',
        shows.length === 0
          ? `tab shows nothing: set one of ${TAB_TARGETS.join(', ')}.`
          : `tab sets ${shows.join(' and ')}; only one of ${TAB_TARGETS.join(', ')} can have a value.`
      );
    const motif = child(root, 'motif');
    if (motif && !TAB_MOTIFS.has(textOf(motif)))
      report(
        file,
        motif,
        'tab.motif',
        `tab style "${textOf(motif)}" is not one Salesforce has (deploy/tabMotifs.json, from sf schema generate tab): pick a "CustomNN: Name" pair from that list.`
      );
    const flexiPage = child(root, 'flexiPage');
    if (flexiPage && pageTypes.get(textOf(flexiPage)) !== 'AppPage')
      report(
        file,
        flexiPage,
        'tab.target',
        pageTypes.has(textOf(flexiPage))
          ? `tab shows ${textOf(flexiPage)}, which is not an AppPage.`
          : `tab shows the Lightning page ${textOf(flexiPage)}, which does not exist.`
      );
    const lwcComponent = child(root, 'lwcComponent');
    if (lwcComponent && !lwc.has(textOf(lwcComponent)))
      report(file, lwcComponent, 'tab.target', `tab shows the component ${textOf(lwcComponent)}, which does not exist.`);
    // A custom object tab is named after its object; a standard object's tab is not a CustomTab.
    if (textOf(child(root, 'customObject')) === 'true' && name.endsWith('__c') && !objects.has(name))
      report(file, root, 'tab.target', `tab is for the custom object ${name}, which does not exist.`);
  }

  const tabNames = new Set(tabs.map((tab) => tab.name));
  for (const { file, root } of readDir(dir, 'applications', '.app')) {
    for (const tab of childrenNamed(root, 'tabs')) {
      const name = textOf(tab);
      // standard-Account is Salesforce's, ns__Tab and ns__Object__c come from an installed package.
      const packaged = name.replace(/__c$/, '').includes('__');
      if (!name.startsWith('standard-') && !packaged && !tabNames.has(name))
        report(file, tab, 'app.tab', `the app lists the tab ${name}, which does not exist.`);
    }
    const utilityBar = child(root, 'utilityBar');
    if (utilityBar && pageTypes.get(textOf(utilityBar)) !== 'UtilityBar')
      report(file, utilityBar, 'app.utility-bar', `the utility bar ${textOf(utilityBar)} is not a UtilityBar page of this project.`);
  }

  for (const { file, root } of readDir(dir, 'permissionsetgroups', '.permissionsetgroup')) {
    for (const member of childrenNamed(root, 'permissionSets')) {
      // A namespaced set comes from an installed package; ours must be in the same deploy.
      if (!textOf(member).includes('__') && !permissionSets.has(textOf(member)))
        report(file, member, 'psg.member', `the group holds the permission set ${textOf(member)}, which does not exist.`);
    }
  }
  return problems;
}

export function formatDeployProblem(problem: DeployProblem): string {
  return `${problem.file}:${problem.line}: [${problem.rule}] ${problem.message}`;
}
