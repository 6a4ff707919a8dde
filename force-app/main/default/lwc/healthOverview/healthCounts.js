/**
 * The Health tab's counts from one UI API GraphQL aggregate response (aliases `open`, `mine`,
 * `pastTarget`, `resolved`), so they cover every finding in the org, not the pages loaded so far.
 * Returns null when the response carries no aggregate section (e.g. the wire has not answered).
 */
export function countsFromAggregate(data) {
    const aggregate = data?.uiapi?.aggregate;
    if (!aggregate?.open) {
        return null;
    }
    const rows = (connection) => (connection?.edges ?? []).map((edge) => edge.node.aggregate);
    const countOf = (row) => Number(row?.Id?.count?.value ?? 0);
    const bySeverity = {};
    const byLead = {};
    rows(aggregate.open).forEach((row) => {
        const severity = row.Severity__c?.value;
        const lead = row.Lead__c?.value;
        bySeverity[severity] = (bySeverity[severity] ?? 0) + countOf(row);
        byLead[lead] = (byLead[lead] ?? 0) + countOf(row);
    });
    // Without groupBy an aggregate answers one row; an empty connection means nothing matched.
    const single = (connection) => rows(connection).reduce((sum, row) => sum + countOf(row), 0);
    const resolved = rows(aggregate.resolved)[0];
    const average = resolved?.Age_Days__c?.avg?.value;
    return {
        bySeverity,
        byLead,
        mine: single(aggregate.mine),
        pastTarget: single(aggregate.pastTarget),
        mttrDays: countOf(resolved) > 0 && average !== null && average !== undefined ? Math.round(Number(average) * 10) / 10 : null
    };
}
