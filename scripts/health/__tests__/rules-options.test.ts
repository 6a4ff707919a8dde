import { standardBaseline } from '../baseline/parse';
import type { Baseline } from '../baseline/model';
import { defaultRuleOptions } from '../rules';

/** The standard baseline with the administrators' count moved to `count`, after every other setting. */
function withAdminLimit(count: number): Baseline {
  const standard = standardBaseline();
  const others = standard.settings.filter((setting) => setting.name !== 'AdminUsers.activeSystemAdministratorCount');
  const admins = standard.settings.find((setting) => setting.name === 'AdminUsers.activeSystemAdministratorCount')!;
  return { ...standard, settings: [...others, { ...admins, compliantNumber: count }] };
}

describe('the rules options a run starts from', () => {
  it('are the documented defaults, the administrators limit being the standard baseline’s', () => {
    expect(defaultRuleOptions()).toEqual({
      adminSprawlThreshold: 5,
      dormantDays: 90,
      maxSystemAdministrators: 5,
      mttrTargetDays: 5,
      auditAllowList: [],
      profileSprawlMinUsers: 2,
      psgDirectAssignmentThreshold: 3
    });
  });

  it('take the administrators limit from the baseline in use, and 5 when it has no such setting', () => {
    expect(defaultRuleOptions(withAdminLimit(3)).maxSystemAdministrators).toBe(3);
    const without = { ...standardBaseline(), settings: withAdminLimit(3).settings.slice(0, -1) };
    expect(defaultRuleOptions(without).maxSystemAdministrators).toBe(5);
  });

  it('let a run override any of them, the rest staying the defaults', () => {
    expect(defaultRuleOptions(withAdminLimit(3), { dormantDays: 30 })).toMatchObject({ dormantDays: 30, maxSystemAdministrators: 3 });
  });
});
