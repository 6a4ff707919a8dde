/**
 * The RACI matrix's model, pure functions of the Governance_Area__c records (flattened GraphQL nodes):
 * no DOM, no labels, no wires, so each rule is tested on its own (raciMatrixModel.test.js) and the
 * component only decorates what these return with its labels.
 */

/** The four roles in the order a cell lists them; the Accountable comes from the area itself. */
export const ROLES = Object.freeze({
    Accountable: Object.freeze({ letter: 'A', order: 0 }),
    Responsible: Object.freeze({ letter: 'R', order: 1 }),
    Consulted: Object.freeze({ letter: 'C', order: 2 }),
    Informed: Object.freeze({ letter: 'I', order: 3 })
});

/** RACI_Assignment__c.Role__c never holds Accountable: one Accountable per area, by construction. */
export const ASSIGNABLE_ROLES = Object.freeze(['Responsible', 'Consulted', 'Informed']);

/** Gap keys in the order a row shows them. */
export const GAPS = Object.freeze(['no-responsible', 'accountable-inactive', 'review-overdue']);

const UNKNOWN_ROLE_ORDER = Object.keys(ROLES).length;
const NO_CHIPS = Object.freeze([]);

function roleOrder(role) {
    return ROLES[role]?.order ?? UNKNOWN_ROLE_ORDER;
}

/**
 * What an area lacks: no Responsible, an Accountable missing or inactive, a review overdue.
 * @param {Object} record flattened Governance_Area__c
 * @param {Object[]} assignments the area's `{ role }` assignments
 * @return {string[]} gap keys, in GAPS order
 */
export function areaGaps(record, assignments) {
    const gaps = [];
    if (!assignments.some((assignment) => assignment.role === 'Responsible')) {
        gaps.push('no-responsible');
    }
    if (record.Accountable__r?.IsActive !== true) {
        gaps.push('accountable-inactive');
    }
    if (record.Review_Overdue__c === true) {
        gaps.push('review-overdue');
    }
    return gaps;
}

/** One area of the matrix from its flattened record. */
export function toArea(record) {
    const assignments = (record.RACI_Assignments__r ?? []).map((assignment) => ({
        id: assignment.Id,
        role: assignment.Role__c,
        userId: assignment.Assignee__c,
        user: assignment.Assignee__r
    }));
    return {
        id: record.Id,
        name: record.Name,
        key: record.Area_Key__c,
        category: record.Category__c,
        lead: record.Lead__c,
        accountableId: record.Accountable__c,
        accountable: record.Accountable__r,
        assignments,
        gaps: areaGaps(record, assignments)
    };
}

