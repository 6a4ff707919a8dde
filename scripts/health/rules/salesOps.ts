import { help } from './helpers';
import { absent, type ContractRule } from './operatingModelHelpers';

/** Objects whose process SalesOps owns: their validation rules are revenue process. */
export const REVENUE_OBJECTS = new Set([
  'Opportunity',
  'OpportunityLineItem',
  'Lead',
  'Account',
  'Contact',
  'Quote',
  'Contract',
  'Order',
  'Product2'
]);

export const stageForecastMismatch: ContractRule = {
  id: 'salesops.stage-forecast-mismatch',
  title: 'Opportunity stage whose probability or forecast category contradicts whether it is open, won or lost',
  severity: 'medium',
  lead: 'SalesOps',
  areaKey: 'REVENUE.STAGES',
  remediation:
    'Fix the stage in Setup > Opportunity Stages: won stages 100 % and Closed, lost stages 0 % and Omitted, open stages between, in Pipeline, Best Case or Commit.',
  references: [help('sf.customize_oppstages.htm')],
  controls: { nist: ['GV.OC-01'] },
  reads: ['opportunityStages'],
  modes: ['org', 'metadata'],
  evaluate: (snapshot) => {
    const skip = absent(snapshot, 'opportunityStages');
    if (skip) return skip;
    const hits = [];
    for (const stage of snapshot.opportunityStages ?? []) {
      if (!stage.active) continue;
      const problems: string[] = [];
      const category = stage.forecastCategory;
      const probability = stage.probability;
      if (stage.closed && stage.won) {
        if (probability !== undefined && probability !== 100) problems.push(`won at ${probability} %`);
        if (category && category !== 'Closed') problems.push(`won but forecast as ${category}`);
      } else if (stage.closed) {
        if (probability !== undefined && probability !== 0) problems.push(`lost at ${probability} %`);
        if (category && category !== 'Omitted') problems.push(`lost but forecast as ${category}`);
      } else {
        if (probability === 0 || probability === 100) problems.push(`open at ${probability} %`);
        if (category === 'Closed' || category === 'Omitted') problems.push(`open but forecast as ${category}`);
      }
      if (problems.length > 0)
        hits.push({
          component: { type: 'OpportunityStage', name: stage.name },
          detail: `Stage ${stage.name}: ${problems.join('; ')}; the forecast counts it wrongly.`,
          location: stage.location
        });
    }
    return { hits };
  }
};

export const validationRuleUndocumented: ContractRule = {
  id: 'salesops.validation-rule-undocumented',
  title: 'Active validation rule on a revenue object with no description of why it exists',
  severity: 'low',
  lead: 'SalesOps',
  areaKey: 'REVENUE.AUTOMATION',
  remediation:
    'Describe each rule (what it protects, who asked, the decision or change request behind it) so reps and admins know whom to ask before changing it.',
  references: [help('sf.fields_about_field_validation.htm')],
  controls: { iso27001: ['A.5.37'] },
  reads: ['validationRules'],
  modes: ['org', 'metadata'],
  evaluate: (snapshot) => {
    const skip = absent(snapshot, 'validationRules');
    if (skip) return skip;
    return {
      hits: (snapshot.validationRules ?? [])
        .filter((rule) => rule.active && REVENUE_OBJECTS.has(rule.object) && !rule.description?.trim())
        .map((rule) => ({
          component: { type: 'ValidationRule', name: `${rule.object}.${rule.name}` },
          detail: `Validation rule ${rule.object}.${rule.name} blocks saves with no description of what it protects or who owns it.`,
          location: rule.location
        }))
    };
  }
};

export const dashboardRunsAsUser: ContractRule = {
  id: 'salesops.dashboard-runs-as-user',
  title: 'Dashboard that shows every viewer the data of one specified user',
  severity: 'medium',
  lead: 'SalesOps',
  areaKey: 'REVENUE.REPORTS',
  remediation:
    'Set the dashboard to run as the logged-in user (dynamic dashboard), or make its running user a least-privileged reporting user and restrict the folder.',
  references: [help('sf.dashboards_view_as_other_users.htm')],
  controls: { nist: ['PR.AA-05'], iso27001: ['A.8.3'], cis: ['3.3'] },
  reads: ['dashboards'],
  modes: ['org', 'metadata'],
  evaluate: (snapshot) => {
    const skip = absent(snapshot, 'dashboards');
    if (skip) return skip;
    return {
      hits: (snapshot.dashboards ?? [])
        .filter((dashboard) => dashboard.dashboardType === 'SpecifiedUser')
        .map((dashboard) => ({
          component: { type: 'Dashboard', name: dashboard.folder ? `${dashboard.folder}/${dashboard.name}` : dashboard.name },
          detail: `Dashboard ${dashboard.title ?? dashboard.name} runs as a specified user: everyone who can open its folder sees that user's data.`,
          location: dashboard.location
        }))
    };
  }
};

export const SALESOPS_RULES: readonly ContractRule[] = [stageForecastMismatch, validationRuleUndocumented, dashboardRunsAsUser];
