/**
 * Shared helpers for the ownership console components.
 * The API is deliberately small: other components import it, so names and shapes stay stable.
 */
import timeZone from '@salesforce/i18n/timeZone';

/** Risk levels in ascending order; thresholds mirror the Inherent/Residual_Level__c formulas. */
export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'];

/** Health finding severities, most severe first (Health_Finding__c.Severity__c values). */
export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'];

const LEVEL_CLASSES = {
    Low: 'console-level_low',
    Medium: 'console-level_medium',
    High: 'console-level_high',
    Critical: 'console-level_critical'
};

const SEVERITY_BADGE_CLASSES = {
    Critical: 'slds-badge slds-theme_error',
    High: 'slds-badge slds-theme_warning',
    Medium: 'slds-badge slds-badge_lightest',
    Low: 'slds-badge',
    Info: 'slds-badge slds-badge_inverse'
};

/**
 * Nodes of a UI API GraphQL connection (`{ edges: [{ node }] }`); [] for a missing connection.
 * @param {Object} connection
 * @return {Object[]}
 */
export function unwrapEdges(connection) {
    return (connection?.edges ?? []).map((edge) => edge.node);
}

/**
 * Paging state of a connection: `{ hasNextPage, endCursor, totalCount }`.
 * @param {Object} connection
 */
export function pageInfoOf(connection) {
    return {
        hasNextPage: connection?.pageInfo?.hasNextPage === true,
        endCursor: connection?.pageInfo?.endCursor ?? null,
        totalCount: connection?.totalCount ?? null
    };
}

function isValueWrapper(value) {
    return value !== null && typeof value === 'object' && Object.keys(value).every((key) => key === 'value' || key === 'displayValue');
}

/**
 * Turns a UI API GraphQL node into a plain record: `{ Name: { value: 'x' } }` becomes `{ Name: 'x' }`,
 * relationships (`Owner__r { Name { value } }`) become nested plain records, child connections become arrays.
 * @param {Object} node
 * @return {Object}
 */
export function flattenNode(node) {
    if (node === null || node === undefined) {
        return node;
    }
    const record = {};
    Object.entries(node).forEach(([key, value]) => {
        if (value !== null && typeof value === 'object' && Array.isArray(value.edges)) {
            record[key] = unwrapEdges(value).map(flattenNode);
        } else if (isValueWrapper(value)) {
            record[key] = value.value ?? null;
        } else if (value !== null && typeof value === 'object') {
            record[key] = flattenNode(value);
        } else {
            record[key] = value ?? null;
        }
    });
    return record;
}

/**
 * Level of a likelihood × impact score: ≥15 Critical, ≥10 High, ≥5 Medium, else Low.
 * @param {number} score
 * @return {string|null} null when the score is unknown
 */
export function riskLevel(score) {
    if (typeof score !== 'number' || Number.isNaN(score) || score <= 0) {
        return null;
    }
    if (score >= 15) {
        return 'Critical';
    }
    if (score >= 10) {
        return 'High';
    }
    return score >= 5 ? 'Medium' : 'Low';
}

/** CSS class of a risk level (defined by the components that colour cells). */
export function levelClass(level) {
    return LEVEL_CLASSES[level] ?? '';
}

/** Sort rank of a severity (0 = Critical); unknown severities sort last. */
export function severityRank(severity) {
    const index = SEVERITIES.indexOf(severity);
    return index === -1 ? SEVERITIES.length : index;
}

/** SLDS badge classes for a severity. */
export function severityBadgeClass(severity) {
    return SEVERITY_BADGE_CLASSES[severity] ?? 'slds-badge';
}

/**
 * The user's time zone in Salesforce (their personal setting, not the browser's), where Intl knows it.
 * Salesforce's zones are IANA ids, which every supported browser knows; an unknown one falls back to UTC.
 */
function knownTimeZone() {
    try {
        return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
        return 'UTC';
    }
}

