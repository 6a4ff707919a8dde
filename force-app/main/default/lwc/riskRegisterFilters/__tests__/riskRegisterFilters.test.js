import { createElement } from 'lwc';
import RiskRegisterFilters from 'c/riskRegisterFilters';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';

const CATEGORY_PICKLIST = require('./data/getPicklistValuesCategory.json');

async function flushPromises() {
    for (let i = 0; i < 3; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createFilters(props = {}) {
    const element = createElement('c-risk-register-filters', { is: RiskRegisterFilters });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

function listen(element) {
    const handler = jest.fn();
    element.addEventListener('filterchange', handler);
    return () => handler.mock.calls.map(([event]) => event.detail);
}

describe('c-risk-register-filters', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
    });

    describe('getPicklistValues @wire data', () => {
        it('offers "all" and then the org values of Risk__c.Category__c on the master record type', async () => {
            const element = createFilters();
            getPicklistValues.emit(CATEGORY_PICKLIST, (config) => config.recordTypeId === '012000000000000AAA');
            await flushPromises();
            expect(getPicklistValues.getLastConfig().fieldApiName).toEqual({ objectApiName: 'Risk__c', fieldApiName: 'Category__c' });
            expect($(element, 'lightning-combobox.category').options.map((option) => option.value)).toEqual([
                '',
                'Security',
                'Compliance',
                'Operational',
                'Revenue',
                'Data',
                'Integration'
            ]);
            expect($(element, 'lightning-combobox.category').options[0].label).toBe('All categories');
        });

        it('is accessible when data is returned', async () => {
            const element = createFilters();
            getPicklistValues.emit(CATEGORY_PICKLIST);
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    describe('getPicklistValues @wire error', () => {
        it('still offers "all" when the values cannot be read', async () => {
            const element = createFilters();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            expect($(element, 'lightning-combobox.category').options).toEqual([{ label: 'All categories', value: '' }]);
        });

        it('is accessible when an error is returned', async () => {
            const element = createFilters();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    it('shows the filters it is given and reports each change on its own', () => {
        const element = createFilters({ category: 'Data', aboveAppetiteOnly: true, overdueOnly: false });
        expect($(element, 'lightning-combobox.category').value).toBe('Data');
        expect($(element, 'lightning-input.above-appetite').checked).toBe(true);
        const details = listen(element);
        $(element, 'lightning-combobox.category').dispatchEvent(new CustomEvent('change', { detail: { value: 'Security' } }));
        const appetite = $(element, 'lightning-input.above-appetite');
        appetite.checked = false;
        appetite.dispatchEvent(new CustomEvent('change'));
        const overdue = $(element, 'lightning-input.overdue');
        overdue.checked = true;
        overdue.dispatchEvent(new CustomEvent('change'));
        expect(details()).toEqual([{ category: 'Security' }, { aboveAppetiteOnly: false }, { overdueOnly: true }]);
    });

    it('reports a search once typing pauses, trimmed, and not when the term is unchanged', () => {
        jest.useFakeTimers();
        const element = createFilters({ searchTerm: 'mfa' });
        const details = listen(element);
        const search = $(element, 'lightning-input.search');
        search.dispatchEvent(new CustomEvent('change', { detail: { value: 'sh' } }));
        jest.advanceTimersByTime(299);
        search.dispatchEvent(new CustomEvent('change', { detail: { value: ' shared ' } }));
        jest.advanceTimersByTime(299);
        expect(details()).toEqual([]);
        jest.advanceTimersByTime(1);
        expect(details()).toEqual([{ searchTerm: 'shared' }]);

        search.dispatchEvent(new CustomEvent('change', { detail: { value: ' mfa' } }));
        jest.runAllTimers();
        expect(details()).toEqual([{ searchTerm: 'shared' }]);
    });

    it('drops a pending search when removed', () => {
        jest.useFakeTimers();
        const element = createFilters();
        const details = listen(element);
        $(element, 'lightning-input.search').dispatchEvent(new CustomEvent('change', { detail: { value: 'mfa' } }));
        document.body.removeChild(element);
        jest.runAllTimers();
        expect(details()).toEqual([]);
    });
});
