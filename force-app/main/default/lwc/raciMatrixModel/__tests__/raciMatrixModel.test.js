import {
    ROLES,
    ASSIGNABLE_ROLES,
    GAPS,
    areaGaps,
    toArea,
    compareNames,
    buildModel,
    chipsOf,
    filterAreas,
    columnsFor,
    countWithGaps,
    normalizePageSize,
    pageCount,
    clampPage,
    pageSlice,
    moveCell,
    COLUMN_OVERSCAN,
    columnsInView,
    columnWindow,
    windowCovers,
    windowHolding
} from 'c/raciMatrixModel';
import { flattenNode, unwrapEdges } from 'c/consoleUtils';

// The component's own fixtures: the model sees what the wire delivers, flattened as the component does.
const PAGE_1 = require('../../raciMatrix/__tests__/data/raciMatrixPage1.json');
const PAGE_2 = require('../../raciMatrix/__tests__/data/raciMatrixPage2.json');

const MFA = 'a01000000000001AAA';
const SSO = 'a01000000000002AAA';
const OPPORTUNITY = 'a01000000000003AAA';
const REPORTS = 'a01000000000004AAA';
const ADA = '005000000000001AAA';
const GRACE = '005000000000002AAA';

function fixtureRecords() {
    return [PAGE_1, PAGE_2].flatMap((page) => unwrapEdges(page.uiapi.query.Governance_Area__c)).map(flattenNode);
}

function area(overrides = {}) {
    return {
        Id: 'a01X',
        Name: 'Area',
        Area_Key__c: 'AREA.X',
        Category__c: 'Governance',
        Lead__c: 'Joint',
        Review_Overdue__c: false,
        Accountable__c: '005A',
        Accountable__r: { Name: 'Ann', IsActive: true },
        RACI_Assignments__r: [{ Id: 'r1', Role__c: 'Responsible', Assignee__c: '005B', Assignee__r: { Name: 'Ben', IsActive: true } }],
        ...overrides
    };
}

const ids = (areas) => areas.map((candidate) => candidate.id);

