import { createElement } from 'lwc';
import OwnershipConsole from 'c/ownershipConsole';

describe('c-ownership-console', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    function createConsole() {
        const element = createElement('c-ownership-console', { is: OwnershipConsole });
        document.body.appendChild(element);
        return element;
    }

    it('puts every part of the console on a tab', () => {
        const element = createConsole();
        const tabs = [...element.shadowRoot.querySelectorAll('lightning-tab')];
        expect(tabs.map((tab) => tab.label)).toEqual(['RACI', 'Risks', 'Decisions', 'Health', 'Integrations', 'Operating model']);
        const children = [
            'c-raci-matrix',
            'c-risk-heat-map',
            'c-risk-register',
            'c-decision-log',
            'c-decision-wizard',
            'c-health-overview',
            'c-operating-scorecard',
            'c-integration-inventory',
            'c-operating-model'
        ];
        for (const child of children) {
            expect(element.shadowRoot.querySelector(child)).not.toBeNull();
        }
    });

    it('refreshes the decision log when the wizard records a decision', async () => {
        const element = createConsole();
        const log = element.shadowRoot.querySelector('c-decision-log');
        const refresh = jest.spyOn(log, 'refresh').mockResolvedValue(undefined);
        element.shadowRoot
            .querySelector('c-decision-wizard')
            .dispatchEvent(new CustomEvent('decisioncreated', { detail: { id: 'a04000000000009AAA' } }));
        await Promise.resolve();
        expect(refresh).toHaveBeenCalled();
    });

    it('opens the new-risk form on the Risks tab and remounts the heat map and register after a create', async () => {
        const element = createConsole();
        expect(element.shadowRoot.querySelector('c-risk-form')).toBeNull();
        const register = element.shadowRoot.querySelector('c-risk-register');
        element.shadowRoot.querySelector('.new-risk').click();
        await Promise.resolve();
        const form = element.shadowRoot.querySelector('c-risk-form');
        expect(form).not.toBeNull();
        form.dispatchEvent(new CustomEvent('riskcreated', { detail: { id: 'a04000000000901AAA' } }));
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('c-risk-form')).toBeNull();
        const remounted = element.shadowRoot.querySelector('c-risk-register');
        expect(remounted).not.toBeNull();
        expect(remounted).not.toBe(register);
        element.shadowRoot.querySelector('.new-risk').click();
        await Promise.resolve();
        element.shadowRoot.querySelector('c-risk-form').dispatchEvent(new CustomEvent('cancel'));
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('c-risk-form')).toBeNull();
        expect(element.shadowRoot.querySelector('c-risk-register')).toBe(remounted);
    });

    it('is accessible', async () => {
        const element = createConsole();
        await expect(element).toBeAccessible();
    });
});

describe('c-ownership-console on a phone', () => {
    let listeners;
    beforeEach(() => {
        listeners = [];
        window.matchMedia = jest.fn(() => ({
            matches: true,
            addEventListener: (type, listener) => listeners.push(listener),
            removeEventListener: jest.fn()
        }));
    });
    afterEach(() => {
        delete window.matchMedia;
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows one section at a time, picked from a list instead of an overflowing tab bar', async () => {
        const element = createElement('c-ownership-console', { is: OwnershipConsole });
        document.body.appendChild(element);
        expect(element.shadowRoot.querySelector('lightning-tabset')).toBeNull();
        const picker = element.shadowRoot.querySelector('.section-picker');
        expect(picker.options.map((option) => option.value)).toEqual([
            'raci',
            'risks',
            'decisions',
            'health',
            'integrations',
            'operating-model'
        ]);
        expect(element.shadowRoot.querySelector('c-raci-matrix')).not.toBeNull();
        picker.dispatchEvent(new CustomEvent('change', { detail: { value: 'operating-model' } }));
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('c-operating-model')).not.toBeNull();
        picker.dispatchEvent(new CustomEvent('change', { detail: { value: 'health' } }));
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('c-raci-matrix')).toBeNull();
        expect(element.shadowRoot.querySelector('c-health-overview')).not.toBeNull();
        expect(element.shadowRoot.querySelector('c-operating-scorecard')).not.toBeNull();

        // Widening the window brings the tabs back.
        listeners.forEach((listener) => listener({ matches: false }));
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('lightning-tabset')).not.toBeNull();
    });
});
