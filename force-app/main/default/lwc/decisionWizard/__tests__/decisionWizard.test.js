import { createElement } from 'lwc';
import DecisionWizard, { whoLeads } from 'c/decisionWizard';
import { graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
// The event name lightning/platformShowToastEvent dispatches.
const SHOW_TOAST = 'lightning__showtoast';

const AREAS = require('./data/decisionWizardAreas.json');
const CREATED = require('./data/createRecordResult.json');
const IT_AREA = 'a01000000000010AAA';
const OWNER = '005000000000002AAA';

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createWizard(props = {}) {
    const element = createElement('c-decision-wizard', { is: DecisionWizard });
    Object.assign(element, props);
    document.body.appendChild(element);
    graphql.emit(AREAS);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function answer(element, question, value) {
    $(element, `lightning-radio-group.${question}`).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
    $(element, 'lightning-button.next').click();
    await flushPromises();
}

async function fillDetails(
    element,
    { title = 'Route renewals through CPQ', area, owner = OWNER, context = 'Renewals are quoted by hand.' } = {}
) {
    $(element, 'lightning-input.title').dispatchEvent(new CustomEvent('change', { detail: { value: title } }));
    if (area !== undefined) {
        $(element, 'lightning-combobox.area').dispatchEvent(new CustomEvent('change', { detail: { value: area } }));
    }
    $(element, 'lightning-record-picker.owner').dispatchEvent(new CustomEvent('change', { detail: { recordId: owner } }));
    $(element, 'lightning-textarea.context').dispatchEvent(new CustomEvent('change', { detail: { value: context } }));
    await flushPromises();
}

describe('c-decision-wizard', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('matches the Decision__c.Lead__c formula for every input', () => {
        expect(whoLeads(true, true, 'IT')).toBe('Joint');
        expect(whoLeads(true, false, 'IT')).toBe('SalesOps');
        expect(whoLeads(false, true, 'SalesOps')).toBe('IT');
        expect(whoLeads(false, false, 'IT')).toBe('IT');
        expect(whoLeads(false, false, undefined)).toBe('SalesOps');
    });

    it('records the outcome and the expiry when they are given', async () => {
        createRecord.mockResolvedValue(CREATED);
        const element = createWizard();
        await flushPromises();
        await answer(element, 'revenue', 'no');
        await answer(element, 'access', 'yes');
        await fillDetails(element);
        $(element, 'lightning-textarea.outcome').dispatchEvent(new CustomEvent('change', { detail: { value: ' Approved for a year ' } }));
        $(element, 'lightning-input.expires-on').dispatchEvent(new CustomEvent('change', { detail: { value: '2027-11-30' } }));
        $(element, 'lightning-button.create').click();
        await flushPromises();
        expect(createRecord.mock.calls[0][0].fields).toMatchObject({ Outcome__c: 'Approved for a year', Expires_On__c: '2027-11-30' });
    });

    it.each([
        [
            'yes',
            'yes',
            'Joint',
            'Joint review: SalesOps and IT review it together, one named owner decides, and the decision is written in the log.'
        ],
        ['yes', 'no', 'SalesOps', 'SalesOps leads: it changes what the CRM does for revenue.'],
        ['no', 'yes', 'IT', 'IT leads: it changes who can access what, or how data leaves the platform.']
    ])('revenue %s, access %s leads to %s and creates the decision with its single owner', async (revenue, access, lead, explanation) => {
        createRecord.mockResolvedValue(CREATED);
        const element = createWizard();
        const created = jest.fn();
        const toast = jest.fn();
        element.addEventListener('decisioncreated', created);
        element.addEventListener(SHOW_TOAST, toast);
        await flushPromises();

        await answer(element, 'revenue', revenue);
        await answer(element, 'access', access);
        expect($(element, '.lead-badge').textContent).toBe(lead);
        expect($(element, '.explanation').textContent).toBe(explanation);

        await fillDetails(element);
        $(element, 'lightning-button.create').click();
        await flushPromises();

        expect(createRecord).toHaveBeenCalledWith({
            apiName: 'Decision__c',
            fields: {
                Title__c: 'Route renewals through CPQ',
                Status__c: 'Proposed',
                Decision_Owner__c: OWNER,
                Changes_Revenue__c: revenue === 'yes',
                Changes_Access__c: access === 'yes',
                Context__c: 'Renewals are quoted by hand.'
            }
        });
        expect(created.mock.calls[0][0].detail).toEqual({ id: CREATED.id, lead });
        expect(toast.mock.calls[0][0].detail.variant).toBe('success');
        // Back at the first question, ready for the next decision.
        expect($(element, 'lightning-radio-group.revenue')).not.toBeNull();
    });

    it('neither revenue nor access: the chosen area leads, and the area is recorded', async () => {
        createRecord.mockResolvedValue(CREATED);
        const element = createWizard();
        await flushPromises();
        await answer(element, 'revenue', 'no');
        await answer(element, 'access', 'no');
        expect($(element, '.lead-badge').textContent).toBe('SalesOps');
        await fillDetails(element, { area: IT_AREA });
        expect($(element, '.lead-badge').textContent).toBe('IT');
        expect($(element, 'lightning-combobox.area').options.map((option) => option.value)).toEqual(['', 'a01000000000001AAA', IT_AREA]);
        $(element, 'lightning-button.create').click();
        await flushPromises();
        expect(createRecord.mock.calls[0][0].fields).toMatchObject({
            Governance_Area__c: IT_AREA,
            Changes_Revenue__c: false,
            Changes_Access__c: false
        });
    });

    it('asks for an answer before going on, and goes back', async () => {
        const element = createWizard();
        await flushPromises();
        $(element, 'lightning-button.next').click();
        await flushPromises();
        expect($(element, '.message').textContent).toBe('Answer the question to go on.');
        await answer(element, 'revenue', 'yes');
        expect($(element, 'lightning-radio-group.access')).not.toBeNull();
        $(element, 'lightning-button.back').click();
        await flushPromises();
        expect($(element, 'lightning-radio-group.revenue').value).toBe('yes');
    });

    it('refuses to create without a title and a named owner', async () => {
        const element = createWizard();
        await flushPromises();
        await answer(element, 'revenue', 'yes');
        await answer(element, 'access', 'no');
        await fillDetails(element, { owner: null });
        $(element, 'lightning-button.create').click();
        await flushPromises();
        expect(createRecord).not.toHaveBeenCalled();
        expect($(element, '.message').textContent).toBe('Give the decision a title and a single named owner.');
    });

    it('preselects the area on a Governance_Area__c record page, and cancel starts over', async () => {
        const element = createWizard({ recordId: IT_AREA });
        const cancelled = jest.fn();
        element.addEventListener('cancel', cancelled);
        await flushPromises();
        await answer(element, 'revenue', 'no');
        await answer(element, 'access', 'no');
        expect($(element, 'lightning-combobox.area').value).toBe(IT_AREA);
        $(element, 'lightning-button.cancel').click();
        await flushPromises();
        expect(cancelled).toHaveBeenCalled();
        expect($(element, 'lightning-radio-group.revenue')).not.toBeNull();
    });

    it('shows the error panel when the save fails, and keeps what was entered', async () => {
        createRecord.mockRejectedValue({
            body: { message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: The decision owner must be an active user.' }
        });
        const element = createWizard();
        await flushPromises();
        await answer(element, 'revenue', 'yes');
        await answer(element, 'access', 'yes');
        await fillDetails(element);
        $(element, 'lightning-button.create').click();
        await flushPromises();
        expect($(element, 'c-error-panel').errors.body.message).toContain('active user');
        expect($(element, 'lightning-input.title').value).toBe('Route renewals through CPQ');
    });

    it('shows the error panel when the areas cannot be read', async () => {
        const element = createElement('c-decision-wizard', { is: DecisionWizard });
        document.body.appendChild(element);
        graphql.emitErrors([{ message: 'Insufficient access to Governance_Area__c' }]);
        await flushPromises();
        expect($(element, 'c-error-panel').errors).toEqual([{ message: 'Insufficient access to Governance_Area__c' }]);
    });

    it('offers to read the areas again after a failed read, and re-reads through the wire', async () => {
        const refresh = jest.fn().mockResolvedValue(undefined);
        const element = createWizard();
        await flushPromises();
        graphql.emitErrors([{ message: 'Service unavailable' }], undefined, refresh);
        await flushPromises();
        const panel = $(element, 'c-error-panel');
        expect(panel.showRetry).toBe(true);
        panel.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(refresh).toHaveBeenCalledTimes(1);
        expect($(element, 'c-error-panel')).toBeNull();
    });

    it('uses areas that come with errors (a partial result) rather than showing the errors', async () => {
        const element = createElement('c-decision-wizard', { is: DecisionWizard });
        document.body.appendChild(element);
        graphql.emitErrors([{ message: 'Service unavailable' }]);
        await flushPromises();
        expect($(element, 'c-error-panel')).not.toBeNull();
        // The stub's emit sets errors to undefined; its base adapter emits the value as given.
        Object.getPrototypeOf(graphql).emit({ data: AREAS, errors: [{ message: 'No access to a field of Governance_Area__c' }] });
        await flushPromises();
        expect($(element, 'c-error-panel')).toBeNull();
        await answer(element, 'revenue', 'no');
        await answer(element, 'access', 'yes');
        expect($(element, 'lightning-combobox.area').options.map((option) => option.value)).toEqual([
            '',
            'a01000000000001AAA',
            'a01000000000010AAA'
        ]);
    });

    it('is accessible on every step', async () => {
        const element = createWizard();
        await flushPromises();
        await expect(element).toBeAccessible();
        await answer(element, 'revenue', 'yes');
        await answer(element, 'access', 'yes');
        await expect(element).toBeAccessible();
    });
});
