import { createElement } from 'lwc';
import RiskRegister from 'c/riskRegister';
import { graphql } from 'lightning/graphql';
import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import { subscribe, unsubscribe } from 'lightning/messageService';
import RISK_FILTER_CHANNEL from '@salesforce/messageChannel/Risk_Filter__c';

const PAGE_1 = require('./data/riskRegisterPage1.json');
const PAGE_2 = require('./data/riskRegisterPage2.json');
const EMPTY = require('./data/riskRegisterEmpty.json');
const CATEGORY_PICKLIST = require('../../riskRegisterFilters/__tests__/data/getPicklistValuesCategory.json');
const TREATMENT_PICKLIST = require('../../riskEditPanel/__tests__/data/getPicklistValuesTreatment.json');

const RISK_1 = 'a03000000000001AAA';
const RISK_2 = 'a03000000000002AAA';
const OPEN_ONLY = { Status__c: { ne: 'Closed' } };

async function flushPromises() {
    for (let i = 0; i < 5; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createRegister(props = {}) {
    const element = createElement('c-risk-register', { is: RiskRegister });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

async function createLoaded(refresh) {
    const element = createRegister();
    graphql.emit(PAGE_1, undefined, refresh);
    await flushPromises();
    return element;
}

/** An element of the register, or of its filter bar or edit panel (child components with shadow roots of their own). */
function find(element, selector) {
    const roots = [
        element.shadowRoot,
        element.shadowRoot.querySelector('c-risk-register-filters')?.shadowRoot,
        element.shadowRoot.querySelector('c-risk-edit-panel')?.shadowRoot
    ];
    return roots.map((root) => root?.querySelector(selector)).find(Boolean) ?? null;
}

function datatable(element) {
    return element.shadowRoot.querySelector('lightning-datatable');
}

function lastWhere() {
    return graphql.getLastConfig().variables.where;
}

describe('c-risk-register', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    describe('graphql @wire data', () => {
        it('renders the first page as rows with owner, flags and record links', async () => {
            const element = await createLoaded();
            const rows = datatable(element).data;

            expect(rows).toHaveLength(2);
            expect(rows[0]).toMatchObject({
                Id: RISK_1,
                Name: 'Admins without MFA',
                recordUrl: `/${RISK_1}`,
                ownerName: 'Ada Lovelace',
                Risk_Owner__c: '005000000000001AAA',
                Residual_Likelihood__c: 4,
                Residual_Level__c: 'Critical',
                flags: 'Above appetite, Review overdue',
                flagClass: 'slds-text-color_error'
            });
            expect(rows[1].flags).toBe('Above appetite');
            expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
            expect(graphql.getLastConfig().variables).toEqual({
                first: 50,
                after: null,
                where: { and: [OPEN_ONLY] },
                orderBy: { Name: { order: 'ASC' } }
            });
        });

        it('says how many of the matching risks are shown', async () => {
            const element = await createLoaded();
            // Two rows of this page out of three that match: shown first, total second.
            expect(element.shadowRoot.querySelector('.count').textContent).toBe('Showing 2 of 3 risks');
            element.shadowRoot.querySelector('lightning-button.load-more').click();
            await flushPromises();
            graphql.emit(PAGE_2);
            await flushPromises();
            expect(element.shadowRoot.querySelector('.count').textContent).toBe('Showing 3 of 3 risks');
        });

        it('offers the category and treatment values of the org, asked for on the master record type', async () => {
            const element = await createLoaded();
            const options = (selector) => find(element, selector).options.map((option) => option.value);
            expect(options('lightning-combobox.category')).toEqual(['']);
            const forField = (field) => (config) =>
                config.fieldApiName.fieldApiName === field && config.recordTypeId === '012000000000000AAA';
            getPicklistValues.emit(CATEGORY_PICKLIST, forField('Category__c'));
            await flushPromises();
            expect(options('lightning-combobox.category')).toEqual([
                '',
                'Security',
                'Compliance',
                'Operational',
                'Revenue',
                'Data',
                'Integration'
            ]);
            expect(find(element, 'lightning-combobox.category').options[0].label).toBe('All categories');

            datatable(element).dispatchEvent(
                new CustomEvent('rowaction', { detail: { action: { name: 'edit_owner_treatment' }, row: datatable(element).data[0] } })
            );
            await flushPromises();
            // The edit panel asks for the treatments when it opens.
            getPicklistValues.emit(TREATMENT_PICKLIST, forField('Treatment__c'));
            await flushPromises();
            expect(options('lightning-combobox.treatment')).toEqual(['Mitigate', 'Accept', 'Transfer', 'Avoid']);
        });

        it('loads the next page with the cursor and appends it', async () => {
            const element = await createLoaded();
            element.shadowRoot.querySelector('lightning-button.load-more').click();
            await flushPromises();
            expect(graphql.getLastConfig().variables.after).toBe('djE6Mg==');

            graphql.emit(PAGE_2);
            await flushPromises();

            expect(datatable(element).data.map((row) => row.Name)).toEqual([
                'Admins without MFA',
                'Shared integration user',
                'Stale forecast categories'
            ]);
            expect(datatable(element).data[2].flags).toBe('');
            expect(element.shadowRoot.querySelector('lightning-button.load-more')).toBeNull();
        });

        it('uses the configured page size and can include closed risks', async () => {
            createRegister({ pageSize: 200, showClosed: true });
            await flushPromises();
            expect(graphql.getLastConfig().variables).toMatchObject({ first: 200, where: { and: [] } });
        });

        it('shows the empty state', async () => {
            const element = createRegister();
            graphql.emit(EMPTY);
            await flushPromises();
            expect(element.shadowRoot.querySelector('.empty-state')).not.toBeNull();
            expect(datatable(element)).toBeNull();
        });

        it('is accessible when data is returned', async () => {
            const element = await createLoaded();
            await expect(element).toBeAccessible();
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel', async () => {
            const element = createRegister();
            graphql.emitErrors([{ message: 'Risk__c is not supported' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([{ message: 'Risk__c is not supported' }]);
            expect(datatable(element)).toBeNull();
        });

        it('is accessible when an error is returned', async () => {
            const element = createRegister();
            graphql.emitErrors(['an error']);
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    describe('filters and sorting', () => {
        it('filters by category, appetite and overdue on the server', async () => {
            const element = await createLoaded();
            find(element, 'lightning-combobox.category').dispatchEvent(new CustomEvent('change', { detail: { value: 'Security' } }));
            const appetite = find(element, 'lightning-input.above-appetite');
            appetite.checked = true;
            appetite.dispatchEvent(new CustomEvent('change'));
            const overdue = find(element, 'lightning-input.overdue');
            overdue.checked = true;
            overdue.dispatchEvent(new CustomEvent('change'));
            await flushPromises();

            expect(lastWhere()).toEqual({
                and: [
                    OPEN_ONLY,
                    { Category__c: { eq: 'Security' } },
                    { Above_Appetite__c: { eq: true } },
                    { Review_Overdue__c: { eq: true } }
                ]
            });
            expect(graphql.getLastConfig().variables.after).toBeNull();
        });

        it('searches by name once typing pauses', async () => {
            jest.useFakeTimers();
            const element = await createLoaded();
            const search = find(element, 'lightning-input.search');
            search.dispatchEvent(new CustomEvent('change', { detail: { value: 'mf' } }));
            search.dispatchEvent(new CustomEvent('change', { detail: { value: ' mfa ' } }));
            await flushPromises();
            expect(lastWhere()).toEqual({ and: [OPEN_ONLY] });

            jest.runAllTimers();
            await flushPromises();
            expect(lastWhere()).toEqual({ and: [OPEN_ONLY, { Name: { like: '%mfa%' } }] });
        });

        it('sorts on the server, by owner name through the relationship', async () => {
            const element = await createLoaded();
            datatable(element).dispatchEvent(new CustomEvent('sort', { detail: { fieldName: 'ownerName', sortDirection: 'desc' } }));
            await flushPromises();
            expect(graphql.getLastConfig().variables.orderBy).toEqual({ Risk_Owner__r: { Name: { order: 'DESC' } } });
            expect(datatable(element).sortedBy).toBe('ownerName');

            datatable(element).dispatchEvent(
                new CustomEvent('sort', { detail: { fieldName: 'Next_Review_Date__c', sortDirection: 'asc' } })
            );
            await flushPromises();
            expect(graphql.getLastConfig().variables.orderBy).toEqual({ Next_Review_Date__c: { order: 'ASC' } });
        });
    });

    describe('Risk_Filter subscription', () => {
        function messageHandler() {
            expect(subscribe).toHaveBeenCalledWith(
                undefined,
                RISK_FILTER_CHANNEL,
                expect.any(Function),
                expect.objectContaining({ scope: expect.anything() })
            );
            return subscribe.mock.calls[0][2];
        }

        it('filters by the published residual cell and clears on a clear message', async () => {
            const element = await createLoaded();
            messageHandler()({ likelihood: 4, impact: 5, basis: 'residual' });
            await flushPromises();

            expect(lastWhere()).toEqual({ and: [OPEN_ONLY, { Residual_Likelihood__c: { eq: 4 } }, { Residual_Impact__c: { eq: 5 } }] });
            expect(element.shadowRoot.querySelector('lightning-pill').label).toBe('Heat map: likelihood 4, impact 5 (residual)');

            messageHandler()({ likelihood: null, impact: null, basis: 'residual' });
            await flushPromises();
            expect(lastWhere()).toEqual({ and: [OPEN_ONLY] });
            expect(element.shadowRoot.querySelector('lightning-pill')).toBeNull();
        });

        it('filters on inherent fields and clears from the button', async () => {
            const element = await createLoaded();
            messageHandler()({ likelihood: 5, impact: 3, basis: 'inherent' });
            await flushPromises();
            expect(lastWhere()).toEqual({ and: [OPEN_ONLY, { Inherent_Likelihood__c: { eq: 5 } }, { Inherent_Impact__c: { eq: 3 } }] });

            element.shadowRoot.querySelector('lightning-button.clear-cell-filter').click();
            await flushPromises();
            expect(lastWhere()).toEqual({ and: [OPEN_ONLY] });
        });

        it('unsubscribes when removed', async () => {
            const element = await createLoaded();
            document.body.removeChild(element);
            expect(unsubscribe).toHaveBeenCalledTimes(1);
        });
    });

    describe('inline edit', () => {
        it('saves each draft with updateRecord, converting numbers, and refreshes the touched page', async () => {
            const refresh = jest.fn().mockResolvedValue();
            const element = await createLoaded(refresh);
            datatable(element).dispatchEvent(
                new CustomEvent('save', {
                    detail: {
                        draftValues: [
                            { Id: RISK_1, Residual_Likelihood__c: '2', Next_Review_Date__c: '2026-01-31' },
                            { Id: RISK_2, Residual_Impact__c: '' }
                        ]
                    }
                })
            );
            await flushPromises();

            expect(updateRecord).toHaveBeenCalledTimes(2);
            expect(updateRecord).toHaveBeenCalledWith({
                fields: { Id: RISK_1, Residual_Likelihood__c: 2, Next_Review_Date__c: '2026-01-31' }
            });
            expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: RISK_2, Residual_Impact__c: null } });
            expect(refresh).toHaveBeenCalledTimes(1);
            expect(datatable(element).draftValues).toEqual([]);
            expect(datatable(element).errors).toBeUndefined();
            expect(element.shadowRoot.querySelector('.status').textContent).toBe('2 risks saved');
        });

        it('keeps a failed row as a draft with its error and saves the others', async () => {
            const refresh = jest.fn().mockResolvedValue();
            updateRecord.mockResolvedValueOnce({}).mockRejectedValueOnce({
                body: { output: { errors: [], fieldErrors: { Residual_Impact__c: [{ message: 'Impact must be 1 to 5' }] } } }
            });
            const element = await createLoaded(refresh);
            const failing = { Id: RISK_2, Residual_Impact__c: '9' };
            datatable(element).dispatchEvent(
                new CustomEvent('save', { detail: { draftValues: [{ Id: RISK_1, Residual_Impact__c: '3' }, failing] } })
            );
            await flushPromises();

            const table = datatable(element);
            expect(table.draftValues).toEqual([failing]);
            expect(table.errors.rows).toEqual({
                [RISK_2]: { title: 'This risk could not be saved', messages: ['Impact must be 1 to 5'], fieldNames: ['Residual_Impact__c'] }
            });
            expect(table.errors.table.messages).toEqual(['Impact must be 1 to 5']);
            expect(refresh).toHaveBeenCalledTimes(1);
        });

        it('shows a refresh failure in the error panel', async () => {
            const refresh = jest.fn().mockRejectedValue({ message: 'refresh failed' });
            const element = await createLoaded(refresh);
            datatable(element).dispatchEvent(
                new CustomEvent('save', { detail: { draftValues: [{ Id: RISK_1, Next_Review_Date__c: '' }] } })
            );
            await flushPromises();

            expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: RISK_1, Next_Review_Date__c: null } });
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual({ message: 'refresh failed' });
        });

        it('changes owner and treatment from the row action panel', async () => {
            const element = await createLoaded();
            datatable(element).dispatchEvent(
                new CustomEvent('rowaction', { detail: { action: { name: 'edit_owner_treatment' }, row: datatable(element).data[0] } })
            );
            await flushPromises();

            const picker = find(element, 'lightning-record-picker.owner-picker');
            expect(picker.value).toBe('005000000000001AAA');
            expect(picker.objectApiName).toBe('User');
            picker.dispatchEvent(new CustomEvent('change', { detail: { recordId: '005000000000009AAA' } }));
            find(element, 'lightning-combobox.treatment').dispatchEvent(new CustomEvent('change', { detail: { value: 'Transfer' } }));
            await flushPromises();
            find(element, 'lightning-button.edit-save').click();
            await flushPromises();

            expect(updateRecord).toHaveBeenCalledWith({
                fields: { Id: RISK_1, Risk_Owner__c: '005000000000009AAA', Treatment__c: 'Transfer' }
            });
            expect(find(element, '.edit-panel')).toBeNull();
        });

        it('keeps the panel open when the owner change fails, and cancels', async () => {
            updateRecord.mockRejectedValueOnce({ body: { message: 'Owner must be active' } });
            const element = await createLoaded();
            datatable(element).dispatchEvent(
                new CustomEvent('rowaction', { detail: { action: { name: 'edit_owner_treatment' }, row: datatable(element).data[1] } })
            );
            await flushPromises();
            find(element, 'lightning-record-picker').dispatchEvent(new CustomEvent('change', { detail: {} }));
            find(element, 'lightning-button.edit-save').click();
            await flushPromises();

            expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: RISK_2, Risk_Owner__c: null, Treatment__c: 'Mitigate' } });
            expect(find(element, '.edit-panel')).not.toBeNull();
            expect(datatable(element).errors.rows[RISK_2].messages).toEqual(['Owner must be active']);
            expect(find(element, '.edit-error').textContent).toBe('Owner must be active');

            find(element, 'lightning-button.edit-cancel').click();
            await flushPromises();
            expect(find(element, '.edit-panel')).toBeNull();
        });

        it('accepts a risk under a decision picked in the panel', async () => {
            const element = await createLoaded();
            datatable(element).dispatchEvent(
                new CustomEvent('rowaction', { detail: { action: { name: 'edit_owner_treatment' }, row: datatable(element).data[0] } })
            );
            await flushPromises();
            expect(find(element, 'c-acceptance-decision-picker')).toBeNull();
            find(element, 'lightning-combobox.treatment').dispatchEvent(new CustomEvent('change', { detail: { value: 'Accept' } }));
            await flushPromises();
            const picker = find(element, 'c-acceptance-decision-picker');
            // The risk owner's own decisions are not offered: the picker is told who owns the risk.
            expect(picker.riskOwnerId).toBe('005000000000001AAA');
            picker.dispatchEvent(new CustomEvent('change', { detail: { decisionId: 'a04000000000011AAA' } }));
            find(element, 'lightning-button.edit-save').click();
            await flushPromises();

            expect(updateRecord).toHaveBeenCalledWith({
                fields: {
                    Id: RISK_1,
                    Risk_Owner__c: '005000000000001AAA',
                    Treatment__c: 'Accept',
                    Acceptance_Decision__c: 'a04000000000011AAA'
                }
            });
        });

        describe('accepting under a decision recorded in place', () => {
            const DRAFT = {
                title: ' Accept the shared admin until the SSO cut-over ',
                ownerId: '005000000000002AAA',
                expiresOn: '2027-03-31'
            };
            const DECISION = 'a04000000000099AAA';
            const NOT_OWN = 'The acceptance decision must be owned by someone other than the risk owner.';

            /** Opens the panel on the first risk and fills it in as the panel reports a holder of the accept permission doing it. */
            async function acceptInPlace(element, draft = DRAFT) {
                datatable(element).dispatchEvent(
                    new CustomEvent('rowaction', { detail: { action: { name: 'edit_owner_treatment' }, row: datatable(element).data[0] } })
                );
                await flushPromises();
                const panel = element.shadowRoot.querySelector('c-risk-edit-panel');
                panel.dispatchEvent(new CustomEvent('editchange', { detail: { treatment: 'Accept' } }));
                panel.dispatchEvent(new CustomEvent('editchange', { detail: { newDecision: true } }));
                panel.dispatchEvent(new CustomEvent('editchange', { detail: { decisionDraft: draft } }));
                await flushPromises();
                panel.dispatchEvent(new CustomEvent('save'));
                // The decision, the risk and the decision's withdrawal are written one after another.
                await flushPromises();
                await flushPromises();
                return panel;
            }

            beforeEach(() => {
                createRecord.mockResolvedValue({ id: DECISION, apiName: 'Decision__c', fields: {} });
                deleteRecord.mockResolvedValue();
            });

            it("records the Accepted decision on the user's today, then accepts the risk under it", async () => {
                // 18:00 in the user's time zone (America/Los_Angeles) on the 23rd, the 24th in UTC.
                jest.useFakeTimers({ now: new Date('2026-11-24T02:00:00Z'), doNotFake: ['queueMicrotask', 'nextTick'] });
                const element = await createLoaded();
                await acceptInPlace(element);
                expect(createRecord).toHaveBeenCalledWith({
                    apiName: 'Decision__c',
                    fields: {
                        Title__c: 'Accept the shared admin until the SSO cut-over',
                        Status__c: 'Accepted',
                        Decision_Owner__c: '005000000000002AAA',
                        Decided_On__c: '2026-11-23',
                        Expires_On__c: '2027-03-31'
                    }
                });
                expect(updateRecord).toHaveBeenCalledWith({
                    fields: { Id: RISK_1, Risk_Owner__c: '005000000000001AAA', Treatment__c: 'Accept', Acceptance_Decision__c: DECISION }
                });
                expect(deleteRecord).not.toHaveBeenCalled();
                expect(find(element, '.edit-panel')).toBeNull();
            });

            it('writes nothing until the draft has a title, an owner and an expiry', async () => {
                const element = await createLoaded();
                await acceptInPlace(element, { ...DRAFT, expiresOn: '' });
                expect(createRecord).not.toHaveBeenCalled();
                expect(updateRecord).not.toHaveBeenCalled();
                expect(find(element, '.edit-error').textContent).toBe(
                    'Give the new decision a title, an owner other than the risk owner and an expiry date.'
                );
            });

            it('leaves the risk as it was when the decision is refused', async () => {
                createRecord.mockRejectedValue({ body: { message: 'The decision owner must be an active user.' } });
                const element = await createLoaded();
                await acceptInPlace(element);
                expect(updateRecord).not.toHaveBeenCalled();
                expect(find(element, '.edit-error').textContent).toBe(
                    'The acceptance decision was not recorded, so the risk was not changed. The decision owner must be an active user.'
                );
                expect(find(element, 'lightning-button.edit-save').disabled).toBe(false);
            });

            it('deletes the decision when the risk is refused, and keeps the panel open with why', async () => {
                updateRecord.mockRejectedValueOnce({ body: { message: NOT_OWN } });
                const element = await createLoaded();
                await acceptInPlace(element);
                expect(deleteRecord).toHaveBeenCalledWith(DECISION);
                expect(find(element, '.edit-error').textContent).toBe(NOT_OWN);
                expect(datatable(element).errors.rows[RISK_1].messages).toEqual([NOT_OWN]);
            });

            it('names the decision left when it can neither delete nor deprecate it', async () => {
                const noAccess = {
                    body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' }]
                };
                updateRecord.mockImplementation(({ fields }) =>
                    Promise.reject(fields.Id === RISK_1 ? { body: { message: NOT_OWN } } : noAccess)
                );
                deleteRecord.mockRejectedValue(noAccess);
                const element = await createLoaded();
                await acceptInPlace(element);
                expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: DECISION, Status__c: 'Deprecated' } });
                expect(find(element, '.edit-error').textContent).toBe(
                    `${NOT_OWN} The acceptance decision "Accept the shared admin until the SSO cut-over" created for this risk could not be deleted or deprecated. Deprecate it in the decision log.`
                );
                // The table's own error for the row stays the risk's refusal.
                expect(datatable(element).errors.rows[RISK_1].messages).toEqual([NOT_OWN]);
            });
        });

        it('is accessible with the edit panel open', async () => {
            const element = await createLoaded();
            datatable(element).dispatchEvent(
                new CustomEvent('rowaction', { detail: { action: { name: 'edit_owner_treatment' }, row: datatable(element).data[0] } })
            );
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });
});
