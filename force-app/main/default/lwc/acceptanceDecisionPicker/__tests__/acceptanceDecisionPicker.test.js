import { createElement } from 'lwc';
import AcceptanceDecisionPicker, { eligibleDecisions } from 'c/acceptanceDecisionPicker';
import { graphql } from 'lightning/graphql';

const DECISIONS = require('./data/acceptedDecisions.json');
const ADA = '005000000000001AAA';

async function flushPromises() {
    for (let i = 0; i < 3; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function createPicker(props = {}) {
    const element = createElement('c-acceptance-decision-picker', { is: AcceptanceDecisionPicker });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-acceptance-decision-picker', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('offers only accepted, unexpired decisions owned by someone other than the risk owner', async () => {
        const element = await createPicker({ riskOwnerId: ADA });
        graphql.emit(DECISIONS);
        await flushPromises();
        const combobox = element.shadowRoot.querySelector('lightning-combobox.decision');
        expect(combobox.options.map((option) => option.value)).toEqual(['a04000000000011AAA']);
        expect(combobox.required).toBe(true);

        const handler = jest.fn();
        element.addEventListener('change', handler);
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'a04000000000011AAA' } }));
        expect(handler.mock.calls[0][0].detail).toEqual({ decisionId: 'a04000000000011AAA' });
    });

    it('says what to do when no decision qualifies', async () => {
        const element = await createPicker({ riskOwnerId: '005000000000002AAA' });
        graphql.emit(DECISIONS);
        await flushPromises();
        // Grace owns the only unexpired candidate not owned by Ada; for Grace's risk only Ada's qualifies.
        expect(element.shadowRoot.querySelector('lightning-combobox.decision').options.map((option) => option.value)).toEqual([
            'a04000000000012AAA'
        ]);
        graphql.emit({ uiapi: { query: { Decision__c: { edges: [] } } } });
        await flushPromises();
        expect(element.shadowRoot.querySelector('.no-decision').textContent).toBe(
            'No accepted decision is owned by someone other than the risk owner. Record one in the decision log first.'
        );
    });

    it('keeps the decisions it shows when a result carries no decision connection', async () => {
        const element = await createPicker({ riskOwnerId: ADA });
        graphql.emit(DECISIONS);
        await flushPromises();
        graphql.emit({ uiapi: { query: {} } });
        await flushPromises();
        expect(element.shadowRoot.querySelector('lightning-combobox.decision').options.map((option) => option.value)).toEqual([
            'a04000000000011AAA'
        ]);
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it('keeps decisions that expire today and drops those that expired yesterday', () => {
        const decision = { Status__c: 'Accepted', Decision_Owner__c: 'x' };
        expect(eligibleDecisions([{ ...decision, Expires_On__c: '2026-11-23' }], ADA, '2026-11-23')).toHaveLength(1);
        expect(eligibleDecisions([{ ...decision, Expires_On__c: '2026-11-22' }], ADA, '2026-11-23')).toHaveLength(0);
        expect(eligibleDecisions([{ ...decision, Status__c: 'Proposed' }], ADA, '2026-11-23')).toHaveLength(0);
    });

    it('shows the error panel when the decisions cannot be read', async () => {
        const element = await createPicker({ riskOwnerId: ADA });
        graphql.emitErrors([{ message: 'No access to Decision__c' }]);
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([{ message: 'No access to Decision__c' }]);
    });

    it('re-reads the decisions when the error panel asks to try again', async () => {
        const refresh = jest.fn().mockResolvedValue(undefined);
        const element = await createPicker({ riskOwnerId: ADA });
        graphql.emitErrors([{ message: 'Service unavailable' }], undefined, refresh);
        await flushPromises();
        element.shadowRoot.querySelector('c-error-panel').dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(refresh).toHaveBeenCalledTimes(1);
        graphql.emit(DECISIONS, undefined, refresh);
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it('is accessible', async () => {
        const element = await createPicker({ riskOwnerId: ADA });
        graphql.emit(DECISIONS);
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
