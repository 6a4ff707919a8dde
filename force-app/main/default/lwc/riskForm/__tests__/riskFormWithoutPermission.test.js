import { createElement } from 'lwc';
import RiskForm from 'c/riskForm';

jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: false }), { virtual: true });

describe('c-risk-form without the accept permission', () => {
    it('does not offer Treatment Accept', () => {
        const element = createElement('c-risk-form', { is: RiskForm });
        document.body.appendChild(element);
        expect(element.shadowRoot.querySelector('.treatment').options.map((option) => option.value)).toEqual([
            'Mitigate',
            'Transfer',
            'Avoid'
        ]);
        document.body.removeChild(element);
    });
});
