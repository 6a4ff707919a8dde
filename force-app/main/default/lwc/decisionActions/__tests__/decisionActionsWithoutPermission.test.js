import { createElement } from 'lwc';
import DecisionActions from 'c/decisionActions';

// A user without the accept permission (the console's members and auditors).
jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: false }), { virtual: true });

describe('c-decision-actions without the accept permission', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('hides accept and says who may, while reject and deprecate stay', () => {
        const element = createElement('c-decision-actions', { is: DecisionActions });
        element.decision = { id: 'a03000000000003AAA', name: 'DEC-0003', status: 'Proposed', expiresOnValue: null, outcome: '' };
        element.decisions = [];
        document.body.appendChild(element);
        const statuses = [...element.shadowRoot.querySelectorAll('.status-action')].map((button) => button.dataset.status);
        expect(statuses).toEqual(['Rejected', 'Deprecated']);
        expect(element.shadowRoot.querySelector('.no-accept').textContent).toBe(
            'Only a holder of the Accept Risks and Decisions permission (Ownership Console Admin) may accept a decision.'
        );
        // Nothing to supersede it with: the supersede control is not offered.
        expect(element.shadowRoot.querySelector('.supersede')).toBeNull();
    });
});