// Resolved once: formatDate runs for every date a table shows.
const USER_TIME_ZONE = knownTimeZone();
const DAY_PARTS = new Intl.DateTimeFormat('en-US', { timeZone: USER_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today as a Date field takes it (`YYYY-MM-DD`), in the user's Salesforce time zone. Salesforce works out
 * TODAY() in formulas and validation rules in that zone: the UTC date is already tomorrow on a Pacific
 * evening, and a "not in the future" rule would refuse it.
 * @param {Date} [now]
 * @return {string}
 */
export function userToday(now = new Date(Date.now())) {
    const parts = DAY_PARTS.formatToParts(now);
    const part = (type) => parts.find((candidate) => candidate.type === type).value;
    return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Formats a Salesforce Date (`YYYY-MM-DD`) or DateTime (ISO) for display.
 * A date-only value is formatted in UTC so that it never shifts a day; a DateTime in the user's
 * Salesforce time zone, as record pages show it.
 * @param {string} value
 * @param {string} [locale]
 * @return {string} '' for an empty or unparseable value
 */
export function formatDate(value, locale) {
    if (!value) {
        return '';
    }
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const parsed = new Date(dateOnly ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(parsed.getTime())) {
        return '';
    }
    const options = dateOnly
        ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
        : { dateStyle: 'medium', timeStyle: 'short', timeZone: USER_TIME_ZONE };
    return new Intl.DateTimeFormat(locale, options).format(parsed);
}

/**
 * Fills `{0}`, `{1}`, ... placeholders of a custom label.
 * @param {string} template
 * @param {...*} args
 */
export function formatLabel(template, ...args) {
    return String(template ?? '').replace(/\{(\d+)\}/g, (match, index) => {
        const value = args[index];
        return value === undefined || value === null ? match : String(value);
    });
}

/**
 * Collects the pages of a cursor-paged GraphQL wire in order, keyed by the cursor that fetched them,
 * so that a re-emitted page replaces itself instead of being appended twice.
 */
export class PageCollector {
    constructor() {
        this.pages = new Map();
        this.refreshers = new Map();
    }

    /** Forget every page (the query's filter or order changed). */
    reset() {
        this.pages.clear();
        this.refreshers.clear();
    }

    /**
     * @param {string|null} cursor the `after` cursor the page was fetched with (null for the first page)
     * @param {Object[]} nodes
     * @param {Function} [refresh] the wire result's refresh for that page (lightning/graphql)
     */
    add(cursor, nodes, refresh) {
        this.pages.set(cursor ?? '', nodes);
        if (typeof refresh === 'function') {
            this.refreshers.set(cursor ?? '', refresh);
        }
    }

    /**
     * Re-fetches only the pages holding a node that matches, e.g. the records just written.
     * @param {Function} matches (node) => boolean
     * @return {Promise} settles when those pages were re-fetched
     */
    refreshWhere(matches) {
        const refreshes = [];
        this.pages.forEach((nodes, key) => {
            const refresh = this.refreshers.get(key);
            if (refresh && nodes.some(matches)) {
                refreshes.push(refresh());
            }
        });
        return Promise.all(refreshes);
    }

    /** Every collected node, first page first. */
    get all() {
        const result = [];
        this.pages.forEach((nodes) => result.push(...nodes));
        return result;
    }

    get size() {
        return this.pages.size;
    }
}

/**
 * The record type id a picklist wire needs on an object without record types: the master record
 * type's, which is the same in every org.
 */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/**
 * The one handler every wired component repeats: on errors, show them and stop loading; without data
 * yet (the wire's first, empty emit), do nothing; with data, clear the errors and hand the data on.
 * The component keeps its state in `errors` and `isLoading`, as the console's components all do; one
 * that shows no loading state (no `isLoading` field) is given none.
 * @param {Object} component the LightningElement the wire belongs to
 * @param {Object} result the wire result: `{ data, errors }` from lightning/graphql, `{ data, error }` from LDS adapters
 * @param {Function} onData (data) => void, called only with data
 * @param {Object} [options]
 * @param {boolean} [options.preferData] data that comes with errors (a partial GraphQL result) is handed on
 *     instead of the errors shown: for a component that can work with what it got
 * @param {Function} [options.onErrors] (errors) => void, called after the errors were set
 * @return {boolean} true when onData ran
 */
export function applyWireResult(component, result, onData, { preferData = false, onErrors } = {}) {
    const failure = result?.errors ?? result?.error;
    if (failure && !(preferData && result.data)) {
        component.errors = failure;
        if ('isLoading' in component) {
            component.isLoading = false;
        }
        onErrors?.(failure);
        return false;
    }
    if (!result?.data) {
        return false;
    }
    component.errors = undefined;
    onData(result.data);
    return true;
}

/**
 * The filter of a lightning-record-picker of people: active users only, since an inactive user can
 * own or answer for nothing (a new object each time, so no picker can change another's).
 * @return {{ criteria: Object[] }}
 */
export function activeUserFilter() {
    return { criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }] };
}

/**
 * Combobox options from a getPicklistValues wire result (`{ data: { values: [{ label, value }] } }`),
 * the org's active values with their translated labels, after an optional "all" option.
 * @param {Object} result the wire result
 * @param {string} [allLabel] label of a leading option with value '' (no filter)
 * @return {{ label: string, value: string }[]}
 */
export function picklistOptions(result, allLabel) {
    const values = (result?.data?.values ?? []).map(({ label, value }) => ({ label, value }));
    return allLabel === undefined ? values : [{ label: allLabel, value: '' }, ...values];
}
