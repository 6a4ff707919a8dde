import { loadBaseline } from '../baseline/parse';
import { baselineRules } from '../baseline/rules';
import type { Baseline } from '../baseline/model';
import { privilegeChange, unreviewedChanges } from './audit';
import { openSelfAuthorize, unownedIntegration } from './connectedApps';
import { areaNoAccountable, findingMttrBreached, reviewOverdue } from './governance';
import { ipRelaxationBypass, refreshTokenForever } from './oauthPolicy';
import { loginsWithoutMfa, mfaBypassGranted, mfaNotEnforced } from './mfa';
import { adminSprawl, dangerousPermissions, modifyAllData, objectWideAccess, viewAllData } from './permissions';
import { noLoginIpRanges, profileSprawl, psgNotAdopted } from './profiles';
import { DATA_GOVERNANCE_RULES } from './dataGovernance';
import { OPERATING_MODEL_RULES } from './operatingModel';
import { SALESOPS_RULES } from './salesOps';
import type { Rule, RuleOptions } from './types';
import { dormantUsers, sharedIntegrationUser, tooManyAdmins } from './users';

/** The rules of DESIGN.md's table, in its order; the baseline adds one rule per setting. */
export const CORE_RULES: readonly Rule[] = [
  modifyAllData,
  viewAllData,
  adminSprawl,
  dangerousPermissions,
  objectWideAccess,
  profileSprawl,
  noLoginIpRanges,
  psgNotAdopted,
  mfaNotEnforced,
  mfaBypassGranted,
  loginsWithoutMfa,
  sharedIntegrationUser,
  dormantUsers,
  tooManyAdmins,
  privilegeChange,
  unreviewedChanges,
  openSelfAuthorize,
  unownedIntegration,
  ipRelaxationBypass,
  refreshTokenForever,
  areaNoAccountable,
  reviewOverdue,
  findingMttrBreached
];

/** The operating model's rules run after the security rules and the baseline: gov.mttd-breached times their findings. */
export const OPERATING_RULES: readonly Rule[] = [...OPERATING_MODEL_RULES, ...DATA_GOVERNANCE_RULES, ...SALESOPS_RULES];

export function allRules(baseline: Baseline = loadBaseline()): Rule[] {
  return [...CORE_RULES, ...baselineRules(baseline), ...OPERATING_RULES];
}

/** Defaults; the maximum number of admins follows the baseline's AdminUsers.activeSystemAdministratorCount. */
export function defaultRuleOptions(baseline: Baseline = loadBaseline(), overrides: Partial<RuleOptions> = {}): RuleOptions {
  const adminCount = baseline.settings.find((setting) => setting.name === 'AdminUsers.activeSystemAdministratorCount');
  return {
    adminSprawlThreshold: 5,
    dormantDays: 90,
    maxSystemAdministrators: adminCount?.compliantNumber ?? 5,
    mttrTargetDays: 5,
    auditAllowList: [],
    profileSprawlMinUsers: 2,
    psgDirectAssignmentThreshold: 3,
    ...overrides
  };
}
