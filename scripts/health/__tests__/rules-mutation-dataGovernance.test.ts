import { defaultRuleOptions } from '../rules';
import { aiConfigUnowned, unclassifiedSensitiveField } from '../rules/dataGovernance';
import type { ContractRule } from '../rules/operatingModelHelpers';
import type { RuleHit } from '../rules/types';
import type { DecisionRecord, GovernanceArea, OrgSnapshot } from '../snapshot';
import { liveSnapshot } from './core-fixtures';
import { snapshotUser } from './rules-harness';

// Who owns the AI configuration, as the finding states it, and which fields look like personal data.
const TAKEN = '2026-11-23T12:00:00.000Z';
function hits(rule: ContractRule, data: Partial<OrgSnapshot>): RuleHit[] {
  const outcome = rule.evaluate(liveSnapshot({ takenAt: TAKEN, ...data }), { options: defaultRuleOptions() });
  if ('skipped' in outcome) throw new Error(`${rule.id} skipped: ${outcome.skipped}`);
  return outcome.hits;
}

describe('ai.config-unowned: which area, Accountable and decision count', () => {
  const agent = { type: 'Bot', name: 'Service_Agent', location: { file: 'bots/Service_Agent.bot-meta.xml' } };
  const aiArea: GovernanceArea = {
    id: 'ga-ai',
    areaKey: 'AI.CONFIGURATION',
    name: 'AI configuration',
    accountableId: 'u1',
    status: 'Active'
  };
  const otherArea: GovernanceArea = {
    id: 'ga-perm',
    areaKey: 'ACCESS.PERMISSIONS',
    name: 'Permissions',
    accountableId: 'u1',
    status: 'Active'
  };
  const accepted = (extra: Partial<DecisionRecord> = {}): DecisionRecord => ({
    id: 'd1',
    name: 'DEC-1',
    status: 'Accepted',
    governanceAreaId: 'ga-ai',
    ...extra
  });
  const owned = { aiComponents: [agent], governanceAreas: [aiArea], users: [snapshotUser('u1')], decisions: [accepted()] };
  const details = (data: Partial<OrgSnapshot>) => hits(aiConfigUnowned, { ...owned, ...data }).map((hit) => hit.detail);

  it('an active Accountable and an accepted decision without expiry: no finding', () => {
    expect(hits(aiConfigUnowned, owned)).toEqual([]);
  });

  it('a decision expiring on the day of the run still counts; one that expired the day before does not', () => {
    expect(details({ decisions: [accepted({ expiresOn: '2026-11-23' })] })).toEqual([]);
    expect(details({ decisions: [accepted({ expiresOn: '2026-11-22' })] })).toEqual([
      'Bot Service_Agent is enabled, but AI configuration has no accepted, unexpired decision on what AI may do.'
    ]);
  });

  it('only an accepted decision of the AI area counts', () => {
    const gap = ['Bot Service_Agent is enabled, but AI configuration has no accepted, unexpired decision on what AI may do.'];
    expect(details({ decisions: [accepted({ status: 'Proposed' })] })).toEqual(gap);
    expect(details({ governanceAreas: [otherArea, aiArea], decisions: [accepted({ governanceAreaId: 'ga-perm' })] })).toEqual(gap);
    expect(details({ decisions: [accepted({ id: 'd0', governanceAreaId: 'ga-perm' }), accepted({ id: 'd2', status: 'Draft' })] })).toEqual(
      gap
    );
    // One accepted decision of the area is enough, whatever the other areas' decisions are.
    expect(
      details({ governanceAreas: [otherArea, aiArea], decisions: [accepted({ id: 'd0', governanceAreaId: 'ga-perm' }), accepted()] })
    ).toEqual([]);
  });

  it('the area is AI.CONFIGURATION and not retired: another owned area or a retired AI area leaves it without one', () => {
    const found = hits(aiConfigUnowned, {
      ...owned,
      governanceAreas: [otherArea, { ...aiArea, status: 'Retired' }],
      decisions: [accepted({ governanceAreaId: 'ga-perm' }), accepted({ id: 'd2' })]
    });
    expect(found).toEqual([
      {
        component: { type: 'Bot', name: 'Service_Agent' },
        detail: 'Bot Service_Agent is enabled, but there is no AI.CONFIGURATION governance area.',
        location: { file: 'bots/Service_Agent.bot-meta.xml' },
        route: { areaKey: 'GOVERNANCE.OWNERSHIP', lead: 'Joint' }
      }
    ]);
  });

  it("the Accountable is the area's own user, and must be active; without one the finding goes to the ownership model", () => {
    const found = hits(aiConfigUnowned, { ...owned, users: [snapshotUser('u0'), snapshotUser('u1', { isActive: false })] });
    expect(found).toEqual([
      {
        component: { type: 'Bot', name: 'Service_Agent' },
        detail: 'Bot Service_Agent is enabled, but AI configuration has no active Accountable.',
        location: { file: 'bots/Service_Agent.bot-meta.xml' },
        route: { areaKey: 'GOVERNANCE.OWNERSHIP', lead: 'Joint' }
      }
    ]);
    expect(details({ users: [snapshotUser('u0')] })).toEqual([
      'Bot Service_Agent is enabled, but AI configuration has no active Accountable.'
    ]);
  });

  it("a missing decision is the area's own gap: the finding stays with the AI area, at its severity", () => {
    const [hit] = hits(aiConfigUnowned, { ...owned, decisions: [] });
    expect(hit.route).toBeUndefined();
    expect(hit.severity).toBeUndefined();
  });

  it('offline: a note per component saying a live run checks the area', () => {
    const offline: OrgSnapshot = { source: 'metadata', takenAt: TAKEN, holders: [], settings: {}, unavailable: {}, aiComponents: [agent] };
    const outcome = aiConfigUnowned.evaluate(offline, { options: defaultRuleOptions() });
    expect(outcome).toEqual({
      hits: [
        {
          component: { type: 'Bot', name: 'Service_Agent' },
          detail:
            'Bot Service_Agent is in the metadata; nothing in it names who owns the AI configuration (a live run checks the AI.CONFIGURATION area and its decisions).',
          location: { file: 'bots/Service_Agent.bot-meta.xml' },
          severity: 'info'
        }
      ]
    });
  });
});