describe('c/raciMatrixModel', () => {
    describe('roles', () => {
        it('orders A, R, C, I and never assigns Accountable through RACI_Assignment__c', () => {
            expect(Object.entries(ROLES).map(([role, { letter, order }]) => [role, letter, order])).toEqual([
                ['Accountable', 'A', 0],
                ['Responsible', 'R', 1],
                ['Consulted', 'C', 2],
                ['Informed', 'I', 3]
            ]);
            expect(ASSIGNABLE_ROLES).toEqual(['Responsible', 'Consulted', 'Informed']);
        });
    });

    describe('areaGaps', () => {
        it('finds no gap in an area with a Responsible, an active Accountable and a review on time', () => {
            expect(areaGaps(area(), toArea(area()).assignments)).toEqual([]);
        });

        it('flags each gap on its own, in the order a row shows them', () => {
            const consultedOnly = area({ RACI_Assignments__r: [{ Id: 'r1', Role__c: 'Consulted', Assignee__c: '005B' }] });
            expect(toArea(consultedOnly).gaps).toEqual(['no-responsible']);
            expect(toArea(area({ RACI_Assignments__r: [] })).gaps).toEqual(['no-responsible']);
            expect(toArea(area({ RACI_Assignments__r: undefined })).gaps).toEqual(['no-responsible']);
            expect(toArea(area({ Accountable__r: { Name: 'Ann', IsActive: false } })).gaps).toEqual(['accountable-inactive']);
            // A missing Accountable (deleted user, no access to User) is as much a gap as an inactive one.
            expect(toArea(area({ Accountable__c: null, Accountable__r: null })).gaps).toEqual(['accountable-inactive']);
            expect(toArea(area({ Review_Overdue__c: true })).gaps).toEqual(['review-overdue']);
            const everything = area({ RACI_Assignments__r: [], Accountable__r: { IsActive: false }, Review_Overdue__c: true });
            expect(toArea(everything).gaps).toEqual(GAPS);
        });

        it('reads the fixtures as the matrix shows them', () => {
            const gaps = Object.fromEntries(fixtureRecords().map((record) => [record.Id, toArea(record).gaps]));
            expect(gaps[MFA]).toEqual([]);
            expect(gaps[SSO]).toEqual(['no-responsible', 'accountable-inactive', 'review-overdue']);
            expect(gaps[REPORTS]).toEqual(['review-overdue']);
        });
    });

    describe('toArea', () => {
        it('keeps what the rows and filters read, and the assignments with their people', () => {
            expect(toArea(area())).toEqual({
                id: 'a01X',
                name: 'Area',
                key: 'AREA.X',
                category: 'Governance',
                lead: 'Joint',
                accountableId: '005A',
                accountable: { Name: 'Ann', IsActive: true },
                assignments: [{ id: 'r1', role: 'Responsible', userId: '005B', user: { Name: 'Ben', IsActive: true } }],
                gaps: []
            });
        });
    });

    describe('toArea without assignments', () => {
        it('has no assignments, and so no Responsible, when the area has no RACI_Assignments__r', () => {
            const record = area();
            delete record.RACI_Assignments__r;
            expect(toArea(record)).toMatchObject({ assignments: [], gaps: ['no-responsible'] });
        });
    });

    describe('compareNames', () => {
        it('sorts people naturally and ignores case', () => {
            expect(['Person 19', 'person 2', 'Person 1', 'Ada'].sort(compareNames)).toEqual(['Ada', 'Person 1', 'person 2', 'Person 19']);
            expect(compareNames('ada', 'Ada')).toBe(0);
        });
    });

    describe('buildModel', () => {
        it('makes one column per person, in natural order, with whether they are active', () => {
            const model = buildModel(fixtureRecords());
            expect(model.people.map((person) => [person.name, person.isActive])).toEqual([
                ['Ada Lovelace', true],
                ['Bob Gone', false],
                ['Grace Hopper', true],
                ['Morgan Me', true]
            ]);
            expect(ids(model.areas)).toEqual([MFA, SSO, OPPORTUNITY, REPORTS]);
        });

        it('puts A from the area and R, C, I from the assignments in each cell, in role order', () => {
            const model = buildModel(fixtureRecords());
            const letters = (areaId, personId) => chipsOf(model, areaId, personId).map((chip) => chip.letter);
            expect(letters(MFA, ADA)).toEqual(['A']);
            expect(letters(REPORTS, GRACE)).toEqual(['A', 'I']);
            expect(letters(REPORTS, ADA)).toEqual(['R']);
            expect(letters(MFA, 'nobody')).toEqual([]);
            expect(letters('no-such-area', ADA)).toEqual([]);
            // Only assignments can be removed here; the Accountable is changed on the area.
            expect(chipsOf(model, REPORTS, GRACE).map((chip) => chip.removable)).toEqual([false, true]);
        });

        it('sorts a cell by role whatever order the assignments came in, unknown roles last', () => {
            const record = area({
                Accountable__c: '005B',
                RACI_Assignments__r: [
                    { Id: 'r3', Role__c: 'Informed', Assignee__c: '005B' },
                    { Id: 'r4', Role__c: 'Sponsor', Assignee__c: '005B' },
                    { Id: 'r2', Role__c: 'Consulted', Assignee__c: '005B' },
                    { Id: 'r1', Role__c: 'Responsible', Assignee__c: '005B' }
                ]
            });
            const chips = chipsOf(buildModel([record]), 'a01X', '005B');
            expect(chips.map((chip) => chip.letter)).toEqual(['A', 'R', 'C', 'I', '?']);
            expect(chips.map((chip) => chip.assignmentId)).toEqual([null, 'r1', 'r2', 'r3', 'r4']);
        });

        it('names a person by id when their user cannot be read, and skips assignments without a person', () => {
            const record = area({
                RACI_Assignments__r: [
                    { Id: 'r1', Role__c: 'Responsible', Assignee__c: '005Z', Assignee__r: null },
                    { Id: 'r2', Role__c: 'Informed', Assignee__c: null, Assignee__r: null }
                ]
            });
            const model = buildModel([record]);
            expect(model.people).toEqual([
                { id: '005Z', name: '005Z', isActive: true },
                { id: '005A', name: 'Ann', isActive: true }
            ]);
            expect([...model.cellsByArea.get('a01X').keys()]).toEqual(['005A', '005Z']);
        });

        it('names a person from the first record that names them, a later one without their user changing nothing', () => {
            const first = area({ Id: 'a01X', RACI_Assignments__r: [] });
            const later = area({
                Id: 'a01Y',
                Accountable__c: null,
                Accountable__r: null,
                RACI_Assignments__r: [{ Id: 'r9', Role__c: 'Responsible', Assignee__c: '005A', Assignee__r: null }]
            });
            expect(buildModel([first, later]).people).toEqual([{ id: '005A', name: 'Ann', isActive: true }]);
        });
    });

    describe('filterAreas', () => {
        // Built before the tests, not while they are collected: a model that throws fails them instead of the file.
        let model;
        beforeAll(() => {
            model = buildModel(fixtureRecords());
        });

        it('lets every area through when no filter is set', () => {
            expect(ids(filterAreas(model))).toEqual([MFA, SSO, OPPORTUNITY, REPORTS]);
            expect(ids(filterAreas(model, { lead: '', category: '', gapsOnly: false, holderIds: ['', ''] }))).toHaveLength(4);
        });

        it('filters by lead and by category', () => {
            expect(ids(filterAreas(model, { lead: 'IT' }))).toEqual([MFA, SSO]);
            expect(ids(filterAreas(model, { lead: 'SalesOps', category: 'Reporting' }))).toEqual([REPORTS]);
            expect(ids(filterAreas(model, { category: 'AI' }))).toEqual([]);
        });

        it('keeps only the areas with at least one gap', () => {
            expect(ids(filterAreas(model, { gapsOnly: true }))).toEqual([SSO, REPORTS]);
            expect(ids(filterAreas(model, { gapsOnly: false }))).toEqual([MFA, SSO, OPPORTUNITY, REPORTS]);
        });

        it('keeps the areas where every holder named holds a role', () => {
            expect(ids(filterAreas(model, { holderIds: [GRACE] }))).toEqual([MFA, OPPORTUNITY, REPORTS]);
            expect(ids(filterAreas(model, { holderIds: [GRACE, ADA] }))).toEqual([MFA, REPORTS]);
            expect(ids(filterAreas(model, { holderIds: ['005000000000009AAA'] }))).toEqual([]);
        });
    });

    describe('columnsFor', () => {
        // Built before the tests, not while they are collected: a model that throws fails them instead of the file.
        let model;
        beforeAll(() => {
            model = buildModel(fixtureRecords());
        });

        it('shows the people of the areas shown, and one person alone when chosen', () => {
            const reports = filterAreas(model, { category: 'Reporting' });
            expect(columnsFor(model, reports).map((person) => person.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
            expect(columnsFor(model, reports, GRACE).map((person) => person.name)).toEqual(['Grace Hopper']);
            expect(columnsFor(model, [])).toEqual([]);
        });
    });

    describe('countWithGaps', () => {
        it('counts areas with a gap, not gaps', () => {
            const model = buildModel(fixtureRecords());
            // SSO has three gaps and Reports one: two areas.
            expect(countWithGaps(model.areas)).toBe(2);
            expect(countWithGaps([])).toBe(0);
        });

        it('leaves out the areas without a gap', () => {
            const clean = toArea(area());
            const overdue = toArea(area({ Id: 'a01Y', Review_Overdue__c: true }));
            expect(countWithGaps([clean, overdue, clean])).toBe(1);
            expect(countWithGaps([clean])).toBe(0);
        });
    });

    describe('paging', () => {
        it('takes a positive whole page size, 50 otherwise', () => {
            expect(normalizePageSize(10)).toBe(10);
            expect(normalizePageSize('25')).toBe(25);
            expect(normalizePageSize(1)).toBe(1);
            expect(normalizePageSize(2.7)).toBe(2);
            expect(normalizePageSize(0)).toBe(50);
            expect(normalizePageSize(-5)).toBe(50);
            expect(normalizePageSize(undefined)).toBe(50);
            expect(normalizePageSize('many')).toBe(50);
        });

        it('counts pages at the boundaries', () => {
            expect(pageCount(0, 50)).toBe(0);
            expect(pageCount(1, 50)).toBe(1);
            expect(pageCount(50, 50)).toBe(1);
            expect(pageCount(51, 50)).toBe(2);
            expect(pageCount(300, 50)).toBe(6);
        });

        it('keeps the page inside the pages there are', () => {
            expect(clampPage(2, 120, 50)).toBe(2);
            expect(clampPage(3, 120, 50)).toBe(2);
            expect(clampPage(5, 100, 50)).toBe(1);
            expect(clampPage(-1, 120, 50)).toBe(0);
            expect(clampPage(4, 0, 50)).toBe(0);
        });

        it('slices one page, the last one short', () => {
            const items = Array.from({ length: 12 }, (_, i) => i);
            expect(pageSlice(items, 0, 5)).toEqual([0, 1, 2, 3, 4]);
            expect(pageSlice(items, 1, 5)).toEqual([5, 6, 7, 8, 9]);
            expect(pageSlice(items, 2, 5)).toEqual([10, 11]);
            expect(pageSlice(items, 3, 5)).toEqual([]);
        });
    });

    describe('moveCell', () => {
        const middle = { row: 2, col: 3 };

        it('moves one step with the arrows, to the edges with Home, End, PageUp and PageDown', () => {
            expect(moveCell(middle, 'ArrowUp', 9, 6)).toEqual({ row: 1, col: 3 });
            expect(moveCell(middle, 'ArrowDown', 9, 6)).toEqual({ row: 3, col: 3 });
            expect(moveCell(middle, 'ArrowLeft', 9, 6)).toEqual({ row: 2, col: 2 });
            expect(moveCell(middle, 'ArrowRight', 9, 6)).toEqual({ row: 2, col: 4 });
            expect(moveCell(middle, 'Home', 9, 6)).toEqual({ row: 2, col: 0 });
            expect(moveCell(middle, 'End', 9, 6)).toEqual({ row: 2, col: 6 });
            expect(moveCell(middle, 'PageUp', 9, 6)).toEqual({ row: 0, col: 3 });
            expect(moveCell(middle, 'PageDown', 9, 6)).toEqual({ row: 9, col: 3 });
        });

        it('stays inside the grid at its edges', () => {
            expect(moveCell({ row: 0, col: 0 }, 'ArrowUp', 9, 6)).toEqual({ row: 0, col: 0 });
            expect(moveCell({ row: 0, col: 0 }, 'ArrowLeft', 9, 6)).toEqual({ row: 0, col: 0 });
            expect(moveCell({ row: 9, col: 6 }, 'ArrowDown', 9, 6)).toEqual({ row: 9, col: 6 });
            expect(moveCell({ row: 9, col: 6 }, 'ArrowRight', 9, 6)).toEqual({ row: 9, col: 6 });
        });

        it('ignores other keys', () => {
            expect(moveCell(middle, 'Enter', 9, 6)).toBeNull();
            expect(moveCell(middle, 'a', 9, 6)).toBeNull();
        });
    });

    describe('column window', () => {
        // Columns of 100 px; 350 px of room right of the area column: three and a half columns in view.
        const view = { columnWidth: 100, width: 350 };

        it('counts the columns in view from the scroll position, a partly shown one included', () => {
            expect(columnsInView(60, 0, view)).toEqual({ start: 0, end: 4 });
            expect(columnsInView(60, 250, view)).toEqual({ start: 2, end: 6 });
            // A column exactly at the edge is not in view; one pixel of it is.
            expect(columnsInView(60, 300, { columnWidth: 100, width: 300 })).toEqual({ start: 3, end: 6 });
            expect(columnsInView(60, 301, { columnWidth: 100, width: 300 })).toEqual({ start: 3, end: 7 });
            // Never past the last column, nor before the first (an overscrolled scroller).
            expect(columnsInView(5, 400, view)).toEqual({ start: 4, end: 5 });
            expect(columnsInView(60, -30, view)).toEqual({ start: 0, end: 4 });
        });

        it('knows nothing is in view before the grid is laid out', () => {
            expect(columnsInView(60, 0, undefined)).toBeNull();
            expect(columnsInView(60, 0, { columnWidth: 0, width: 350 })).toBeNull();
            expect(columnsInView(60, 0, { columnWidth: 100, width: 0 })).toBeNull();
        });

        it('renders the columns in view and COLUMN_OVERSCAN either side, all of them when not measured', () => {
            expect(COLUMN_OVERSCAN).toBe(4);
            expect(columnWindow(60, 0, view)).toEqual({ start: 0, end: 8 });
            expect(columnWindow(60, 1000, view)).toEqual({ start: 6, end: 18 });
            expect(columnWindow(60, 5800, view)).toEqual({ start: 54, end: 60 });
            expect(columnWindow(60, 1000, undefined)).toEqual({ start: 0, end: 60 });
        });

        it('renders again only when a column in view is not rendered', () => {
            const rendered = { start: 6, end: 18 };
            expect(windowCovers(rendered, { start: 6, end: 18 })).toBe(true);
            expect(windowCovers(rendered, { start: 10, end: 14 })).toBe(true);
            expect(windowCovers(rendered, { start: 5, end: 9 })).toBe(false);
            expect(windowCovers(rendered, { start: 15, end: 19 })).toBe(false);
        });

        it('moves the window just enough to hold the tab stop, keeping its width', () => {
            const rendered = { start: 6, end: 18 };
            expect(windowHolding(rendered, 10, 60)).toBe(rendered);
            expect(windowHolding(rendered, 6, 60)).toBe(rendered);
            expect(windowHolding(rendered, 17, 60)).toBe(rendered);
            expect(windowHolding(rendered, 18, 60)).toEqual({ start: 11, end: 23 });
            expect(windowHolding(rendered, 59, 60)).toEqual({ start: 48, end: 60 });
            expect(windowHolding(rendered, 5, 60)).toEqual({ start: 1, end: 13 });
            expect(windowHolding(rendered, 0, 60)).toEqual({ start: 0, end: 12 });
            expect(windowHolding({ start: 50, end: 60 }, 2, 8)).toEqual({ start: 0, end: 8 });
        });
    });
});
