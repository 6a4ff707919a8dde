import { createElement } from 'lwc';
import RiskEditPanel from 'c/riskEditPanel';

jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: true }), { virtual: true });

const EDITING = { title: 'Edit Admins without MFA', ownerId: '005000000000001AAA', treatment: 'Accept', decisionId: null };
const DRAFT = { title: 'Accept the shared admin until the SSO cut-over', ownerId: '005000000000002AAA', expiresOn: '2027-03-31' };

async function flushPromises() {
    for (let i = 0; i < 3; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createPanel(editing) {
    const element = createElement('c-risk-edit-panel', { is: RiskEditPanel });
    element.editing = editing;
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-risk-edit-panel, for a holder of the accept permission', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('offers to record the acceptance decision in place, only to accept', async () => {
        const element = createPanel({ ...EDITING, treatment: 'Mitigate' });
        expect($(element, '.new-decision')).toBeNull();
        element.editing = EDITING;
        await flushPromises();
        expect($(element, '.new-decision').label).toBe('Record a new acceptance decision');
        expect($(element, '.new-decision').checked).toBeFalsy();
        expect($(element, 'c-acceptance-decision-picker')).not.toBeNull();
        expect($(element, 'c-acceptance-decision-form')).toBeNull();
    });

    it('shows the decision form instead of the picker once asked, told whose risk it is and given the draft', async () => {
        const element = createPanel({ ...EDITING, newDecision: true, decisionDraft: DRAFT });
        await flushPromises();
        const form = $(element, 'c-acceptance-decision-form');
        expect(form.riskOwnerId).toBe('005000000000001AAA');
        expect(form.value).toEqual(DRAFT);
        expect($(element, 'c-acceptance-decision-picker')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('reports the choice and each change of the draft', async () => {
        const element = createPanel(EDITING);
        const changes = [];
        element.addEventListener('editchange', (event) => changes.push(event.detail));
        $(element, '.new-decision').dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        element.editing = { ...EDITING, newDecision: true };
        await flushPromises();
        $(element, 'c-acceptance-decision-form').dispatchEvent(new CustomEvent('change', { detail: DRAFT }));
        expect(changes).toEqual([{ newDecision: true }, { decisionDraft: DRAFT }]);
    });
});
