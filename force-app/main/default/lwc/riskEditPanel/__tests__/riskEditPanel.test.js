import { createElement } from 'lwc';
import RiskEditPanel from 'c/riskEditPanel';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';

jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: false }), { virtual: true });

const TREATMENT_PICKLIST = require('./data/getPicklistValuesTreatment.json');

const EDITING = { title: 'Edit Admins without MFA', ownerId: '005000000000001AAA', treatment: 'Mitigate', decisionId: null };

async function flushPromises() {
    for (let i = 0; i < 3; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createPanel(props = {}) {
    const element = createElement('c-risk-edit-panel', { is: RiskEditPanel });
    Object.assign(element, { editing: EDITING, ...props });
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-risk-edit-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    describe('getPicklistValues @wire data', () => {
        it('offers the org treatments of Risk__c.Treatment__c, on the master record type', async () => {
            const element = createPanel();
            getPicklistValues.emit(TREATMENT_PICKLIST);
            await flushPromises();
            expect(getPicklistValues.getLastConfig()).toEqual({
                recordTypeId: '012000000000000AAA',
                fieldApiName: { objectApiName: 'Risk__c', fieldApiName: 'Treatment__c' }
            });
            expect($(element, 'lightning-combobox.treatment').options).toEqual([
                { label: 'Mitigate', value: 'Mitigate' },
                { label: 'Accept', value: 'Accept' },
                { label: 'Transfer', value: 'Transfer' },
                { label: 'Avoid', value: 'Avoid' }
            ]);
        });

        it('is accessible when data is returned', async () => {
            const element = createPanel();
            getPicklistValues.emit(TREATMENT_PICKLIST);
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    describe('getPicklistValues @wire error', () => {
        it('offers no treatment it cannot read', async () => {
            const element = createPanel();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            expect($(element, 'lightning-combobox.treatment').options).toEqual([]);
        });

        it('is accessible when an error is returned', async () => {
            const element = createPanel();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    it('shows the risk being edited, active users only, and asks for a decision only to accept', async () => {
        const element = createPanel();
        expect($(element, 'section').getAttribute('aria-label')).toBe('Edit Admins without MFA');
        expect($(element, 'lightning-record-picker.owner-picker').value).toBe('005000000000001AAA');
        expect($(element, 'lightning-record-picker.owner-picker').filter).toEqual({
            criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }]
        });
        expect($(element, 'lightning-combobox.treatment').value).toBe('Mitigate');
        expect($(element, 'c-acceptance-decision-picker')).toBeNull();
        expect($(element, '.edit-error')).toBeNull();

        element.editing = { ...EDITING, treatment: 'Accept', decisionId: 'a04000000000001AAA', error: 'Pick an accepted decision' };
        await flushPromises();
        const picker = $(element, 'c-acceptance-decision-picker');
        expect(picker.riskOwnerId).toBe('005000000000001AAA');
        expect(picker.value).toBe('a04000000000001AAA');
        // Without the accept permission a decision can only be picked, not recorded here.
        expect($(element, '.new-decision')).toBeNull();
        expect($(element, 'c-acceptance-decision-form')).toBeNull();
        expect($(element, '.edit-error').textContent).toBe('Pick an accepted decision');
    });

    it('reports each change with the field that changed, then save or cancel', async () => {
        const element = createPanel({ editing: { ...EDITING, treatment: 'Accept' } });
        const events = [];
        ['editchange', 'save', 'cancel'].forEach((type) => element.addEventListener(type, (event) => events.push([type, event.detail])));

        $(element, 'lightning-record-picker.owner-picker').dispatchEvent(new CustomEvent('change', { detail: { recordId: '005B' } }));
        $(element, 'lightning-record-picker.owner-picker').dispatchEvent(new CustomEvent('change', { detail: {} }));
        $(element, 'lightning-combobox.treatment').dispatchEvent(new CustomEvent('change', { detail: { value: 'Transfer' } }));
        $(element, 'c-acceptance-decision-picker').dispatchEvent(new CustomEvent('change', { detail: { decisionId: 'a04B' } }));
        $(element, 'c-acceptance-decision-picker').dispatchEvent(new CustomEvent('change', { detail: {} }));
        $(element, 'lightning-button.edit-save').click();
        $(element, 'lightning-button.edit-cancel').click();

        expect(events).toEqual([
            ['editchange', { ownerId: '005B' }],
            ['editchange', { ownerId: null }],
            ['editchange', { treatment: 'Transfer' }],
            ['editchange', { decisionId: 'a04B' }],
            ['editchange', { decisionId: null }],
            ['save', null],
            ['cancel', null]
        ]);
    });

    it('holds the save while one is running', async () => {
        const element = createPanel({ saving: true });
        expect($(element, 'lightning-button.edit-save').disabled).toBe(true);
        element.saving = false;
        await flushPromises();
        expect($(element, 'lightning-button.edit-save').disabled).toBe(false);
    });
});
