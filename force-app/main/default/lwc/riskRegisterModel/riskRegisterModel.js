/**
 * The risk register's model, pure functions with no DOM, labels or wires (riskRegisterModel.test.js):
 * the server-side filter and order of the paged GraphQL query, the rows the table shows, the heat-map
 * cell a message selects, and how a save's outcome becomes the table's errors.
 */

/** Risk__c number fields the table edits: a blank cell saves as null, never as 0 or ''. */
export const NUMBER_FIELDS = Object.freeze(['Residual_Likelihood__c', 'Residual_Impact__c']);

// Columns sort server-side (the register is paged): the GraphQL orderBy of the columns that are not a field.
const ORDER_BY_COLUMN = {
    recordUrl: (order) => ({ Name: { order } }),
    ownerName: (order) => ({ Risk_Owner__r: { Name: { order } } })
};

/**
 * The GraphQL `where` of the register: every filter set is one condition, all of them ANDed.
 * @param {{ showClosed?: boolean, searchTerm?: string, category?: string, aboveAppetiteOnly?: boolean,
 *   overdueOnly?: boolean, cellFilter?: { likelihood: number, impact: number, basis: string } }} filters
 */
export function buildWhere({
    showClosed = false,
    searchTerm = '',
    category = '',
    aboveAppetiteOnly = false,
    overdueOnly = false,
    cellFilter
} = {}) {
    const conditions = [];
    if (!showClosed) {
        conditions.push({ Status__c: { ne: 'Closed' } });
    }
    if (searchTerm) {
        conditions.push({ Name: { like: `%${searchTerm}%` } });
    }
    if (category) {
        conditions.push({ Category__c: { eq: category } });
    }
    if (aboveAppetiteOnly) {
        conditions.push({ Above_Appetite__c: { eq: true } });
    }
    if (overdueOnly) {
        conditions.push({ Review_Overdue__c: { eq: true } });
    }
    if (cellFilter) {
        const prefix = cellFilter.basis === 'inherent' ? 'Inherent' : 'Residual';
        conditions.push({ [`${prefix}_Likelihood__c`]: { eq: cellFilter.likelihood } });
        conditions.push({ [`${prefix}_Impact__c`]: { eq: cellFilter.impact } });
    }
    return { and: conditions };
}

/** The GraphQL `orderBy` of a sorted column: its field, or what a computed column sorts by. */
export function buildOrderBy(sortedBy, sortDirection) {
    const order = sortDirection === 'desc' ? 'DESC' : 'ASC';
    const byColumn = ORDER_BY_COLUMN[sortedBy];
    return byColumn ? byColumn(order) : { [sortedBy]: { order } };
}

/** Records a page asks for: the configured page size, 50 when it is not a positive number. */
export function pageSizeOf(value) {
    const size = Number(value);
    return size > 0 ? size : 50;
}

/**
 * The heat-map cell a Risk_Filter message selects, or undefined when it clears the filter
 * (a message without whole-number likelihood and impact). Any basis but "inherent" is residual.
 */
export function cellFilterFrom(message) {
    if (!Number.isInteger(message?.likelihood) || !Number.isInteger(message?.impact)) {
        return undefined;
    }
    return { likelihood: message.likelihood, impact: message.impact, basis: message.basis === 'inherent' ? 'inherent' : 'residual' };
}

/** The flags of a risk, by key: above appetite, then review overdue. */
export function riskFlags(risk) {
    const flags = [];
    if (risk.Above_Appetite__c) {
        flags.push('above-appetite');
    }
    if (risk.Review_Overdue__c) {
        flags.push('overdue');
    }
    return flags;
}

/**
 * One table row from a flattened Risk__c.
 * @param {Object} risk
 * @param {Object<string, string>} flagLabels the text of each flag key
 */
export function toRow(risk, flagLabels) {
    const flags = riskFlags(risk).map((flag) => flagLabels[flag]);
    return {
        ...risk,
        recordUrl: `/${risk.Id}`,
        ownerName: risk.Risk_Owner__r?.Name ?? '',
        flags: flags.join(', '),
        flagClass: flags.length ? 'slds-text-color_error' : ''
    };
}

/** The fields of updateRecord from a table draft: numbers as numbers, blanks as null. */
export function toFields(draft) {
    const fields = {};
    Object.entries(draft).forEach(([field, value]) => {
        const blank = value === '' || value === null || value === undefined;
        if (NUMBER_FIELDS.includes(field)) {
            fields[field] = blank ? null : Number(value);
        } else {
            fields[field] = value === '' ? null : value;
        }
    });
    return fields;
}

/**
 * What the saves of a set of drafts came to, in lightning-datatable's `errors` shape.
 * @param {Object[]} drafts the drafts, each with its `Id`
 * @param {PromiseSettledResult[]} results one per draft, in the same order
 * @param {Function} messagesOf (reason) => string[], e.g. ldsUtils' reduceErrors
 * @param {string} title the error title
 * @return {{ failed: Object[], savedIds: Set<string>, errors: Object|undefined }}
 */
export function saveOutcome(drafts, results, messagesOf, title) {
    const rows = {};
    const failed = [];
    results.forEach((result, index) => {
        if (result.status === 'rejected') {
            const draft = drafts[index];
            failed.push(draft);
            rows[draft.Id] = {
                title,
                messages: messagesOf(result.reason),
                fieldNames: Object.keys(draft).filter((field) => field !== 'Id')
            };
        }
    });
    const savedIds = new Set(drafts.filter((draft) => !failed.includes(draft)).map((draft) => draft.Id));
    const errors = failed.length ? { rows, table: { title, messages: Object.values(rows).flatMap((row) => row.messages) } } : undefined;
    return { failed, savedIds, errors };
}
