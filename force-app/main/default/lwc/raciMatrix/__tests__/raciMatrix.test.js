import { createElement } from 'lwc';
import RaciMatrix from 'c/raciMatrix';
import { graphql } from 'lightning/graphql';
import { createRecord, deleteRecord } from 'lightning/uiRecordApi';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';

const PAGE_1 = require('./data/raciMatrixPage1.json');
const PAGE_2 = require('./data/raciMatrixPage2.json');
const LEAD_PICKLIST = require('../../raciMatrixFilters/__tests__/data/getPicklistValuesLead.json');
const CATEGORY_PICKLIST = require('../../raciMatrixFilters/__tests__/data/getPicklistValuesCategory.json');

const MFA = 'a01000000000001AAA';
const SSO = 'a01000000000002AAA';
const REPORTS = 'a01000000000004AAA';
const GRACE = '005000000000002AAA';

async function flushPromises() {
    for (let i = 0; i < 5; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createMatrix(props = {}) {
    const element = createElement('c-raci-matrix', { is: RaciMatrix });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

async function createLoaded(props, refreshPage1, refreshPage2) {
    const element = createMatrix(props);
    graphql.emit(PAGE_1, undefined, refreshPage1);
    await flushPromises();
    graphql.emit(PAGE_2, undefined, refreshPage2);
    await flushPromises();
    return element;
}

function rowNames(element) {
    return [...element.shadowRoot.querySelectorAll('tbody th .slds-text-title_bold')].map((node) => node.textContent);
}

function columnNames(element) {
    return [...element.shadowRoot.querySelectorAll('thead th .raci-person')].map((node) => node.textContent);
}

function row(element, areaId) {
    return element.shadowRoot.querySelector(`button.assign[data-area-id="${areaId}"]`).closest('tr');
}

/** The chip letters per column of one row, e.g. ['A', '', 'RC']. */
function rowLetters(element, areaId) {
    return [...row(element, areaId).querySelectorAll('td')].map((cell) =>
        [...cell.querySelectorAll('span[aria-hidden="true"]')].map((letter) => letter.textContent).join('')
    );
}

function gapKeys(element, areaId) {
    return [...row(element, areaId).querySelectorAll('.raci-gap')].map((gap) => gap.dataset.gap);
}

/** An element of the matrix, or of its filter bar or assign panel (child components with shadow roots of their own). */
function find(element, selector) {
    const roots = [
        element.shadowRoot,
        element.shadowRoot.querySelector('c-raci-matrix-filters')?.shadowRoot,
        element.shadowRoot.querySelector('c-raci-assign-panel')?.shadowRoot
    ];
    return roots.map((root) => root?.querySelector(selector)).find(Boolean) ?? null;
}

function change(element, selector, detail) {
    find(element, selector).dispatchEvent(new CustomEvent('change', { detail }));
}

function toggle(element, selector) {
    const input = find(element, selector);
    input.checked = true;
    input.dispatchEvent(new CustomEvent('change'));
}

/** A response with `count` areas whose Accountables rotate through six people; for the row window. */
function manyAreas(count) {
    const edges = [];
    for (let i = 0; i < count; i++) {
        const id = String(i).padStart(3, '0');
        edges.push({
            node: {
                Id: `a01000000001${id}AAA`,
                Name: { value: `Area ${id}` },
                Area_Key__c: { value: `AREA.${id}` },
                Category__c: { value: 'Governance' },
                Lead__c: { value: 'Joint' },
                Review_Overdue__c: { value: false },
                Accountable__c: { value: `00500000000200${i % 6}AAA` },
                Accountable__r: { Name: { value: `Person ${i % 6}` }, IsActive: { value: true } },
                RACI_Assignments__r: { edges: [] }
            }
        });
    }
    return { uiapi: { query: { Governance_Area__c: { edges, pageInfo: { hasNextPage: false, endCursor: null } } } } };
}

describe('c-raci-matrix', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    describe('graphql @wire data', () => {
        it('follows the cursor, then renders areas by people with A from Accountable and R/C/I from assignments', async () => {
            const element = createMatrix();
            graphql.emit(PAGE_1);
            await flushPromises();
            expect(graphql.getLastConfig().variables).toEqual({ first: 200, after: 'djE6Mw==', where: { Status__c: { ne: 'Retired' } } });
            expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();

            graphql.emit(PAGE_2);
            await flushPromises();

            expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
            expect(rowNames(element)).toEqual([
                'Multi-factor authentication',
                'Single sign-on',
                'Opportunity stages and forecasting',
                'Reports and dashboards'
            ]);
            expect(columnNames(element)).toEqual(['Ada Lovelace', 'Bob Gone (inactive)', 'Grace Hopper', 'Morgan Me']);
            expect(rowLetters(element, MFA)).toEqual(['A', '', 'C', 'R']);
            expect(rowLetters(element, SSO)).toEqual(['I', 'A', '', '']);
            expect(rowLetters(element, REPORTS)).toEqual(['R', '', 'AI', '']);
        });

        it('flags areas without a Responsible, with an inactive Accountable or overdue for review', async () => {
            const element = await createLoaded();
            expect(gapKeys(element, MFA)).toEqual([]);
            expect(gapKeys(element, SSO)).toEqual(['no-responsible', 'accountable-inactive', 'review-overdue']);
            expect(gapKeys(element, REPORTS)).toEqual(['review-overdue']);
            expect(element.shadowRoot.querySelector('.summary').textContent).toBe('4 areas, 2 with gaps');
        });

        it('labels every chip and action for screen readers', async () => {
            const element = await createLoaded();
            const mfa = row(element, MFA);
            expect([...mfa.querySelectorAll('.slds-assistive-text')].map((node) => node.textContent)).toEqual([
                'Accountable',
                'Consulted',
                'Responsible'
            ]);
            // The Accountable comes from the area itself and is changed on the area, not removed here.
            expect(mfa.querySelectorAll('button.remove')).toHaveLength(2);
            expect(mfa.querySelector('button.remove').getAttribute('aria-label')).toBe(
                'Remove Consulted Grace Hopper from Multi-factor authentication'
            );
            expect(element.shadowRoot.querySelectorAll('th[scope="row"]')).toHaveLength(4);
        });

        it('is accessible when data is returned', async () => {
            const element = await createLoaded();
            await expect(element).toBeAccessible();
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel', async () => {
            const element = createMatrix();
            graphql.emitErrors([{ message: 'No such relation RACI_Assignments__r' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel.load-errors').errors).toEqual([
                { message: 'No such relation RACI_Assignments__r' }
            ]);
            expect(element.shadowRoot.querySelector('table')).toBeNull();
        });

        it('is accessible when an error is returned', async () => {
            const element = createMatrix();
            graphql.emitErrors(['an error']);
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    describe('filters', () => {
        it('filters by lead and category, narrowing the people too', async () => {
            const element = await createLoaded();
            change(element, 'lightning-combobox.lead', { value: 'SalesOps' });
            await flushPromises();
            expect(rowNames(element)).toEqual(['Opportunity stages and forecasting', 'Reports and dashboards']);
            expect(columnNames(element)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Morgan Me']);

            change(element, 'lightning-combobox.category', { value: 'Reporting' });
            await flushPromises();
            expect(rowNames(element)).toEqual(['Reports and dashboards']);
            expect(columnNames(element)).toEqual(['Ada Lovelace', 'Grace Hopper']);
        });

        it('shows my areas: where the current user holds any role', async () => {
            const element = await createLoaded();
            toggle(element, 'lightning-input.my-areas');
            await flushPromises();
            expect(rowNames(element)).toEqual(['Multi-factor authentication', 'Opportunity stages and forecasting']);
        });

        it('shows only areas with gaps', async () => {
            const element = await createLoaded();
            toggle(element, 'lightning-input.gaps-only');
            await flushPromises();
            expect(rowNames(element)).toEqual(['Single sign-on', 'Reports and dashboards']);
        });

        it('starts on the configured lead and shows the empty state when nothing matches', async () => {
            const element = await createLoaded({ defaultLead: 'IT' });
            expect(rowNames(element)).toEqual(['Multi-factor authentication', 'Single sign-on']);

            change(element, 'lightning-combobox.category', { value: 'AI' });
            await flushPromises();
            expect(element.shadowRoot.querySelector('.empty-state')).not.toBeNull();
            expect(element.shadowRoot.querySelector('table')).toBeNull();
        });

        it('offers the lead and category values of the org, asked for by field on the master record type', async () => {
            const element = await createLoaded();
            const options = (selector) => find(element, selector).options.map((option) => option.value);
            // Until the picklist values arrive, only "all" is offered.
            expect(options('lightning-combobox.lead')).toEqual(['']);

            const forField = (field) => (config) =>
                config.fieldApiName.fieldApiName === field && config.recordTypeId === '012000000000000AAA';
            getPicklistValues.emit(LEAD_PICKLIST, forField('Lead__c'));
            getPicklistValues.emit(CATEGORY_PICKLIST, forField('Category__c'));
            await flushPromises();
            expect(options('lightning-combobox.lead')).toEqual(['', 'SalesOps', 'IT', 'Joint']);
            expect(find(element, 'lightning-combobox.lead').options[0].label).toBe('All leads');
            expect(options('lightning-combobox.category')).toEqual(['', ...CATEGORY_PICKLIST.values.map((value) => value.value)]);
            expect(options('lightning-combobox.category')).toContain('Release Management');
        });

        it('shows only its own area on a record page, without filters', async () => {
            const element = createMatrix({ recordId: MFA });
            await flushPromises();
            expect(graphql.getLastConfig().variables.where).toEqual({ Id: { eq: MFA } });
            expect(element.shadowRoot.querySelector('c-raci-matrix-filters')).toBeNull();
        });
    });

    describe('row window', () => {
        it('renders one page of rows at a time and pages through the rest', async () => {
            const element = createMatrix();
            graphql.emit(manyAreas(120));
            await flushPromises();

            expect(element.shadowRoot.querySelectorAll('tbody tr')).toHaveLength(50);
            expect(rowNames(element)[0]).toBe('Area 000');
            expect(element.shadowRoot.querySelector('lightning-button.previous').disabled).toBe(true);
            // Every row renders one cell per person, whichever page is shown.
            expect(element.shadowRoot.querySelectorAll('tbody tr:first-child td')).toHaveLength(6);

            element.shadowRoot.querySelector('lightning-button.next').click();
            await flushPromises();
            expect(rowNames(element)[0]).toBe('Area 050');

            element.shadowRoot.querySelector('lightning-button.next').click();
            await flushPromises();
            expect(element.shadowRoot.querySelectorAll('tbody tr')).toHaveLength(20);
            expect(element.shadowRoot.querySelector('lightning-button.next').disabled).toBe(true);
            element.shadowRoot.querySelector('lightning-button.next').click();
            await flushPromises();
            expect(rowNames(element)[0]).toBe('Area 100');

            element.shadowRoot.querySelector('lightning-button.previous').click();
            await flushPromises();
            expect(rowNames(element)[0]).toBe('Area 050');
            expect(element.shadowRoot.querySelector('.page-text').textContent).toBe('Page 2 of 3');
        });

        it('honours the configured rows per page', async () => {
            const element = createMatrix({ rowsPerPage: 10 });
            graphql.emit(manyAreas(25));
            await flushPromises();
            expect(element.shadowRoot.querySelectorAll('tbody tr')).toHaveLength(10);
        });
    });

    describe('column window', () => {
        /** One area held by `count` people: Person 0 Accountable, the rest Informed. */
        function manyPeople(count) {
            const assignments = [];
            for (let i = 1; i < count; i++) {
                const id = String(i).padStart(3, '0');
                assignments.push({
                    node: {
                        Id: `a02000000009${id}AAA`,
                        Role__c: { value: 'Informed' },
                        Assignee__c: { value: `005000000009${id}AAA` },
                        Assignee__r: { Name: { value: `Person ${i}` }, IsActive: { value: true } }
                    }
                });
            }
            const response = manyAreas(2);
            response.uiapi.query.Governance_Area__c.edges.forEach(({ node }) => {
                node.Accountable__c = { value: '005000000009000AAA' };
                node.Accountable__r = { Name: { value: 'Person 0' }, IsActive: { value: true } };
                node.RACI_Assignments__r = { edges: assignments };
            });
            return response;
        }

        // The layout a browser would give: person columns 100 px, the area column 200 px, the scroller 550 px.
        beforeEach(() => {
            jest.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function () {
                const width = this.classList.contains('raci-col') ? 100 : this.classList.contains('raci-area-header') ? 200 : 0;
                return { width, height: 20, top: 0, left: 0, right: width, bottom: 20, x: 0, y: 0 };
            });
            jest.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function () {
                return this.classList.contains('raci-scroller') ? 550 : 0;
            });
        });
        afterEach(() => jest.restoreAllMocks());

        async function scrollTo(element, left) {
            const scroller = element.shadowRoot.querySelector('.raci-scroller');
            Object.defineProperty(scroller, 'scrollLeft', { value: left, writable: true, configurable: true });
            scroller.dispatchEvent(new CustomEvent('scroll'));
            await flushPromises();
        }

        const spacers = (element, selector) =>
            [...element.shadowRoot.querySelectorAll(`${selector} .raci-spacer`)].map((spacer) => spacer.style.width);
        const stop = (element) => {
            const [cell] = element.shadowRoot.querySelectorAll('.raci-grid [tabindex="0"]');
            return [Number(cell.dataset.row), Number(cell.dataset.col)];
        };

        it('renders the people in view and a few beside, with spacers for the rest of the scroll range', async () => {
            const element = createMatrix();
            graphql.emit(manyPeople(30));
            await flushPromises();

            // 350 px right of the area column: Person 0 to 3 in view, four more rendered beyond.
            expect(columnNames(element)).toEqual([
                'Person 0',
                'Person 1',
                'Person 2',
                'Person 3',
                'Person 4',
                'Person 5',
                'Person 6',
                'Person 7'
            ]);
            expect(element.shadowRoot.querySelector('.raci-grid').getAttribute('aria-colcount')).toBe('31');
            expect(element.shadowRoot.querySelector('thead th.raci-col').getAttribute('aria-colindex')).toBe('2');
            expect(spacers(element, 'thead')).toEqual(['2200px']);
            expect(spacers(element, 'tbody tr:first-child')).toEqual(['2200px']);
            expect(element.shadowRoot.querySelectorAll('tbody tr:first-child td.raci-cell')).toHaveLength(8);

            await scrollTo(element, 1000);
            // Person 10 to 13 in view: 6 to 17 rendered, 600 px before them and 1,200 after.
            expect(columnNames(element)[0]).toBe('Person 6');
            expect(columnNames(element)).toHaveLength(12);
            expect(spacers(element, 'thead')).toEqual(['600px', '1200px']);
            expect(element.shadowRoot.querySelector('tbody tr:first-child td.raci-cell').getAttribute('aria-colindex')).toBe('8');
            expect(rowLetters(element, 'a01000000001000AAA').slice(1, 3)).toEqual(['I', 'I']);

            // A scroll that stays within the rendered columns renders nothing new.
            await scrollTo(element, 1100);
            expect(columnNames(element)[0]).toBe('Person 6');
        });

        it('keeps the one tab stop on a rendered cell, bringing its column in with the keys', async () => {
            const element = createMatrix();
            graphql.emit(manyPeople(30));
            await flushPromises();
            const grid = element.shadowRoot.querySelector('.raci-grid');
            grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
            await flushPromises();

            expect(stop(element)).toEqual([0, 30]);
            expect(columnNames(element).at(-1)).toBe('Person 29');
            expect(columnNames(element)).toHaveLength(8);
            expect(element.shadowRoot.querySelectorAll('.raci-grid [tabindex="0"]')).toHaveLength(1);

            // Scrolled back to the start, the stop's column is no longer rendered: the stop moves into view.
            await scrollTo(element, 0);
            expect(columnNames(element)[0]).toBe('Person 0');
            expect(stop(element)).toEqual([0, 1]);
        });

        it('is accessible with a window of columns', async () => {
            const element = createMatrix();
            graphql.emit(manyPeople(30));
            await flushPromises();
            await scrollTo(element, 1000);
            await expect(element).toBeAccessible();
        });
    });

    describe('keyboard', () => {
        const stops = (element) => [...element.shadowRoot.querySelectorAll('.raci-grid [tabindex="0"]')];
        const at = (element) => {
            const [stop] = stops(element);
            return [Number(stop.dataset.row), Number(stop.dataset.col)];
        };
        const press = async (element, key) => {
            element.shadowRoot.querySelector('.raci-grid').dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
            await flushPromises();
        };

        it('is one tab stop that the arrows, Home and End move within the page', async () => {
            const element = await createLoaded();
            expect(stops(element)).toHaveLength(1);
            expect(at(element)).toEqual([0, 0]);
            await press(element, 'ArrowRight');
            await press(element, 'ArrowDown');
            expect(at(element)).toEqual([1, 1]);
            expect(stops(element)).toHaveLength(1);
            await press(element, 'End');
            expect(at(element)).toEqual([1, 4]);
            await press(element, 'PageDown');
            expect(at(element)).toEqual([3, 4]);
            await press(element, 'Home');
            await press(element, 'PageUp');
            expect(at(element)).toEqual([0, 0]);
            await press(element, 'ArrowUp');
            expect(at(element)).toEqual([0, 0]);
        });

        it('moves the tab stop to a cell that gets focus', async () => {
            const element = await createLoaded();
            const cell = row(element, REPORTS).querySelectorAll('td')[2];
            cell.dispatchEvent(new CustomEvent('focusin', { bubbles: true, composed: true }));
            await flushPromises();
            expect(at(element)).toEqual([3, 3]);
        });

        it('opens the assign panel with Enter on an area and removes with Delete on a cell', async () => {
            const element = await createLoaded();
            await press(element, 'Enter');
            expect(find(element, '.assign-panel').getAttribute('aria-label')).toBe('Assign a person to Multi-factor authentication');

            // Multi-factor authentication: Grace Hopper (third column) is Consulted.
            await press(element, 'ArrowRight');
            await press(element, 'ArrowRight');
            await press(element, 'ArrowRight');
            await press(element, 'Delete');
            expect(deleteRecord).toHaveBeenCalledWith('a02000000000002AAA');

            // Ada Lovelace is the Accountable: that is changed on the area, not removed here.
            await press(element, 'Home');
            await press(element, 'ArrowRight');
            await press(element, 'Backspace');
            expect(deleteRecord).toHaveBeenCalledTimes(1);
        });
    });

    describe('assign and remove', () => {
        async function openAssign(element, areaId) {
            element.shadowRoot.querySelector(`button.assign[data-area-id="${areaId}"]`).click();
            await flushPromises();
        }

        it('creates a RACI_Assignment__c and refreshes only the page holding the area', async () => {
            const refreshPage1 = jest.fn().mockResolvedValue();
            const refreshPage2 = jest.fn().mockResolvedValue();
            const element = await createLoaded({}, refreshPage1, refreshPage2);
            await openAssign(element, REPORTS);

            const save = () => find(element, 'lightning-button.assign-save');
            expect(save().disabled).toBe(true);
            change(element, 'lightning-combobox.role', { value: 'Consulted' });
            change(element, 'lightning-record-picker.person', { recordId: GRACE });
            await flushPromises();
            expect(save().disabled).toBe(false);
            save().click();
            await flushPromises();

            expect(createRecord).toHaveBeenCalledWith({
                apiName: 'RACI_Assignment__c',
                fields: { Governance_Area__c: REPORTS, Role__c: 'Consulted', Assignee__c: GRACE }
            });
            expect(refreshPage2).toHaveBeenCalledTimes(1);
            expect(refreshPage1).not.toHaveBeenCalled();
            expect(find(element, '.assign-panel')).toBeNull();
            expect(element.shadowRoot.querySelector('.status').textContent).toBe('Assignment saved.');
        });

        it('keeps the panel and shows the error when the create fails', async () => {
            createRecord.mockRejectedValueOnce({ body: { output: { errors: [{ message: 'Assignee must be active' }], fieldErrors: {} } } });
            const element = await createLoaded();
            await openAssign(element, MFA);
            change(element, 'lightning-record-picker.person', { recordId: GRACE });
            await flushPromises();
            find(element, 'lightning-button.assign-save').click();
            await flushPromises();

            expect(createRecord).toHaveBeenCalledWith({
                apiName: 'RACI_Assignment__c',
                fields: { Governance_Area__c: MFA, Role__c: 'Responsible', Assignee__c: GRACE }
            });
            expect(element.shadowRoot.querySelector('c-error-panel.write-errors').errors).toEqual({
                body: { output: { errors: [{ message: 'Assignee must be active' }], fieldErrors: {} } }
            });
            expect(find(element, '.assign-panel')).not.toBeNull();

            change(element, 'lightning-record-picker.person', {});
            await flushPromises();
            expect(find(element, 'lightning-button.assign-save').disabled).toBe(true);
            find(element, 'lightning-button.assign-cancel').click();
            await flushPromises();
            expect(find(element, '.assign-panel')).toBeNull();
        });

        it('deletes an assignment from its chip and refreshes its page', async () => {
            const refreshPage1 = jest.fn().mockResolvedValue();
            const element = await createLoaded({}, refreshPage1);
            row(element, SSO).querySelector('button.remove').click();
            await flushPromises();

            expect(deleteRecord).toHaveBeenCalledWith('a02000000000003AAA');
            expect(refreshPage1).toHaveBeenCalledTimes(1);
            expect(element.shadowRoot.querySelector('.status').textContent).toBe('Assignment removed.');
        });

        it('shows a failed delete', async () => {
            deleteRecord.mockRejectedValueOnce({ body: { message: 'insufficient access rights on object id' } });
            const element = await createLoaded();
            row(element, MFA).querySelector('button.remove').click();
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel.write-errors')).not.toBeNull();
        });

        it('offers to undo a removal, which re-creates the same assignment', async () => {
            const element = await createLoaded({}, jest.fn().mockResolvedValue());
            row(element, SSO).querySelector('button.remove').click();
            await flushPromises();
            expect(element.shadowRoot.querySelector('.undo-text').textContent).toBe('Removed Ada Lovelace as Informed on Single sign-on.');

            element.shadowRoot.querySelector('lightning-button.undo-button').click();
            await flushPromises();
            expect(createRecord).toHaveBeenCalledWith({
                apiName: 'RACI_Assignment__c',
                fields: { Governance_Area__c: SSO, Role__c: 'Informed', Assignee__c: '005000000000001AAA' }
            });
            expect(element.shadowRoot.querySelector('.undo')).toBeNull();
            expect(element.shadowRoot.querySelector('.status').textContent).toBe('Assignment restored.');
        });

        it('is accessible with the assign panel open', async () => {
            const element = await createLoaded();
            await openAssign(element, MFA);
            await expect(element).toBeAccessible();
        });
    });
});
