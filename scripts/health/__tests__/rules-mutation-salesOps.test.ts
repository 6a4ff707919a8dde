import { defaultRuleOptions } from '../rules';
import type { ContractRule } from '../rules/operatingModelHelpers';
import { dashboardRunsAsUser, stageForecastMismatch, validationRuleUndocumented } from '../rules/salesOps';
import type { RuleHit } from '../rules/types';
import type { OpportunityStageInfo, OrgSnapshot } from '../snapshot';
import { liveSnapshot } from './core-fixtures';

// What SalesOps reads from its three rules: each contradiction of a stage named on its own, which
// validation rules and dashboards are findings, and what the finding names.
function hits(rule: ContractRule, data: Partial<OrgSnapshot>): RuleHit[] {
  const outcome = rule.evaluate(liveSnapshot(data), { options: defaultRuleOptions() });
  if ('skipped' in outcome) throw new Error(`${rule.id} skipped: ${outcome.skipped}`);
  return outcome.hits;
}
const stage = (extra: Partial<OpportunityStageInfo> & { name: string }): OpportunityStageInfo => ({
  active: true,
  closed: false,
  won: false,
  ...extra
});
const stageDetails = (stages: OpportunityStageInfo[]) =>
  hits(stageForecastMismatch, { opportunityStages: stages }).map((hit) => hit.detail);

describe('salesops.stage-forecast-mismatch: a won stage', () => {
  const won = (extra: Partial<OpportunityStageInfo>) => stage({ name: 'Closed Won', closed: true, won: true, ...extra });

  it('at 100 % and Closed, or with neither set, is not a finding', () => {
    expect(stageDetails([won({ probability: 100, forecastCategory: 'Closed' }), won({})])).toEqual([]);
  });

  it('below 100 % is a finding naming its probability, whatever its category', () => {
    expect(stageDetails([won({ probability: 90, forecastCategory: 'Closed' })])).toEqual([
      'Stage Closed Won: won at 90 %; the forecast counts it wrongly.'
    ]);
    expect(stageDetails([won({ probability: 0 })])).toEqual(['Stage Closed Won: won at 0 %; the forecast counts it wrongly.']);
  });

  it('forecast as anything but Closed is a finding naming the category, whatever its probability', () => {
    expect(stageDetails([won({ probability: 100, forecastCategory: 'Commit' })])).toEqual([
      'Stage Closed Won: won but forecast as Commit; the forecast counts it wrongly.'
    ]);
    expect(stageDetails([won({ forecastCategory: 'Omitted' })])).toEqual([
      'Stage Closed Won: won but forecast as Omitted; the forecast counts it wrongly.'
    ]);
  });

  it('both wrong: one finding with both problems, one component, at the stage location', () => {
    const found = hits(stageForecastMismatch, {
      opportunityStages: [
        won({ probability: 50, forecastCategory: 'Pipeline', location: { file: 'OpportunityStage.standardValueSet-meta.xml', line: 40 } })
      ]
    });
    expect(found).toEqual([
      {
        component: { type: 'OpportunityStage', name: 'Closed Won' },
        detail: 'Stage Closed Won: won at 50 %; won but forecast as Pipeline; the forecast counts it wrongly.',
        location: { file: 'OpportunityStage.standardValueSet-meta.xml', line: 40 }
      }
    ]);
  });
});

describe('salesops.stage-forecast-mismatch: a lost stage', () => {
  const lost = (extra: Partial<OpportunityStageInfo>) => stage({ name: 'Closed Lost', closed: true, won: false, ...extra });

  it('at 0 % and Omitted, or with neither set, is not a finding', () => {
    expect(stageDetails([lost({ probability: 0, forecastCategory: 'Omitted' }), lost({})])).toEqual([]);
  });

  it('above 0 % is a finding naming its probability', () => {
    expect(stageDetails([lost({ probability: 10, forecastCategory: 'Omitted' })])).toEqual([
      'Stage Closed Lost: lost at 10 %; the forecast counts it wrongly.'
    ]);
    expect(stageDetails([lost({ probability: 100 })])).toEqual(['Stage Closed Lost: lost at 100 %; the forecast counts it wrongly.']);
  });

  it('forecast as anything but Omitted is a finding naming the category', () => {
    expect(stageDetails([lost({ probability: 0, forecastCategory: 'Closed' })])).toEqual([
      'Stage Closed Lost: lost but forecast as Closed; the forecast counts it wrongly.'
    ]);
    expect(stageDetails([lost({ forecastCategory: 'Pipeline' })])).toEqual([
      'Stage Closed Lost: lost but forecast as Pipeline; the forecast counts it wrongly.'
    ]);
  });
});

