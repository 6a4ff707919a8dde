import { SECURITY_FIELDS, convert } from '../metadata/settings';
import type { SettingValue } from '../../snapshot';
import { declare, field } from './declare';
import { HEALTH_CHECK_LABELS, normalizeLabel } from './healthCheckLabels';
import { jsonText } from '../../../lib/json';

/** Tooling SecuritySettings: its Metadata is the Metadata API's SecuritySettings, the very type Security.settings holds offline. */
export const SECURITY_SETTINGS = declare({
  object: 'SecuritySettings',
  tooling: true,
  parts: ['settings', 'mfaRequiredOrgWide'],
  grant: 'View Setup and Configuration',
  shape: { metadata: field.raw('Metadata') }
});

export const HEALTH_CHECK_RISKS = declare({
  object: 'SecurityHealthCheckRisks',
  tooling: true,
  parts: ['settings'],
  grant: 'View Health Check (or View Setup and Configuration)',
  shape: {
    durableId: field.text('DurableId'),
    group: field.text('SettingGroup'),
    setting: field.text('Setting'),
    orgValue: field.text('OrgValue'),
    orgValueRaw: field.text('OrgValueRaw')
  }
});

export const HEALTH_CHECK = declare({
  object: 'SecurityHealthCheck',
  tooling: true,
  parts: [],
  grant: 'View Health Check',
  shape: { score: field.number('Score') }
});

type Tree = Record<string, unknown>;

/** The baseline settings a SecuritySettings metadata tree holds, by the same field table the offline collector uses. */
export function settingsFromSecurityMetadata(metadata: Tree): { settings: Record<string, SettingValue>; mfaRequiredOrgWide?: boolean } {
  const settings: Record<string, SettingValue> = {};
  for (const entry of SECURITY_FIELDS) {
    const container = entry.section === null ? metadata : (metadata[entry.section] as Tree | null | undefined);
    const raw = container?.[entry.field];
    if (raw === undefined || raw === null || raw === '') continue;
    settings[entry.key] = { value: convert(jsonText(raw), entry.kind) };
  }
  const ranges = (metadata.networkAccess as Tree | null | undefined)?.ipRanges;
  settings['NetworkSecurity.trustedIpRangesConfigured'] = { value: Array.isArray(ranges) && ranges.length > 0 ? 1 : 0 };
  const mfa = settings['Identity.mfaEnabled'];
  return { settings, mfaRequiredOrgWide: mfa ? mfa.value === true : undefined };
}

type RiskRow = { durableId?: string; group?: string; setting?: string; orgValue?: string; orgValueRaw?: string };

const BY_LABEL = new Map<string, string>();
const BY_SETTING_LABEL = new Map<string, string[]>();
for (const [name, [group, setting]] of Object.entries(HEALTH_CHECK_LABELS)) {
  BY_LABEL.set(`${normalizeLabel(group)}|${normalizeLabel(setting)}`, name);
  BY_SETTING_LABEL.set(normalizeLabel(setting), [...(BY_SETTING_LABEL.get(normalizeLabel(setting)) ?? []), name]);
}

/**
 * Which baseline setting a Health Check row is: by DurableId when it is the baseline's name, else by
 * its group and setting labels (or the setting label alone when only one setting has it), else by the
 * setting name spelled out (`lockSessionsToDomain` = "Lock sessions to domain"). Never by an id alone.
 */
export function baselineNameOf(row: RiskRow, names: readonly string[]): string | undefined {
  const byId = names.find((name) => name.toLowerCase() === row.durableId?.toLowerCase());
  if (byId) return byId;
  const setting = normalizeLabel(row.setting ?? '');
  const labelled =
    BY_LABEL.get(`${normalizeLabel(row.group ?? '')}|${setting}`) ??
    (BY_SETTING_LABEL.get(setting)?.length === 1 ? BY_SETTING_LABEL.get(setting)![0] : undefined);
  if (labelled && names.includes(labelled)) return labelled;
  return names.find((name) => {
    const [group, key] = name.split('.');
    return normalizeLabel(key) === setting && (!row.group || normalizeLabel(group) === normalizeLabel(row.group));
  });
}

/** OrgValueRaw is the setting's value; OrgValue is the page's wording ("Enabled", "12 hours"), used only without it. */
export function riskValue(row: RiskRow): string | number | boolean | undefined {
  const raw = row.orgValueRaw ?? row.orgValue;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (row.orgValueRaw === undefined && /^(enabled|disabled)$/i.test(text)) return text.toLowerCase() === 'enabled';
  if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}
