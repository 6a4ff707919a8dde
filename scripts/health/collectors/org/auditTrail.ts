import { declare, field } from './declare';
import { isoUtc } from './reader';

export const SETUP_AUDIT_TRAIL = declare({
  object: 'SetupAuditTrail',
  parts: ['auditTrail'],
  grant: 'View Setup and Configuration',
  shape: {
    id: field.id(),
    action: field.required('Action'),
    section: field.required('Section'),
    display: field.required('Display'),
    createdDate: field.required('CreatedDate'),
    createdById: field.required('CreatedById'),
    createdByUsername: field.text('CreatedBy.Username'),
    delegateUser: field.text('DelegateUser')
  }
});

const DAY = 86_400_000;

/**
 * Half a year of setup changes is most of SetupAuditTrail; the rules need privilege changes (their
 * actions name permission sets, profiles or users; `Display` and `Section` cannot be filtered) and
 * every change since the last run, or the last week without one.
 */
export function auditWhere(now: number, lastRunAt?: string): string {
  const week = now - 8 * DAY;
  const since = lastRunAt && Date.parse(lastRunAt) < week ? Date.parse(lastRunAt) : week;
  return `CreatedDate = LAST_N_DAYS:180 AND (Action LIKE '%Perm%' OR Action LIKE '%profile%' OR Action LIKE '%User%' OR CreatedDate >= ${isoUtc(since)})`;
}