describe('salesops.stage-forecast-mismatch: an open stage', () => {
  const open = (extra: Partial<OpportunityStageInfo>) => stage({ name: 'Negotiation', ...extra });

  it('between 0 and 100 % in Pipeline, Best Case or Commit, or with neither set, is not a finding', () => {
    expect(
      stageDetails([
        open({ probability: 1, forecastCategory: 'Pipeline' }),
        open({ probability: 99, forecastCategory: 'Commit' }),
        open({ probability: 50, forecastCategory: 'BestCase' }),
        open({})
      ])
    ).toEqual([]);
  });

  it('at 0 % or at 100 % is a finding naming its probability', () => {
    expect(stageDetails([open({ probability: 0, forecastCategory: 'Pipeline' })])).toEqual([
      'Stage Negotiation: open at 0 %; the forecast counts it wrongly.'
    ]);
    expect(stageDetails([open({ probability: 100, forecastCategory: 'Commit' })])).toEqual([
      'Stage Negotiation: open at 100 %; the forecast counts it wrongly.'
    ]);
  });

  it('forecast as Closed or as Omitted is a finding naming the category', () => {
    expect(stageDetails([open({ probability: 50, forecastCategory: 'Closed' })])).toEqual([
      'Stage Negotiation: open but forecast as Closed; the forecast counts it wrongly.'
    ]);
    expect(stageDetails([open({ probability: 50, forecastCategory: 'Omitted' })])).toEqual([
      'Stage Negotiation: open but forecast as Omitted; the forecast counts it wrongly.'
    ]);
  });

  it('an inactive stage is not a finding, however wrong', () => {
    expect(stageDetails([open({ active: false, probability: 100, forecastCategory: 'Omitted' })])).toEqual([]);
  });
});

describe('salesops.validation-rule-undocumented', () => {
  it('an active rule on a revenue object with no description, or only white space, is a finding naming object and rule', () => {
    const found = hits(validationRuleUndocumented, {
      validationRules: [
        { object: 'Opportunity', name: 'Amount_Required', active: true, location: { file: 'Amount_Required.validationRule-meta.xml' } },
        { object: 'Quote', name: 'Blank', active: true, description: '   ' },
        { object: 'Account', name: 'Documented', active: true, description: 'Asked by Finance (CR-12): billing country for tax.' },
        { object: 'Lead', name: 'Inactive', active: false },
        { object: 'Case', name: 'Not_Revenue', active: true }
      ]
    });
    expect(found).toEqual([
      {
        component: { type: 'ValidationRule', name: 'Opportunity.Amount_Required' },
        detail: 'Validation rule Opportunity.Amount_Required blocks saves with no description of what it protects or who owns it.',
        location: { file: 'Amount_Required.validationRule-meta.xml' }
      },
      {
        component: { type: 'ValidationRule', name: 'Quote.Blank' },
        detail: 'Validation rule Quote.Blank blocks saves with no description of what it protects or who owns it.'
      }
    ]);
  });
});

describe('salesops.dashboard-runs-as-user', () => {
  it('a dashboard running as a specified user is a finding named by folder and title; others are not', () => {
    const found = hits(dashboardRunsAsUser, {
      dashboards: [
        {
          name: 'Pipeline',
          title: 'Sales Pipeline',
          folder: 'Sales',
          dashboardType: 'SpecifiedUser',
          location: { file: 'Pipeline.dashboard-meta.xml' }
        },
        { name: 'Untitled', dashboardType: 'SpecifiedUser' },
        { name: 'Mine', dashboardType: 'LoggedInUser' },
        { name: 'Team', dashboardType: 'MyTeamUser' }
      ]
    });
    expect(found).toEqual([
      {
        component: { type: 'Dashboard', name: 'Sales/Pipeline' },
        detail: "Dashboard Sales Pipeline runs as a specified user: everyone who can open its folder sees that user's data.",
        location: { file: 'Pipeline.dashboard-meta.xml' }
      },
      {
        component: { type: 'Dashboard', name: 'Untitled' },
        detail: "Dashboard Untitled runs as a specified user: everyone who can open its folder sees that user's data."
      }
    ]);
  });
});
