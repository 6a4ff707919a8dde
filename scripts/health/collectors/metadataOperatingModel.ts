import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ComponentSet, RegistryAccess, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import type {
  AiComponent,
  CustomFieldInfo,
  DashboardInfo,
  OpportunityStageInfo,
  OrgSnapshot,
  SourceLocation,
  ValidationRuleInfo
} from '../snapshot';
import { displayPath } from '../../lib/paths';
import { parseXmlFile, type ParsedXml, type XmlNode } from '../../lib/xml';

/**
 * What the operating model's offline rules read from retrieved metadata: custom fields (data
 * classification), validation rules of revenue objects, dashboards, the OpportunityStage value set,
 * and the AI configuration (prompt templates, agents, planners, the Einstein generative AI setting).
 * A type the folder does not hold is unknown, not empty: its part is marked unavailable with what to retrieve.
 */

const AI_TYPES = new Set(['GenAiPromptTemplate', 'Bot', 'GenAiPlanner', 'GenAiPlannerBundle']);
const READ = new Set(['CustomObject', 'CustomField', 'ValidationRule', 'Dashboard', 'StandardValueSet', 'Settings', ...AI_TYPES]);

type Parts = Pick<OrgSnapshot, 'customFields' | 'validationRules' | 'dashboards' | 'opportunityStages' | 'aiComponents'>;

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const bool = (value: unknown): boolean | undefined => (value === 'true' ? true : value === 'false' ? false : undefined);

/** The line of the element that holds `<fullName>name</fullName>`, or of the root element. */
function locate(xml: ParsedXml, name?: string): SourceLocation {
  const at = name ? xml.text.indexOf(`<fullName>${name}</fullName>`) : -1;
  const root = xml.text.search(/<[A-Za-z][\w]*\s+xmlns=/);
  return { file: xml.file, line: xml.lineAt(at >= 0 ? at : Math.max(root, 0)) };
}

function rootOf(xml: ParsedXml): XmlNode {
  const key = Object.keys(xml.root).find((candidate) => candidate !== '?xml');
  return (key ? xml.root[key] : {}) as XmlNode;
}

function field(object: string, node: XmlNode, location: SourceLocation): CustomFieldInfo | undefined {
  const name = text(node.fullName);
  if (!name || !name.endsWith('__c')) return undefined;
  return {
    object,
    name,
    type: text(node.type) ?? 'Unknown',
    label: text(node.label),
    required: bool(node.required),
    description: text(node.description),
    securityClassification: text(node.securityClassification),
    complianceGroup: text(node.complianceGroup),
    location
  };
}

function validationRule(object: string, node: XmlNode, location: SourceLocation): ValidationRuleInfo | undefined {
  const name = text(node.fullName);
  if (!name) return undefined;
  return { object, name, active: bool(node.active) ?? false, description: text(node.description), location };
}

async function load(component: SourceComponent): Promise<ParsedXml | undefined> {
  if (!component.xml) return undefined;
  return parseXmlFile(displayPath(component.xml), await readFile(component.xml, 'utf8'));
}

/**
 * The folders that hold the types read here: resolving only them keeps an orphan or malformed
 * component of another type (a document without its file, a symlink loop) from stopping the check.
 */
function foldersRead(dir: string): string[] {
  const registry = new RegistryAccess();
  const names = new Set(
    [...READ]
      .map((type) => registry.findType((candidate) => candidate.name === type)?.directoryName)
      .filter((name): name is string => !!name)
  );
  const found: string[] = [];
  const walk = (folder: string, depth: number): void => {
    if (depth > 8) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (names.has(basename(path))) found.push(path);
      else walk(path, depth + 1);
    }
  };
  walk(dir, 0);
  return found;
}

