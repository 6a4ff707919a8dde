export type BaselineRisk = 'high' | 'medium' | 'low' | 'informational';
export type BaselineKind = 'booleanSetting' | 'numericRangeSetting' | 'enumSetting';
/** Where a non-compliant value lands: `critical` loses the setting's full weight, `warning` half of it. */
export type BaselineStatus = 'compliant' | 'warning' | 'critical';

export type BaselineSetting = {
  /** `Group.setting`, as the baseline XML names it. */
  name: string;
  kind: BaselineKind;
  risk: BaselineRisk;
  line: number;
  /** booleanSetting */
  compliantBoolean?: boolean;
  nonCompliant?: 'critical' | 'warning';
  /** numericRangeSetting */
  compliantNumber?: number;
  warningNumber?: number;
  /** enumSetting */
  compliantValues?: string[];
  warningValues?: string[];
  criticalValues?: string[];
};

export type Baseline = {
  /** The file it came from (display path) and its name attribute. */
  file: string;
  name: string;
  /** Line of the <baseline> element, for messages about the file as a whole. */
  line: number;
  settings: BaselineSetting[];
};

/** Classifies an org value against one baseline setting. */
export function classify(setting: BaselineSetting, value: string | number | boolean): BaselineStatus {
  switch (setting.kind) {
    case 'booleanSetting': {
      const actual = typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true';
      return actual === setting.compliantBoolean ? 'compliant' : (setting.nonCompliant ?? 'critical');
    }
    case 'numericRangeSetting': {
      const actual = typeof value === 'number' ? value : Number(value);
      const compliant = setting.compliantNumber ?? 0;
      const warning = setting.warningNumber ?? compliant;
      if (!Number.isFinite(actual)) return 'critical';
      // The direction follows the thresholds: compliant above warning means "higher is better".
      if (compliant >= warning) return actual >= compliant ? 'compliant' : actual >= warning ? 'warning' : 'critical';
      return actual <= compliant ? 'compliant' : actual <= warning ? 'warning' : 'critical';
    }
    case 'enumSetting': {
      const actual = String(value);
      if (setting.compliantValues?.includes(actual)) return 'compliant';
      if (setting.warningValues?.includes(actual)) return 'warning';
      return 'critical';
    }
  }
}

export function describeCompliant(setting: BaselineSetting): string {
  switch (setting.kind) {
    case 'booleanSetting':
      return String(setting.compliantBoolean);
    case 'numericRangeSetting':
      return (setting.compliantNumber ?? 0) >= (setting.warningNumber ?? 0)
        ? `at least ${setting.compliantNumber}`
        : `at most ${setting.compliantNumber}`;
    case 'enumSetting':
      return (setting.compliantValues ?? []).join(' or ');
  }
}
