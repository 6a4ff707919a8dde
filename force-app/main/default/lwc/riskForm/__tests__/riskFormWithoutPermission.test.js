import { createElement } from 'lwc';
import RiskForm from 'c/riskForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';

jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: false }), { virtual: true });

const TREATMENT_PICKLIST = require('./data/getPicklistValuesTreatment.json');

async function flushPromises() {
    for (let i = 0; i < 8; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const change = (element, selector, detail) => $(element, selector).dispatchEvent(new CustomEvent('change', { detail }));

describe('c-risk-form without the accept permission', () => {
    let element;
    beforeEach(async () => {
        createRecord.mockResolvedValue({ id: 'a04000000000901AAA', fields: {} });
        element = createElement('c-risk-form', { is: RiskForm });
        document.body.appendChild(element);
        getPicklistValues.emit(TREATMENT_PICKLIST, (config) => config.fieldApiName.fieldApiName === 'Treatment__c');
        await flushPromises();
    });
    afterEach(() => {
        document.body.removeChild(element);
        jest.clearAllMocks();
    });

    it("does not offer Treatment Accept, though the org's picklist has it", () => {
        expect(TREATMENT_PICKLIST.values.map((value) => value.value)).toContain('Accept');
        expect($(element, '.treatment').options.map((option) => option.value)).toEqual(['Mitigate', 'Transfer', 'Avoid']);
    });

    it('offers no decision, picked or recorded in place, and writes none, even if Accept is forced on it', async () => {
        change(element, '.name', { value: 'Waiver' });
        change(element, '.owner', { recordId: '005000000000001AAA' });
        change(element, '.treatment', { value: 'Accept' });
        await flushPromises();
        expect($(element, '.new-decision')).toBeNull();
        expect($(element, 'c-acceptance-decision-form')).toBeNull();
        expect($(element, 'c-acceptance-decision-picker')).toBeNull();
        $(element, '.create').click();
        await flushPromises();
        expect(createRecord.mock.calls.map(([input]) => input.apiName)).toEqual(['Risk__c']);
        expect(createRecord.mock.calls[0][0].fields).not.toHaveProperty('Acceptance_Decision__c');
    });

    it('is accessible', async () => {
        await expect(element).toBeAccessible();
    });
});