/** Natural order of names, as people read a list: "Person 2" before "Person 19", case ignored. */
export function compareNames(a, b) {
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * Builds, once per data change, what every render needs: the areas, the people (the columns, in
 * natural order) and, per area, a map from person to that person's chips (role order), so a page
 * only looks cells up.
 * @param {Object[]} records flattened Governance_Area__c records
 * @return {{ areas: Object[], people: Object[], cellsByArea: Map<string, Map<string, Object[]>> }}
 */
export function buildModel(records) {
    const areas = records.map(toArea);
    const people = new Map();
    const cellsByArea = new Map();
    const addPerson = (id, user) => {
        if (!people.has(id)) {
            people.set(id, { id, name: user?.Name ?? id, isActive: user?.IsActive !== false });
        }
    };
    areas.forEach((area) => {
        const cells = new Map();
        const addChip = (userId, user, role, assignmentId) => {
            if (!userId) {
                return;
            }
            addPerson(userId, user);
            if (!cells.has(userId)) {
                cells.set(userId, []);
            }
            cells.get(userId).push({ role, letter: ROLES[role]?.letter ?? '?', assignmentId, removable: !!assignmentId });
        };
        addChip(area.accountableId, area.accountable, 'Accountable', null);
        area.assignments.forEach((assignment) => addChip(assignment.userId, assignment.user, assignment.role, assignment.id));
        cells.forEach((chips) => chips.sort((a, b) => roleOrder(a.role) - roleOrder(b.role)));
        cellsByArea.set(area.id, cells);
    });
    return { areas, people: [...people.values()].sort((a, b) => compareNames(a.name, b.name)), cellsByArea };
}

/** The chips one person holds in one area ([] when none). */
export function chipsOf(model, areaId, personId) {
    return model.cellsByArea.get(areaId)?.get(personId) ?? NO_CHIPS;
}

/**
 * The areas that pass every filter set; an unset filter ('' / false / empty) lets every area through.
 * @param {Object} model from buildModel
 * @param {{ lead?: string, category?: string, gapsOnly?: boolean, holderIds?: string[] }} filters
 *   holderIds: people who must each hold a role in the area (my areas, the person filter)
 */
export function filterAreas(model, { lead = '', category = '', gapsOnly = false, holderIds = [] } = {}) {
    const holders = holderIds.filter(Boolean);
    return model.areas.filter((area) => {
        const cells = model.cellsByArea.get(area.id);
        return (
            (!lead || area.lead === lead) &&
            (!category || area.category === category) &&
            (!gapsOnly || area.gaps.length > 0) &&
            holders.every((id) => cells.has(id))
        );
    });
}

/**
 * The columns for these areas: the people holding a role in at least one of them, in natural
 * order; with a person chosen, that person's column only (a pivot of their areas).
 */
export function columnsFor(model, areas, personId = '') {
    const shown = new Set();
    areas.forEach((area) => model.cellsByArea.get(area.id).forEach((chips, userId) => shown.add(userId)));
    return model.people.filter((person) => shown.has(person.id) && (!personId || person.id === personId));
}

/** How many of these areas have at least one gap. */
export function countWithGaps(areas) {
    return areas.reduce((count, area) => count + (area.gaps.length > 0 ? 1 : 0), 0);
}

/** Rows a page holds: a positive whole number, 50 when unset or not a number. */
export function normalizePageSize(size) {
    const value = Math.floor(Number(size));
    return Number.isFinite(value) && value >= 1 ? value : 50;
}

/** Pages needed for `total` rows, `size` a page (0 for no rows). */
export function pageCount(total, size) {
    return Math.ceil(total / size);
}

/** The page index kept within 0 .. last page (0 when there are no rows). */
export function clampPage(index, total, size) {
    return Math.max(0, Math.min(index, pageCount(total, size) - 1));
}

/** The items on page `index` (0-based). */
export function pageSlice(items, index, size) {
    const start = index * size;
    return items.slice(start, start + size);
}

/** Person columns rendered beyond each edge of the view, so a short scroll shows columns already there. */
export const COLUMN_OVERSCAN = 4;

/**
 * The person columns in view, `[start, end)` (0-based), or null while the view is not measured.
 * @param {number} total person columns
 * @param {number} scrollLeft the scroller's scrollLeft
 * @param {{ columnWidth: number, width: number } | undefined} view a person column's width, and the
 *        scroller's width right of the sticky area column, in px
 */
export function columnsInView(total, scrollLeft, view) {
    if (!(view?.columnWidth > 0) || !(view.width > 0)) {
        return null;
    }
    const left = Math.max(scrollLeft, 0);
    return {
        start: Math.min(Math.floor(left / view.columnWidth), total),
        end: Math.min(Math.ceil((left + view.width) / view.columnWidth), total)
    };
}

/**
 * The person columns to render: those in view and COLUMN_OVERSCAN either side; all of them while the
 * view is not measured. A page of 50 areas × 60 people is 3,000 cells, of which about 500 are in view:
 * rendering only those keeps a page change within a frame budget.
 */
export function columnWindow(total, scrollLeft, view) {
    const inView = columnsInView(total, scrollLeft, view);
    return inView
        ? { start: Math.max(0, inView.start - COLUMN_OVERSCAN), end: Math.min(total, inView.end + COLUMN_OVERSCAN) }
        : { start: 0, end: total };
}

/** Whether the rendered columns hold every column in view: a scroll within the overscan renders nothing. */
export function windowCovers(current, inView) {
    return current.start <= inView.start && current.end >= inView.end;
}

/**
 * The window moved just enough to hold person column `index` (0-based), the same width as before:
 * the grid's tab stop must always be rendered.
 */
export function windowHolding(current, index, total) {
    const span = current.end - current.start;
    if (index < current.start) {
        const start = Math.max(0, index - COLUMN_OVERSCAN);
        return { start, end: Math.min(total, start + span) };
    }
    if (index >= current.end) {
        const end = Math.min(total, index + 1 + COLUMN_OVERSCAN);
        return { start: Math.max(0, end - span), end };
    }
    return current;
}

const MOVES = {
    ArrowUp: ({ row, col }) => ({ row: row - 1, col }),
    ArrowDown: ({ row, col }) => ({ row: row + 1, col }),
    ArrowLeft: ({ row, col }) => ({ row, col: col - 1 }),
    ArrowRight: ({ row, col }) => ({ row, col: col + 1 }),
    Home: ({ row }) => ({ row, col: 0 }),
    End: ({ row }, lastRow, lastCol) => ({ row, col: lastCol }),
    PageUp: ({ col }) => ({ row: 0, col }),
    PageDown: ({ col }, lastRow) => ({ row: lastRow, col })
};

/**
 * Where a grid key moves the grid's one tab stop (roving tabindex), kept inside the grid.
 * Column 0 is the area column, 1..lastCol the people.
 * @return {{ row: number, col: number } | null} null when the key does not move
 */
export function moveCell(cell, key, lastRow, lastCol) {
    const move = MOVES[key];
    if (!move) {
        return null;
    }
    const next = move(cell, lastRow, lastCol);
    return { row: Math.max(0, Math.min(next.row, lastRow)), col: Math.max(0, Math.min(next.col, lastCol)) };
}
