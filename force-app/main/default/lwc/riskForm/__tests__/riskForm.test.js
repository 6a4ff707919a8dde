import { createElement } from 'lwc';
import RiskForm, { riskFields } from 'c/riskForm';
import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';

jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: true }), { virtual: true });

const CATEGORY_PICKLIST = require('./data/getPicklistValuesCategory.json');
const TREATMENT_PICKLIST = require('./data/getPicklistValuesTreatment.json');
const CREATED_DECISION = require('./data/createRecordDecision.json');

const RISK_ID = 'a04000000000901AAA';
const ADA = '005000000000001AAA';
const GRACE = '005000000000002AAA';
const AREA = 'a01000000000001AAA';
const NOT_OWN = 'The acceptance decision must be owned by someone other than the risk owner.';

async function flushPromises() {
    for (let i = 0; i < 8; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

const forField = (field) => (config) => config.fieldApiName.fieldApiName === field && config.recordTypeId === '012000000000000AAA';

/** The form with the org's picklists read, as on the platform once the wires have answered. */
async function createForm(props = {}) {
    const element = createElement('c-risk-form', { is: RiskForm });
    Object.assign(element, props);
    document.body.appendChild(element);
    getPicklistValues.emit(CATEGORY_PICKLIST, forField('Category__c'));
    getPicklistValues.emit(TREATMENT_PICKLIST, forField('Treatment__c'));
    await flushPromises();
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const change = (element, selector, detail) => $(element, selector).dispatchEvent(new CustomEvent('change', { detail }));

/** Fills a risk to accept, with the "new decision" part open and filled in. */
async function fillAcceptanceInPlace(element, draft) {
    change(element, '.name', { value: 'Waiver for the integration user' });
    change(element, '.owner', { recordId: ADA });
    change(element, '.treatment', { value: 'Accept' });
    await flushPromises();
    change(element, '.new-decision', { checked: true });
    await flushPromises();
    change(element, 'c-acceptance-decision-form', draft);
    await flushPromises();
}

const DRAFT = { title: ' Accept the integration user waiver until the SSO migration ', ownerId: GRACE, expiresOn: '2027-05-31' };

describe('c-risk-form', () => {
    beforeEach(() => {
        createRecord.mockImplementation(({ apiName }) =>
            Promise.resolve(apiName === 'Decision__c' ? CREATED_DECISION : { id: RISK_ID, apiName, fields: {} })
        );
        deleteRecord.mockResolvedValue();
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    describe('getPicklistValues @wire data', () => {
        it("offers the org's categories and treatments of Risk__c, on the master record type", async () => {
            const element = await createForm();
            expect($(element, '.category').options).toEqual(CATEGORY_PICKLIST.values.map(({ label, value }) => ({ label, value })));
            expect($(element, '.treatment').options).toEqual([
                { label: 'Mitigate', value: 'Mitigate' },
                { label: 'Accept', value: 'Accept' },
                { label: 'Transfer', value: 'Transfer' },
                { label: 'Avoid', value: 'Avoid' }
            ]);
        });

        it('shows the labels the org gives the values (translated), and keeps their values', async () => {
            const element = createElement('c-risk-form', { is: RiskForm });
            document.body.appendChild(element);
            const translated = {
                ...TREATMENT_PICKLIST,
                values: TREATMENT_PICKLIST.values.map((v) => ({ ...v, label: `${v.value} (fr)` }))
            };
            getPicklistValues.emit(translated, forField('Treatment__c'));
            await flushPromises();
            expect($(element, '.treatment').options[1]).toEqual({ label: 'Accept (fr)', value: 'Accept' });
            // Only the treatment wire answered: the categories are still empty, not the treatments'.
            expect($(element, '.category').options).toEqual([]);
        });

        it('is accessible when data is returned', async () => {
            const element = await createForm({ sourceRef: 'mfa.not-enforced:SecuritySettings:Security' });
            await expect(element).toBeAccessible();
        });
    });

    describe('getPicklistValues @wire error', () => {
        it('offers no category or treatment it cannot read', async () => {
            const element = createElement('c-risk-form', { is: RiskForm });
            document.body.appendChild(element);
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            expect($(element, '.category').options).toEqual([]);
            expect($(element, '.treatment').options).toEqual([]);
        });

        it('is accessible when an error is returned', async () => {
            const element = createElement('c-risk-form', { is: RiskForm });
            document.body.appendChild(element);
            getPicklistValues.emitError({ status: 403 });
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    it('creates a risk from a finding with its key as the source reference', async () => {
        const element = await createForm({
            sourceRef: 'perm.modify-all-data:PermissionSet:Shadow_Admin',
            defaultName: 'Modify All Data on Shadow_Admin',
            governanceAreaId: AREA
        });
        const created = jest.fn();
        element.addEventListener('riskcreated', created);
        expect($(element, '.source-ref').value).toBe('perm.modify-all-data:PermissionSet:Shadow_Admin');
        expect($(element, '.name').value).toBe('Modify All Data on Shadow_Admin');
        change(element, '.owner', { recordId: ADA });
        change(element, '.category', { value: 'Security' });
        change(element, '.inherent-likelihood', { value: '4' });
        change(element, '.inherent-impact', { value: '5' });
        change(element, '.mitigation', { value: 'Move to a time-boxed group' });
        $(element, '.create').click();
        await flushPromises();
        expect(createRecord).toHaveBeenCalledTimes(1);
        expect(createRecord).toHaveBeenCalledWith({
            apiName: 'Risk__c',
            fields: {
                Name: 'Modify All Data on Shadow_Admin',
                Risk_Owner__c: ADA,
                Treatment__c: 'Mitigate',
                Category__c: 'Security',
                Governance_Area__c: AREA,
                Mitigation__c: 'Move to a time-boxed group',
                Source_Ref__c: 'perm.modify-all-data:PermissionSet:Shadow_Admin',
                Inherent_Likelihood__c: 4,
                Inherent_Impact__c: 5
            }
        });
        expect(created.mock.calls[0][0].detail).toEqual({ id: RISK_ID, sourceRef: 'perm.modify-all-data:PermissionSet:Shadow_Admin' });
    });

    it('asks for a title and an owner before it writes', async () => {
        const element = await createForm();
        expect($(element, '.source-ref')).toBeNull();
        $(element, '.create').click();
        await flushPromises();
        expect($(element, '.message').textContent).toBe('Give the risk a title and an owner (and, to accept it, a decision).');
        expect(createRecord).not.toHaveBeenCalled();
    });

    it('accepts only with a decision picked for the chosen owner', async () => {
        const element = await createForm();
        change(element, '.name', { value: 'Waiver for the integration user' });
        change(element, '.owner', { recordId: ADA });
        expect($(element, 'c-acceptance-decision-picker')).toBeNull();
        change(element, '.treatment', { value: 'Accept' });
        await flushPromises();
        const picker = $(element, 'c-acceptance-decision-picker');
        expect(picker.riskOwnerId).toBe(ADA);
        expect($(element, 'c-acceptance-decision-form')).toBeNull();
        $(element, '.create').click();
        await flushPromises();
        expect(createRecord).not.toHaveBeenCalled();
        picker.dispatchEvent(new CustomEvent('change', { detail: { decisionId: 'a03000000000002AAA' } }));
        $(element, '.create').click();
        await flushPromises();
        expect(createRecord).toHaveBeenCalledTimes(1);
        expect(createRecord.mock.calls[0][0]).toMatchObject({
            apiName: 'Risk__c',
            fields: { Treatment__c: 'Accept', Acceptance_Decision__c: 'a03000000000002AAA' }
        });
    });

    describe('acceptance decision recorded in place', () => {
        it('creates the Accepted decision first, then the risk under its id', async () => {
            jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z'), doNotFake: ['queueMicrotask', 'nextTick'] });
            const element = await createForm({ governanceAreaId: AREA });
            const created = jest.fn();
            element.addEventListener('riskcreated', created);
            await fillAcceptanceInPlace(element, DRAFT);
            // The part replaces the picker and is told whose risk it is (their own decision is not allowed).
            expect($(element, 'c-acceptance-decision-picker')).toBeNull();
            expect($(element, 'c-acceptance-decision-form').riskOwnerId).toBe(ADA);
            expect($(element, 'c-acceptance-decision-form').value).toEqual(DRAFT);
            $(element, '.create').click();
            await flushPromises();
            expect(createRecord.mock.calls.map(([input]) => input)).toEqual([
                {
                    apiName: 'Decision__c',
                    fields: {
                        Title__c: 'Accept the integration user waiver until the SSO migration',
                        Status__c: 'Accepted',
                        Decision_Owner__c: GRACE,
                        Decided_On__c: '2026-11-23',
                        Expires_On__c: '2027-05-31',
                        Governance_Area__c: AREA
                    }
                },
                {
                    apiName: 'Risk__c',
                    fields: {
                        Name: 'Waiver for the integration user',
                        Risk_Owner__c: ADA,
                        Treatment__c: 'Accept',
                        Governance_Area__c: AREA,
                        Acceptance_Decision__c: CREATED_DECISION.id
                    }
                }
            ]);
            expect(deleteRecord).not.toHaveBeenCalled();
            expect(created.mock.calls[0][0].detail).toEqual({ id: RISK_ID, sourceRef: null });
            expect($(element, 'c-error-panel')).toBeNull();
        });

        it("asks for the decision's title, owner and expiry before any write", async () => {
            const element = await createForm();
            await fillAcceptanceInPlace(element, { ...DRAFT, expiresOn: '' });
            $(element, '.create').click();
            await flushPromises();
            expect($(element, '.message').textContent).toBe(
                'Give the new decision a title, an owner other than the risk owner and an expiry date.'
            );
            change(element, 'c-acceptance-decision-form', { ...DRAFT, title: '  ' });
            $(element, '.create').click();
            await flushPromises();
            expect($(element, '.message')).not.toBeNull();
            expect(createRecord).not.toHaveBeenCalled();
        });

        it('deletes the decision it created when the risk is refused, and keeps the form as the user left it', async () => {
            const refusal = {
                status: 400,
                body: { message: NOT_OWN, output: { errors: [], fieldErrors: { Acceptance_Decision__c: [{ message: NOT_OWN }] } } }
            };
            createRecord.mockImplementation(({ apiName }) => {
                return apiName === 'Decision__c' ? Promise.resolve(CREATED_DECISION) : Promise.reject(refusal);
            });
            const element = await createForm();
            const created = jest.fn();
            element.addEventListener('riskcreated', created);
            await fillAcceptanceInPlace(element, { ...DRAFT, ownerId: ADA });
            $(element, '.create').click();
            await flushPromises();
            expect(createRecord.mock.calls.map(([input]) => input.apiName)).toEqual(['Decision__c', 'Risk__c']);
            expect(deleteRecord).toHaveBeenCalledTimes(1);
            expect(deleteRecord).toHaveBeenCalledWith(CREATED_DECISION.id);
            expect(updateRecord).not.toHaveBeenCalled();
            const panel = $(element, 'c-error-panel');
            expect(panel.errors).toEqual(refusal);
            expect(panel.friendlyMessage).toBe('The risk was not created.');
            expect(created).not.toHaveBeenCalled();
            // The input is kept: the risk, the treatment and the decision's draft, to correct and retry.
            expect($(element, '.name').value).toBe('Waiver for the integration user');
            expect($(element, '.treatment').value).toBe('Accept');
            expect($(element, '.new-decision').checked).toBe(true);
            expect($(element, 'c-acceptance-decision-form').value).toEqual({ ...DRAFT, ownerId: ADA });
            expect($(element, '.create').disabled).toBe(false);
        });

        describe('where the decision it created cannot be deleted', () => {
            const refusal = { status: 400, body: { message: NOT_OWN } };
            const noDelete = {
                status: 403,
                body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' }]
            };
            beforeEach(() => {
                createRecord.mockImplementation(({ apiName }) => {
                    return apiName === 'Decision__c' ? Promise.resolve(CREATED_DECISION) : Promise.reject(refusal);
                });
                deleteRecord.mockRejectedValue(noDelete);
            });

            it('deprecates it, so no live acceptance is left without its risk', async () => {
                updateRecord.mockResolvedValue({});
                const element = await createForm();
                await fillAcceptanceInPlace(element, { ...DRAFT, ownerId: ADA });
                $(element, '.create').click();
                await flushPromises();
                expect(deleteRecord).toHaveBeenCalledWith(CREATED_DECISION.id);
                expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: CREATED_DECISION.id, Status__c: 'Deprecated' } });
                expect($(element, 'c-error-panel').errors).toEqual(refusal);
                expect($(element, '.left-decision')).toBeNull();
            });

            it('names the decision that is left when it cannot deprecate it either, until the next save', async () => {
                updateRecord.mockRejectedValue(noDelete);
                const element = await createForm();
                await fillAcceptanceInPlace(element, { ...DRAFT, ownerId: ADA });
                $(element, '.create').click();
                await flushPromises();
                expect($(element, 'c-error-panel').errors).toEqual(refusal);
                expect($(element, '.left-decision').textContent).toBe(
                    'The acceptance decision "Accept the integration user waiver until the SSO migration" created for this risk could not be deleted or deprecated. Deprecate it in the decision log.'
                );
                await expect(element).toBeAccessible();
                createRecord.mockImplementation(({ apiName }) =>
                    Promise.resolve(apiName === 'Decision__c' ? CREATED_DECISION : { id: RISK_ID, apiName, fields: {} })
                );
                change(element, 'c-acceptance-decision-form', DRAFT);
                $(element, '.create').click();
                await flushPromises();
                expect($(element, '.left-decision')).toBeNull();
            });
        });

        it('writes no risk when the decision is refused', async () => {
            const refusal = { status: 400, body: { message: 'The decision owner must be an active user.' } };
            createRecord.mockRejectedValue(refusal);
            const element = await createForm();
            await fillAcceptanceInPlace(element, DRAFT);
            $(element, '.create').click();
            await flushPromises();
            expect(createRecord).toHaveBeenCalledTimes(1);
            expect(createRecord.mock.calls[0][0].apiName).toBe('Decision__c');
            expect(deleteRecord).not.toHaveBeenCalled();
            const panel = $(element, 'c-error-panel');
            expect(panel.errors).toEqual(refusal);
            expect(panel.friendlyMessage).toBe('The acceptance decision was not recorded, so the risk was not created.');
            expect($(element, 'c-acceptance-decision-form').value).toEqual(DRAFT);
        });

        it('goes back to picking an existing decision when the part is closed', async () => {
            const element = await createForm();
            await fillAcceptanceInPlace(element, DRAFT);
            change(element, '.new-decision', { checked: false });
            await flushPromises();
            expect($(element, 'c-acceptance-decision-form')).toBeNull();
            $(element, 'c-acceptance-decision-picker').dispatchEvent(
                new CustomEvent('change', { detail: { decisionId: 'a03000000000002AAA' } })
            );
            $(element, '.create').click();
            await flushPromises();
            expect(createRecord.mock.calls.map(([input]) => input.apiName)).toEqual(['Risk__c']);
            expect(createRecord.mock.calls[0][0].fields.Acceptance_Decision__c).toBe('a03000000000002AAA');
        });

        it('is accessible with the new decision part open', async () => {
            const element = await createForm();
            await fillAcceptanceInPlace(element, DRAFT);
            await expect(element).toBeAccessible();
        });
    });

    it("shows the platform's refusal and keeps the form", async () => {
        createRecord.mockRejectedValue({ body: { message: 'duplicate value found: Source_Ref__c' } });
        const element = await createForm({ sourceRef: 'mfa.not-enforced:SecuritySettings:Security' });
        change(element, '.name', { value: 'MFA' });
        change(element, '.owner', { recordId: ADA });
        $(element, '.create').click();
        await flushPromises();
        expect($(element, 'c-error-panel').errors).toEqual({ body: { message: 'duplicate value found: Source_Ref__c' } });
        expect($(element, '.name').value).toBe('MFA');
        expect(deleteRecord).not.toHaveBeenCalled();
    });

    it('leaves blanks out and drops a decision unless the treatment is Accept', () => {
        expect(
            riskFields({ name: ' R ', ownerId: '005', treatment: 'Transfer', decisionId: 'a03', residualImpact: '2', statement: '' })
        ).toEqual({ Name: 'R', Risk_Owner__c: '005', Treatment__c: 'Transfer', Residual_Impact__c: 2 });
    });

    it('cancels on request', async () => {
        const element = await createForm();
        const cancel = jest.fn();
        element.addEventListener('cancel', cancel);
        $(element, '.cancel').click();
        expect(cancel).toHaveBeenCalled();
    });
});
