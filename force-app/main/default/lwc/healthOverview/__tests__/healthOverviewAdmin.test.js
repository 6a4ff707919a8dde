import { createElement } from 'lwc';
import HealthOverview from 'c/healthOverview';
import { graphql } from 'lightning/graphql';

// The admin (holder of the console's admin permission): told how to push the first run.
jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: true }), { virtual: true });

const EMPTY = require('./data/healthEmpty.json');

describe('c-health-overview for an admin', () => {
    it('names the push command when there is no run', async () => {
        const element = createElement('c-health-overview', { is: HealthOverview });
        document.body.appendChild(element);
        graphql.emit(EMPTY);
        await Promise.resolve();
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('.no-run').textContent).toBe(
            'No health check has been pushed yet. Run npm run health -- --target-org ALIAS --push.'
        );
        document.body.removeChild(element);
    });
});
