import { createElement } from 'lwc';
import AcceptanceDecisionForm, { decisionFields, isCompleteDraft } from 'c/acceptanceDecisionForm';

const ADA = '005000000000001AAA';
const GRACE = '005000000000002AAA';
const DRAFT = { title: 'Accept the waiver', ownerId: GRACE, expiresOn: '2027-05-31' };

function createDecisionForm(props = {}) {
    const element = createElement('c-acceptance-decision-form', { is: AcceptanceDecisionForm });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-acceptance-decision-form', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
    });

    it('shows the draft it is given and offers as owner only active users other than the risk owner', () => {
        const element = createDecisionForm({ riskOwnerId: ADA, value: DRAFT });
        expect($(element, '.decision-title').value).toBe('Accept the waiver');
        expect($(element, '.decision-expires').value).toBe('2027-05-31');
        const owner = $(element, '.decision-owner');
        expect(owner.value).toBe(GRACE);
        expect(owner.required).toBe(true);
        expect(owner.filter).toEqual({
            criteria: [
                { fieldPath: 'IsActive', operator: 'eq', value: true },
                { fieldPath: 'Id', operator: 'ne', value: ADA }
            ]
        });
    });

    it('offers every active user while the risk has no owner yet', () => {
        const element = createDecisionForm();
        expect($(element, '.decision-owner').filter).toEqual({ criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }] });
    });

    it('offers no expiry before today', () => {
        jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z'), doNotFake: ['queueMicrotask', 'nextTick'] });
        const element = createDecisionForm();
        expect($(element, '.decision-expires').min).toBe('2026-11-23');
    });

    it('reports each change as the whole draft, and lets no inner change event out', () => {
        const element = createDecisionForm({ riskOwnerId: ADA, value: DRAFT });
        const handler = jest.fn();
        element.addEventListener('change', handler);
        $(element, '.decision-title').dispatchEvent(new CustomEvent('change', { detail: { value: 'Accept until June' } }));
        $(element, '.decision-owner').dispatchEvent(new CustomEvent('change', { detail: { recordId: null } }));
        $(element, '.decision-expires').dispatchEvent(new CustomEvent('change', { detail: { value: '2027-06-30' } }));
        expect(handler.mock.calls.map(([event]) => event.detail)).toEqual([
            { ...DRAFT, title: 'Accept until June' },
            { ...DRAFT, ownerId: undefined },
            { ...DRAFT, expiresOn: '2027-06-30' }
        ]);
    });

    it('knows a complete draft', () => {
        expect(isCompleteDraft(DRAFT)).toBe(true);
        expect(isCompleteDraft({ ...DRAFT, title: ' ' })).toBe(false);
        expect(isCompleteDraft({ ...DRAFT, ownerId: undefined })).toBe(false);
        expect(isCompleteDraft({ ...DRAFT, expiresOn: null })).toBe(false);
        expect(isCompleteDraft(undefined)).toBe(false);
    });

    it('writes an Accepted decision decided today, in the area only when there is one', () => {
        expect(decisionFields({ ...DRAFT, title: ' Accept the waiver ' }, 'a01000000000001AAA', '2026-11-23')).toEqual({
            Title__c: 'Accept the waiver',
            Status__c: 'Accepted',
            Decision_Owner__c: GRACE,
            Decided_On__c: '2026-11-23',
            Expires_On__c: '2027-05-31',
            Governance_Area__c: 'a01000000000001AAA'
        });
        expect(decisionFields(DRAFT, '', '2026-11-23')).not.toHaveProperty('Governance_Area__c');
    });

    it('is accessible', async () => {
        const element = createDecisionForm({ riskOwnerId: ADA, value: DRAFT });
        await expect(element).toBeAccessible();
    });
});
