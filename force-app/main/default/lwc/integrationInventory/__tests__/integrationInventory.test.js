import { createElement } from 'lwc';
import IntegrationInventory from 'c/integrationInventory';
import { graphql } from 'lightning/graphql';

const PAGE_1 = require('./data/integrationsPage1.json');
const PAGE_2 = require('./data/integrationsPage2.json');
const EMPTY = require('./data/integrationsEmpty.json');

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function createInventory(data = PAGE_1, props = {}) {
    const element = createElement('c-integration-inventory', { is: IntegrationInventory });
    Object.assign(element, props);
    document.body.appendChild(element);
    graphql.emit(data);
    await flushPromises();
    return element;
}

const integrations = (element) =>
    [...element.shadowRoot.querySelectorAll('tr.integration')].map((row) => ({
        name: row.querySelector('.name').textContent,
        owner: row.querySelector('.owner').textContent,
        onCall: row.querySelector('.on-call').textContent,
        runbook: row.querySelector('.runbook')?.getAttribute('href') ?? null,
        flags: [...row.querySelectorAll('.flag')].map((flag) => flag.textContent)
    }));

describe('c-integration-inventory', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    describe('graphql @wire data', () => {
        it('lists integrations with owner, on-call and runbook, and flags the gaps', async () => {
            const element = await createInventory();
            expect(integrations(element)).toEqual([
                {
                    name: 'ERP order sync',
                    owner: 'Ian Integration',
                    onCall: 'Integration on-call rotation',
                    runbook: 'https://wiki.example.com/runbooks/erp',
                    flags: []
                },
                {
                    name: 'Marketing automation sync',
                    owner: 'Fran Former',
                    onCall: '',
                    runbook: null,
                    flags: ['Owner inactive', 'Nobody on call', 'No runbook']
                }
            ]);
        });

        it('pages, and flags an integration without an owner', async () => {
            const element = await createInventory();
            element.shadowRoot.querySelector('.load-more').click();
            await flushPromises();
            expect(graphql.getLastConfig().variables).toEqual({ first: 50, after: 'Mg==' });
            graphql.emit(PAGE_2);
            await flushPromises();
            const rows = integrations(element);
            expect(rows).toHaveLength(3);
            expect(rows[2].flags).toEqual(['No owner', 'Nobody on call', 'No runbook']);
        });

        it('shows only the flagged ones on request', async () => {
            const element = await createInventory();
            const toggle = element.shadowRoot.querySelector('.only-flagged');
            toggle.checked = true;
            toggle.dispatchEvent(new CustomEvent('change'));
            await flushPromises();
            expect(integrations(element).map((row) => row.name)).toEqual(['Marketing automation sync']);
        });

        it('starts with only the flagged ones when the page sets flaggedOnly', async () => {
            const element = await createInventory(PAGE_1, { flaggedOnly: true });
            expect(element.flaggedOnly).toBe(true);
            expect(integrations(element).map((row) => row.name)).toEqual(['Marketing automation sync']);
        });

        it('says so when there is no integration', async () => {
            const element = await createInventory(EMPTY);
            expect(element.shadowRoot.querySelector('.empty').textContent).toBe('No integration recorded yet.');
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel', async () => {
            const element = createElement('c-integration-inventory', { is: IntegrationInventory });
            document.body.appendChild(element);
            graphql.emitErrors([{ message: 'Insufficient access to Integration__c' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([
                { message: 'Insufficient access to Integration__c' }
            ]);
        });
    });

    it('is accessible', async () => {
        const element = await createInventory();
        await expect(element).toBeAccessible();
    });
});
