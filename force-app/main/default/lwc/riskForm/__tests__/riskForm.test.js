import { createElement } from 'lwc';
import RiskForm, { riskFields } from 'c/riskForm';
import { createRecord } from 'lightning/uiRecordApi';

jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: true }), { virtual: true });

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createForm(props = {}) {
    const element = createElement('c-risk-form', { is: RiskForm });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const change = (element, selector, detail) =>
    element.shadowRoot.querySelector(selector).dispatchEvent(new CustomEvent('change', { detail }));

describe('c-risk-form', () => {
    beforeEach(() => {
        createRecord.mockResolvedValue({ id: 'a04000000000901AAA', fields: {} });
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('creates a risk from a finding with its key as the source reference', async () => {
        const element = createForm({
            sourceRef: 'perm.modify-all-data:PermissionSet:Shadow_Admin',
            defaultName: 'Modify All Data on Shadow_Admin',
            governanceAreaId: 'a01000000000001AAA'
        });
        const created = jest.fn();
        element.addEventListener('riskcreated', created);
        expect(element.shadowRoot.querySelector('.source-ref').value).toBe('perm.modify-all-data:PermissionSet:Shadow_Admin');
        expect(element.shadowRoot.querySelector('.name').value).toBe('Modify All Data on Shadow_Admin');
        change(element, '.owner', { recordId: '005000000000001AAA' });
        change(element, '.inherent-likelihood', { value: '4' });
        change(element, '.inherent-impact', { value: '5' });
        change(element, '.mitigation', { value: 'Move to a time-boxed group' });
        element.shadowRoot.querySelector('.create').click();
        await flushPromises();
        expect(createRecord).toHaveBeenCalledWith({
            apiName: 'Risk__c',
            fields: {
                Name: 'Modify All Data on Shadow_Admin',
                Risk_Owner__c: '005000000000001AAA',
                Treatment__c: 'Mitigate',
                Governance_Area__c: 'a01000000000001AAA',
                Mitigation__c: 'Move to a time-boxed group',
                Source_Ref__c: 'perm.modify-all-data:PermissionSet:Shadow_Admin',
                Inherent_Likelihood__c: 4,
                Inherent_Impact__c: 5
            }
        });
        expect(created.mock.calls[0][0].detail).toEqual({
            id: 'a04000000000901AAA',
            sourceRef: 'perm.modify-all-data:PermissionSet:Shadow_Admin'
        });
    });

    it('asks for a title and an owner before it writes', async () => {
        const element = createForm();
        expect(element.shadowRoot.querySelector('.source-ref')).toBeNull();
        element.shadowRoot.querySelector('.create').click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('.message').textContent).toBe(
            'Give the risk a title and an owner (and, to accept it, a decision).'
        );
        expect(createRecord).not.toHaveBeenCalled();
    });

    it('accepts only with a decision picked for the chosen owner', async () => {
        const element = createForm();
        expect(element.shadowRoot.querySelector('.treatment').options.map((option) => option.value)).toEqual([
            'Mitigate',
            'Accept',
            'Transfer',
            'Avoid'
        ]);
        change(element, '.name', { value: 'Waiver for the integration user' });
        change(element, '.owner', { recordId: '005000000000001AAA' });
        change(element, '.treatment', { value: 'Accept' });
        await flushPromises();
        const picker = element.shadowRoot.querySelector('c-acceptance-decision-picker');
        expect(picker.riskOwnerId).toBe('005000000000001AAA');
        element.shadowRoot.querySelector('.create').click();
        await flushPromises();
        expect(createRecord).not.toHaveBeenCalled();
        picker.dispatchEvent(new CustomEvent('change', { detail: { decisionId: 'a03000000000002AAA' } }));
        element.shadowRoot.querySelector('.create').click();
        await flushPromises();
        expect(createRecord.mock.calls[0][0].fields).toMatchObject({
            Treatment__c: 'Accept',
            Acceptance_Decision__c: 'a03000000000002AAA'
        });
    });

    it("shows the platform's refusal and keeps the form", async () => {
        createRecord.mockRejectedValue({ body: { message: 'duplicate value found: Source_Ref__c' } });
        const element = createForm({ sourceRef: 'mfa.not-enforced:SecuritySettings:Security' });
        change(element, '.name', { value: 'MFA' });
        change(element, '.owner', { recordId: '005000000000001AAA' });
        element.shadowRoot.querySelector('.create').click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual({
            body: { message: 'duplicate value found: Source_Ref__c' }
        });
    });

    it('leaves blanks out and drops a decision unless the treatment is Accept', () => {
        expect(
            riskFields({ name: ' R ', ownerId: '005', treatment: 'Transfer', decisionId: 'a03', residualImpact: '2', statement: '' })
        ).toEqual({ Name: 'R', Risk_Owner__c: '005', Treatment__c: 'Transfer', Residual_Impact__c: 2 });
    });

    it('cancels on request', () => {
        const element = createForm();
        const cancel = jest.fn();
        element.addEventListener('cancel', cancel);
        element.shadowRoot.querySelector('.cancel').click();
        expect(cancel).toHaveBeenCalled();
    });

    it('is accessible', async () => {
        const element = createForm({ sourceRef: 'mfa.not-enforced:SecuritySettings:Security' });
        await expect(element).toBeAccessible();
    });
});