export async function collectOperatingModelMetadata(dir: string): Promise<{ parts: Parts; unavailable: Record<string, string> }> {
  const folders = foldersRead(dir);
  const components = (folders.length > 0 ? ComponentSet.fromSource({ fsPaths: folders }) : new ComponentSet())
    .getSourceComponents()
    .toArray()
    .filter((component) => READ.has(component.type.name));
  const customFields: CustomFieldInfo[] = [];
  const validationRules: ValidationRuleInfo[] = [];
  const dashboards: DashboardInfo[] = [];
  const aiComponents: AiComponent[] = [];
  let opportunityStages: OpportunityStageInfo[] | undefined;
  let sawObjects = false;
  let sawDashboards = false;
  let sawAi = false;

  const readChild = async (object: string, child: SourceComponent) => {
    const xml = await load(child);
    if (!xml) return;
    const node = { fullName: child.name, ...rootOf(xml) };
    const location = locate(xml);
    if (child.type.name === 'CustomField') {
      const info = field(object, node, location);
      if (info) customFields.push(info);
    } else if (child.type.name === 'ValidationRule') {
      const info = validationRule(object, node, location);
      if (info) validationRules.push(info);
    }
  };

  for (const component of components) {
    const type = component.type.name;
    if (AI_TYPES.has(type)) {
      sawAi = true;
      const xml = await load(component);
      aiComponents.push({ type, name: component.fullName, ...(xml ? { location: locate(xml) } : {}) });
      continue;
    }
    if (type === 'CustomObject') {
      sawObjects = true;
      const xml = await load(component);
      if (xml) {
        // Metadata API format: fields and rules inside the .object file.
        const root = rootOf(xml);
        for (const node of asArray(root.fields as XmlNode | XmlNode[] | undefined)) {
          const info = field(component.fullName, node, locate(xml, text(node.fullName)));
          if (info) customFields.push(info);
        }
        for (const node of asArray(root.validationRules as XmlNode | XmlNode[] | undefined)) {
          const info = validationRule(component.fullName, node, locate(xml, text(node.fullName)));
          if (info) validationRules.push(info);
        }
      }
      // Source format: one file per field and rule.
      for (const child of component.getChildren()) await readChild(component.fullName, child);
      continue;
    }
    const xml = await load(component);
    if (!xml) continue;
    const root = rootOf(xml);
    if (type === 'Dashboard') {
      sawDashboards = true;
      const [folder, ...rest] = component.fullName.split('/');
      dashboards.push({
        name: rest.length > 0 ? rest.join('/') : folder,
        folder: rest.length > 0 ? folder : undefined,
        title: text(root.title),
        dashboardType: text(root.dashboardType) ?? 'SpecifiedUser',
        location: locate(xml)
      });
    } else if (type === 'StandardValueSet' && component.fullName === 'OpportunityStage') {
      opportunityStages = asArray(root.standardValue as XmlNode | XmlNode[] | undefined).map((value) => ({
        name: text(value.fullName) ?? '',
        active: bool(value.isActive) ?? true,
        closed: bool(value.closed) ?? false,
        won: bool(value.won) ?? false,
        forecastCategory: text(value.forecastCategory),
        probability: text(value.probability) === undefined ? undefined : Number(value.probability),
        location: locate(xml, text(value.fullName))
      }));
    } else if (type === 'Settings' && component.fullName === 'EinsteinGpt') {
      sawAi = true;
      if (bool(root.enableEinsteinGptPlatform))
        aiComponents.push({ type: 'EinsteinGptSettings', name: 'EinsteinGpt', location: locate(xml) });
    }
  }

  const unavailable: Record<string, string> = {};
  const notIn = (what: string, retrieve: string) => `no ${what} in ${dir} (retrieve ${retrieve} to check it)`;
  if (!sawObjects) {
    unavailable.customFields = notIn('CustomObject or CustomField metadata', 'CustomObject');
    unavailable.validationRules = notIn('CustomObject or ValidationRule metadata', 'CustomObject:Opportunity');
  }
  if (!sawDashboards) unavailable.dashboards = notIn('Dashboard metadata', 'Dashboard');
  if (!opportunityStages) unavailable.opportunityStages = notIn('StandardValueSet OpportunityStage', 'StandardValueSet:OpportunityStage');
  if (!sawAi) unavailable.aiComponents = notIn('AI metadata', 'GenAiPromptTemplate, Bot, GenAiPlanner and Settings:EinsteinGpt');
  return {
    parts: {
      customFields: sawObjects ? customFields : undefined,
      validationRules: sawObjects ? validationRules : undefined,
      dashboards: sawDashboards ? dashboards : undefined,
      opportunityStages,
      aiComponents: sawAi ? aiComponents : undefined
    },
    unavailable
  };
}

/** Adds the operating model's parts to an offline snapshot (called by the metadata collector). */
export async function addOperatingModelMetadata(dir: string, snapshot: OrgSnapshot): Promise<void> {
  const { parts, unavailable } = await collectOperatingModelMetadata(dir);
  Object.assign(snapshot, parts);
  Object.assign(snapshot.unavailable, unavailable);
}
