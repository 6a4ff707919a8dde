import { createElement } from 'lwc';
import RaciAssignPanel from 'c/raciAssignPanel';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';

const ROLE_PICKLIST = require('./data/getPicklistValuesRole.json');

const ASSIGNING = {
    areaId: 'a01000000000001AAA',
    title: 'Assign a role in Multi-factor authentication',
    role: 'Responsible',
    userId: null
};

async function flushPromises() {
    for (let i = 0; i < 3; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createPanel(props = {}) {
    const element = createElement('c-raci-assign-panel', { is: RaciAssignPanel });
    Object.assign(element, { assigning: ASSIGNING, ...props });
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-raci-assign-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    describe('getPicklistValues @wire data', () => {
        it('offers the roles of RACI_Assignment__c.Role__c on the master record type, never Accountable', async () => {
            const element = createPanel();
            getPicklistValues.emit(ROLE_PICKLIST);
            await flushPromises();
            expect(getPicklistValues.getLastConfig()).toEqual({
                recordTypeId: '012000000000000AAA',
                fieldApiName: { objectApiName: 'RACI_Assignment__c', fieldApiName: 'Role__c' }
            });
            expect($(element, 'lightning-combobox.role').options.map((option) => option.value)).toEqual([
                'Responsible',
                'Consulted',
                'Informed'
            ]);
            expect($(element, 'lightning-combobox.role').value).toBe('Responsible');
        });

        it('is accessible when data is returned', async () => {
            const element = createPanel();
            getPicklistValues.emit(ROLE_PICKLIST);
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    describe('getPicklistValues @wire error', () => {
        it('offers no role it cannot read', async () => {
            const element = createPanel();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            expect($(element, 'lightning-combobox.role').options).toEqual([]);
        });

        it('is accessible when an error is returned', async () => {
            const element = createPanel();
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    it('saves only with a role and a person, and not while a write runs', async () => {
        const element = createPanel();
        const save = () => $(element, 'lightning-button.assign-save');
        expect($(element, 'section').getAttribute('aria-label')).toBe('Assign a role in Multi-factor authentication');
        expect($(element, 'lightning-record-picker.person').filter).toEqual({
            criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }]
        });
        expect(save().disabled).toBe(true);

        element.assigning = { ...ASSIGNING, userId: '005B' };
        await flushPromises();
        expect(save().disabled).toBe(false);

        element.assigning = { ...ASSIGNING, userId: '005B', role: '' };
        await flushPromises();
        expect(save().disabled).toBe(true);

        element.assigning = { ...ASSIGNING, userId: '005B' };
        element.saving = true;
        await flushPromises();
        expect(save().disabled).toBe(true);
    });

    it('reports each change with the field that changed, then save or cancel', () => {
        const element = createPanel({ assigning: { ...ASSIGNING, userId: '005B' } });
        const events = [];
        ['assignchange', 'save', 'cancel'].forEach((type) => element.addEventListener(type, (event) => events.push([type, event.detail])));

        $(element, 'lightning-combobox.role').dispatchEvent(new CustomEvent('change', { detail: { value: 'Informed' } }));
        $(element, 'lightning-record-picker.person').dispatchEvent(new CustomEvent('change', { detail: { recordId: '005C' } }));
        $(element, 'lightning-record-picker.person').dispatchEvent(new CustomEvent('change', { detail: {} }));
        $(element, 'lightning-button.assign-save').click();
        $(element, 'lightning-button.assign-cancel').click();

        expect(events).toEqual([
            ['assignchange', { role: 'Informed' }],
            ['assignchange', { userId: '005C' }],
            ['assignchange', { userId: null }],
            ['save', null],
            ['cancel', null]
        ]);
    });
});
