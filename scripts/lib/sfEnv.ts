/** Environment for every `sf` the project starts: no telemetry, no background auto-update. */
export const SF_QUIET_ENV: Readonly<Record<string, string>> = {
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_DISABLE_AUTOUPDATE: 'true'
};
