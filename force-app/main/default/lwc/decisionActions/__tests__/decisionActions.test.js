import { createElement } from 'lwc';
import DecisionActions, { allowedTransitions, supersedeWrites } from 'c/decisionActions';
import { updateRecord } from 'lightning/uiRecordApi';

// The holder's view; decisionActionsWithoutPermission.test.js has the other (the import is read once).
jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: true }), { virtual: true });

const PROPOSED = {
    id: 'a03000000000003AAA',
    name: 'DEC-0003',
    status: 'Proposed',
    expiresOnValue: null,
    outcome: 'Draft',
    supersedesId: null
};
const ACCEPTED = {
    id: 'a03000000000002AAA',
    name: 'DEC-0002',
    status: 'Accepted',
    expiresOnValue: '2027-01-31',
    outcome: 'Use groups',
    supersedesId: null
};
const LOG = [
    { ...PROPOSED, title: 'Time-boxed access' },
    { ...ACCEPTED, title: 'Use groups' },
    { id: 'a03000000000001AAA', name: 'DEC-0001', title: 'Old', status: 'Superseded', supersedesId: null },
    { id: 'a03000000000004AAA', name: 'DEC-0004', title: 'Successor', status: 'Proposed', supersedesId: 'a03000000000001AAA' }
];

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createActions(decision) {
    const element = createElement('c-decision-actions', { is: DecisionActions });
    element.decision = decision;
    element.decisions = LOG;
    document.body.appendChild(element);
    return element;
}

const buttons = (element) => [...element.shadowRoot.querySelectorAll('.status-action')].map((button) => button.dataset.status);

describe('c-decision-actions', () => {
    beforeEach(() => {
        updateRecord.mockResolvedValue({});
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('follows the validation rules: an accepted decision only ends, and accepting needs the permission', () => {
        expect(allowedTransitions('Proposed', true)).toEqual(['Accepted', 'Rejected', 'Deprecated', 'Superseded']);
        expect(allowedTransitions('Proposed', false)).toEqual(['Rejected', 'Deprecated', 'Superseded']);
        expect(allowedTransitions('Accepted', true)).toEqual(['Deprecated', 'Superseded']);
        expect(allowedTransitions('Rejected', true)).toEqual([]);
    });

    it('offers accept, reject and deprecate on a proposed decision to a holder of the permission', () => {
        const element = createActions(PROPOSED);
        expect(buttons(element)).toEqual(['Accepted', 'Rejected', 'Deprecated']);
        expect(element.shadowRoot.querySelector('.no-accept')).toBeNull();
    });

    it("accepts with the user's today as the decision date, then reports the change", async () => {
        // 18:00 on the 23rd in the user's time zone (America/Los_Angeles), already the 24th in UTC.
        jest.useFakeTimers({ now: new Date('2026-11-24T02:00:00Z'), doNotFake: ['queueMicrotask', 'nextTick'] });
        const element = createActions(PROPOSED);
        const changed = jest.fn();
        element.addEventListener('decisionchanged', changed);
        element.shadowRoot.querySelector('.action-accepted').click();
        await flushPromises();
        expect(updateRecord).toHaveBeenCalledWith({
            fields: { Id: PROPOSED.id, Status__c: 'Accepted', Decided_On__c: '2026-11-23' }
        });
        expect(changed).toHaveBeenCalledWith(expect.objectContaining({ detail: { id: PROPOSED.id } }));
        jest.useRealTimers();
    });

    it('deprecates an accepted decision and shows the refusal of the platform when it says no', async () => {
        updateRecord.mockRejectedValue({ body: { message: 'An accepted decision can only become Superseded or Deprecated.' } });
        const element = createActions(ACCEPTED);
        expect(buttons(element)).toEqual(['Deprecated']);
        const changed = jest.fn();
        element.addEventListener('decisionchanged', changed);
        element.shadowRoot.querySelector('.action-deprecated').click();
        await flushPromises();
        expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: ACCEPTED.id, Status__c: 'Deprecated' } });
        expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual({
            body: { message: 'An accepted decision can only become Superseded or Deprecated.' }
        });
        expect(changed).not.toHaveBeenCalled();
    });

    it('supersedes by setting both links and the old status together', async () => {
        expect(supersedeWrites('old', 'new')).toEqual([
            { fields: { Id: 'new', Supersedes__c: 'old' } },
            { fields: { Id: 'old', Status__c: 'Superseded', Superseded_By__c: 'new' } }
        ]);
        const element = createActions(ACCEPTED);
        const successor = element.shadowRoot.querySelector('.successor');
        // Only live decisions other than this one may supersede it.
        expect(successor.options.map((option) => option.value)).toEqual([PROPOSED.id]);
        element.shadowRoot.querySelector('.supersede').click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('.message').textContent).toBe('Pick the decision that supersedes this one.');
        expect(updateRecord).not.toHaveBeenCalled();

        successor.dispatchEvent(new CustomEvent('change', { detail: { value: PROPOSED.id } }));
        element.shadowRoot.querySelector('.supersede').click();
        await flushPromises();
        expect(updateRecord.mock.calls.map(([input]) => input)).toEqual(supersedeWrites(ACCEPTED.id, PROPOSED.id));
    });

    it('undoes the successor link when the old decision refuses to be superseded', async () => {
        updateRecord.mockResolvedValueOnce({}).mockRejectedValueOnce({ body: { message: 'Name the decision that supersedes this one.' } });
        const element = createActions(ACCEPTED);
        element.shadowRoot.querySelector('.successor').dispatchEvent(new CustomEvent('change', { detail: { value: PROPOSED.id } }));
        element.shadowRoot.querySelector('.supersede').click();
        await flushPromises();
        await flushPromises();
        expect(updateRecord).toHaveBeenCalledTimes(3);
        expect(updateRecord.mock.calls[2][0]).toEqual({ fields: { Id: PROPOSED.id, Supersedes__c: null } });
        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    });

    it('edits the expiry and, while proposed, the outcome', async () => {
        const element = createActions(PROPOSED);
        element.shadowRoot.querySelector('.expires-on').dispatchEvent(new CustomEvent('change', { detail: { value: '2027-06-30' } }));
        element.shadowRoot.querySelector('.outcome').dispatchEvent(new CustomEvent('change', { detail: { value: 'Agreed' } }));
        element.shadowRoot.querySelector('.save-details').click();
        await flushPromises();
        expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: PROPOSED.id, Expires_On__c: '2027-06-30', Outcome__c: 'Agreed' } });
    });

    it("keeps an accepted decision's outcome locked: only its expiry is saved", async () => {
        const element = createActions(ACCEPTED);
        expect(element.shadowRoot.querySelector('.outcome')).toBeNull();
        expect(element.shadowRoot.querySelector('.outcome-locked')).not.toBeNull();
        expect(element.shadowRoot.querySelector('.expires-on').value).toBe('2027-01-31');
        element.shadowRoot.querySelector('.expires-on').dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
        element.shadowRoot.querySelector('.save-details').click();
        await flushPromises();
        expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: ACCEPTED.id, Expires_On__c: null } });
    });

    it('closes on request', () => {
        const element = createActions(PROPOSED);
        const close = jest.fn();
        element.addEventListener('close', close);
        element.shadowRoot.querySelector('.close').click();
        expect(close).toHaveBeenCalled();
    });

    it('is accessible', async () => {
        const element = createActions(PROPOSED);
        await expect(element).toBeAccessible();
    });
});
