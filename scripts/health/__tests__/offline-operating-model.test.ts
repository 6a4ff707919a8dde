import { resolve } from 'node:path';
import { collectMetadataSnapshot } from '../collectors/metadata';
import { runHealthCheck } from '../engine';
import { permissionSetXml, writeTree } from './core-fixtures';

jest.setTimeout(60_000);

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const base = 'force-app/main/default';
const customField = (name: string, type: string, extra = '') =>
  `${HEAD}\n<CustomField ${NS}>\n    <fullName>${name}</fullName>${extra}\n    <label>${name.replace(/__c$/, '').replace(/_/g, ' ')}</label>\n    <type>${type}</type>\n</CustomField>\n`;

const SOURCE_FORMAT = {
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }),
  [`${base}/permissionsets/Reader.permissionset-meta.xml`]: permissionSetXml('Reader', []),
  [`${base}/objects/Contact/Contact.object-meta.xml`]: `${HEAD}\n<CustomObject ${NS}>\n</CustomObject>\n`,
  [`${base}/objects/Contact/fields/Work_Email__c.field-meta.xml`]: customField('Work_Email__c', 'Email'),
  [`${base}/objects/Contact/fields/Birth_Date__c.field-meta.xml`]: customField(
    'Birth_Date__c',
    'Date',
    '\n    <complianceGroup>PII;GDPR</complianceGroup>\n    <securityClassification>Confidential</securityClassification>'
  ),
  [`${base}/objects/Opportunity/Opportunity.object-meta.xml`]: `${HEAD}\n<CustomObject ${NS}>\n</CustomObject>\n`,
  [`${base}/objects/Opportunity/validationRules/Close_Date_Required.validationRule-meta.xml`]: `${HEAD}\n<ValidationRule ${NS}>\n    <fullName>Close_Date_Required</fullName>\n    <active>true</active>\n    <errorConditionFormula>ISBLANK(CloseDate)</errorConditionFormula>\n    <errorMessage>Close date.</errorMessage>\n</ValidationRule>\n`,
  [`${base}/standardValueSets/OpportunityStage.standardValueSet-meta.xml`]: `${HEAD}\n<StandardValueSet ${NS}>\n    <sorted>false</sorted>\n    <standardValue>\n        <fullName>Prospecting</fullName>\n        <default>true</default>\n        <label>Prospecting</label>\n        <closed>false</closed>\n        <forecastCategory>Pipeline</forecastCategory>\n        <probability>10</probability>\n        <won>false</won>\n    </standardValue>\n    <standardValue>\n        <fullName>Closed Won</fullName>\n        <default>false</default>\n        <label>Closed Won</label>\n        <closed>true</closed>\n        <forecastCategory>Closed</forecastCategory>\n        <probability>90</probability>\n        <won>true</won>\n    </standardValue>\n</StandardValueSet>\n`,
  [`${base}/dashboards/Sales.dashboardFolder-meta.xml`]: `${HEAD}\n<DashboardFolder ${NS}>\n    <name>Sales</name>\n</DashboardFolder>\n`,
  [`${base}/dashboards/Sales/Pipeline.dashboard-meta.xml`]: `${HEAD}\n<Dashboard ${NS}>\n    <dashboardType>SpecifiedUser</dashboardType>\n    <runningUser>ceo@acme.example</runningUser>\n    <title>Pipeline</title>\n</Dashboard>\n`,
  [`${base}/genAiPromptTemplates/Account_Summary.genAiPromptTemplate-meta.xml`]: `${HEAD}\n<GenAiPromptTemplate ${NS}>\n    <developerName>Account_Summary</developerName>\n    <masterLabel>Account Summary</masterLabel>\n</GenAiPromptTemplate>\n`
};

describe('the operating model offline, from retrieved metadata', () => {
  it('reads fields, validation rules, stages, dashboards and AI metadata, and the rules fire on them with file and line', async () => {
    const dir = writeTree(SOURCE_FORMAT);
    const snapshot = await collectMetadataSnapshot(dir);
    expect(snapshot.customFields?.map((field) => `${field.object}.${field.name}`).sort()).toEqual([
      'Contact.Birth_Date__c',
      'Contact.Work_Email__c'
    ]);
    expect(snapshot.aiComponents).toEqual([expect.objectContaining({ type: 'GenAiPromptTemplate', name: 'Account_Summary' })]);
    const result = runHealthCheck(snapshot);
    const byRule = (id: string) => result.findings.filter((finding) => finding.ruleId === id).map((finding) => finding.component.name);
    expect(byRule('data.unclassified-sensitive-field')).toEqual(['Contact.Work_Email__c']);
    expect(byRule('salesops.validation-rule-undocumented')).toEqual(['Opportunity.Close_Date_Required']);
    expect(byRule('salesops.stage-forecast-mismatch')).toEqual(['Closed Won']);
    expect(byRule('salesops.dashboard-runs-as-user')).toEqual(['Sales/Pipeline']);
    expect(byRule('ai.config-unowned')).toEqual(['Account_Summary']);
    const stage = result.findings.find((finding) => finding.ruleId === 'salesops.stage-forecast-mismatch')!;
    expect(stage.location?.file).toMatch(/OpportunityStage\.standardValueSet-meta\.xml$/);
    expect(stage.location?.line).toBe(14);
    expect(result.findings.filter((finding) => finding.lead === 'SalesOps').length).toBeGreaterThanOrEqual(3);
  });

  it('reads fields and rules inside Metadata API format .object files', async () => {
    const dir = writeTree({
      'package.xml': `${HEAD}\n<Package ${NS}>\n    <types>\n        <members>Lead</members>\n        <name>CustomObject</name>\n    </types>\n    <version>66.0</version>\n</Package>\n`,
      'objects/Lead.object': `${HEAD}\n<CustomObject ${NS}>\n    <fields>\n        <fullName>Mobile_Phone__c</fullName>\n        <label>Mobile</label>\n        <type>Phone</type>\n    </fields>\n    <fields>\n        <fullName>Region__c</fullName>\n        <label>Region</label>\n        <type>Text</type>\n    </fields>\n    <validationRules>\n        <fullName>Region_Required</fullName>\n        <active>true</active>\n        <description>Routing needs it (DEC-0007).</description>\n        <errorConditionFormula>ISBLANK(Region__c)</errorConditionFormula>\n        <errorMessage>Region.</errorMessage>\n    </validationRules>\n</CustomObject>\n`,
      'permissionsets/Reader.permissionset': permissionSetXml('Reader', [])
    });
    const snapshot = await collectMetadataSnapshot(dir);
    expect(snapshot.customFields?.map((field) => [field.name, field.type, field.location?.line])).toEqual([
      ['Mobile_Phone__c', 'Phone', 4],
      ['Region__c', 'Text', 9]
    ]);
    expect(snapshot.validationRules).toEqual([expect.objectContaining({ object: 'Lead', name: 'Region_Required', active: true })]);
  });

  it('marks what the folder does not hold as unavailable, naming what to retrieve, and skips those rules', async () => {
    const snapshot = await collectMetadataSnapshot(resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'gsa-workspace'));
    expect(snapshot.unavailable.aiComponents).toMatch(/^no AI metadata in .*gsa-workspace \(retrieve GenAiPromptTemplate/);
    const rules = runHealthCheck(snapshot).rules;
    expect(rules.find((rule) => rule.id === 'ai.config-unowned')).toMatchObject({ status: 'skipped' });
    expect(rules.find((rule) => rule.id === 'salesops.dashboard-runs-as-user')?.reason).toContain('retrieve Dashboard');
  });
});