describe('data.unclassified-sensitive-field', () => {
  it('a personal-data field without classification is a finding naming the field, its type and label, and what it lacks', () => {
    const found = hits(unclassifiedSensitiveField, {
      customFields: [
        {
          object: 'Contact',
          name: 'Home_Address__c',
          type: 'TextArea',
          label: 'Home address',
          location: { file: 'Home_Address__c.field-meta.xml' }
        },
        { object: 'Contact', name: 'Work_Email__c', type: 'Email', securityClassification: 'Confidential' },
        { object: 'Contact', name: 'Passport__c', type: 'Text', complianceGroup: 'PII;GDPR' },
        { object: 'Contact', name: 'Mobile__c', type: 'Phone', securityClassification: 'Restricted', complianceGroup: 'PII' }
      ]
    });
    expect(found).toEqual([
      {
        component: { type: 'CustomField', name: 'Contact.Home_Address__c' },
        detail:
          'Contact.Home_Address__c (TextArea, "Home address") looks like personal data and has no data sensitivity level and no compliance category.',
        location: { file: 'Home_Address__c.field-meta.xml' }
      },
      {
        component: { type: 'CustomField', name: 'Contact.Work_Email__c' },
        detail: 'Contact.Work_Email__c (Email) looks like personal data and has no compliance category.'
      },
      {
        component: { type: 'CustomField', name: 'Contact.Passport__c' },
        detail: 'Contact.Passport__c (Text) looks like personal data and has no data sensitivity level.'
      }
    ]);
  });

  it('words the API name joins with underscores count as words (Tax_Id__c, National_Id__c)', () => {
    const found = hits(unclassifiedSensitiveField, {
      customFields: [
        { object: 'Account', name: 'Tax_Id__c', type: 'Text' },
        { object: 'Contact', name: 'National_Id__c', type: 'Text' },
        { object: 'Account', name: 'Region__c', type: 'Text', label: 'Sales region' }
      ]
    });
    expect(found.map((hit) => hit.component.name)).toEqual(['Account.Tax_Id__c', 'Contact.National_Id__c']);
  });
});
