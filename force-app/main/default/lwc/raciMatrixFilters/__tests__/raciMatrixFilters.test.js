import { createElement } from 'lwc';
import RaciMatrixFilters from 'c/raciMatrixFilters';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';

const LEAD_PICKLIST = require('./data/getPicklistValuesLead.json');
const CATEGORY_PICKLIST = require('./data/getPicklistValuesCategory.json');

const PEOPLE = [
    { id: '005A', name: 'Person 2' },
    { id: '005B', name: 'Person 19' }
];

async function flushPromises() {
    for (let i = 0; i < 3; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createFilters(props = {}) {
    const element = createElement('c-raci-matrix-filters', { is: RaciMatrixFilters });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const forField = (field) => (config) => config.fieldApiName.fieldApiName === field && config.recordTypeId === '012000000000000AAA';

describe('c-raci-matrix-filters', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    describe('getPicklistValues @wire data', () => {
        it('offers "all" and then the org values of Lead__c and Category__c, with their labels', async () => {
            const element = createFilters();
            getPicklistValues.emit(LEAD_PICKLIST, forField('Lead__c'));
            getPicklistValues.emit(CATEGORY_PICKLIST, forField('Category__c'));
            await flushPromises();
            expect($(element, 'lightning-combobox.lead').options).toEqual([
                { label: 'All leads', value: '' },
                { label: 'SalesOps', value: 'SalesOps' },
                { label: 'IT', value: 'IT' },
                { label: 'Joint', value: 'Joint' }
            ]);
            expect($(element, 'lightning-combobox.category').options).toHaveLength(CATEGORY_PICKLIST.values.length + 1);
            expect($(element, 'lightning-combobox.category').options[1]).toEqual({ label: 'Revenue Process', value: 'Revenue Process' });
        });

        it('is accessible when data is returned', async () => {
            const element = createFilters({ people: PEOPLE });
            getPicklistValues.emit(LEAD_PICKLIST, forField('Lead__c'));
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    describe('getPicklistValues @wire error', () => {
        it('still offers "all" when the values cannot be read', async () => {
            const element = createFilters();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            expect($(element, 'lightning-combobox.lead').options).toEqual([{ label: 'All leads', value: '' }]);
            expect($(element, 'lightning-combobox.category').options).toEqual([{ label: 'All categories', value: '' }]);
        });

        it('is accessible when an error is returned', async () => {
            const element = createFilters();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    it('lists the people it is given after "all", in their order', () => {
        const element = createFilters({ people: PEOPLE });
        expect($(element, 'lightning-combobox.person-filter').options.map((option) => option.label)).toEqual([
            'All people',
            'Person 2',
            'Person 19'
        ]);
    });

    it('shows the filters it is given and reports each change on its own', async () => {
        const element = createFilters({ lead: 'IT', category: 'Compliance', personId: '005B', myAreasOnly: false, gapsOnly: true });
        expect($(element, 'lightning-combobox.lead').value).toBe('IT');
        expect($(element, 'lightning-combobox.person-filter').value).toBe('005B');
        expect($(element, 'lightning-input.gaps-only').checked).toBe(true);
        const handler = jest.fn();
        element.addEventListener('filterchange', handler);

        $(element, 'lightning-combobox.lead').dispatchEvent(new CustomEvent('change', { detail: { value: 'Joint' } }));
        $(element, 'lightning-combobox.category').dispatchEvent(new CustomEvent('change', { detail: { value: 'AI' } }));
        $(element, 'lightning-combobox.person-filter').dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
        const myAreas = $(element, 'lightning-input.my-areas');
        myAreas.checked = true;
        myAreas.dispatchEvent(new CustomEvent('change'));
        const gaps = $(element, 'lightning-input.gaps-only');
        gaps.checked = false;
        gaps.dispatchEvent(new CustomEvent('change'));

        expect(handler.mock.calls.map(([event]) => event.detail)).toEqual([
            { lead: 'Joint' },
            { category: 'AI' },
            { personId: '' },
            { myAreasOnly: true },
            { gapsOnly: false }
        ]);
    });
});
