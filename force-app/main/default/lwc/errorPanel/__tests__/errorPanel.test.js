import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

describe('c-error-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    function render(errors) {
        const element = createElement('c-error-panel', { is: ErrorPanel });
        element.errors = errors;
        document.body.appendChild(element);
        return element;
    }

    it('shows the friendly message and reveals each reduced error on request', async () => {
        const element = render([
            { message: 'Field Risk_Owner__c is not accessible' },
            { body: { message: 'INSUFFICIENT_ACCESS' }, statusText: 'Forbidden' }
        ]);
        expect(element.shadowRoot.querySelector('h2').textContent).toBe('Something went wrong while loading this data.');
        expect(element.shadowRoot.querySelector('.error-details')).toBeNull();

        element.shadowRoot.querySelector('lightning-button-stateful').click();
        await Promise.resolve();

        const items = [...element.shadowRoot.querySelectorAll('li')].map((li) => li.textContent);
        expect(items).toEqual(['Field Risk_Owner__c is not accessible', 'INSUFFICIENT_ACCESS']);
    });

    it('offers no details when no error carries a message', () => {
        const element = render(undefined);
        expect(element.shadowRoot.querySelector('lightning-button-stateful')).toBeNull();
    });

    it('offers no retry unless asked to, and fires retry when asked to', async () => {
        const element = render([{ message: 'boom' }]);
        expect(element.shadowRoot.querySelector('.retry')).toBeNull();
        element.showRetry = true;
        await Promise.resolve();
        const handler = jest.fn();
        element.addEventListener('retry', handler);
        element.shadowRoot.querySelector('.retry').click();
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('is accessible', async () => {
        const element = render([{ message: 'boom' }]);
        await expect(element).toBeAccessible();
    });
});
