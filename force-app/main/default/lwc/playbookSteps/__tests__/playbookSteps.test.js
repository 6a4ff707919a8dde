import { createElement } from 'lwc';
import PlaybookSteps from 'c/playbookSteps';
import { graphql } from 'lightning/graphql';

const PLAYBOOK = require('./data/playbook.json');
const TODAY = Date.parse('2026-11-23T12:00:00Z');

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function createPlaybook(data = PLAYBOOK) {
    const element = createElement('c-playbook-steps', { is: PlaybookSteps });
    document.body.appendChild(element);
    graphql.emit(data);
    await flushPromises();
    return element;
}

const states = (element) =>
    Object.fromEntries(
        [...element.shadowRoot.querySelectorAll('li.step')].map((step) => [step.dataset.step, step.querySelector('.state').textContent])
    );

describe('c-playbook-steps', () => {
    beforeEach(() => {
        jest.spyOn(Date, 'now').mockReturnValue(TODAY);
    });
    afterEach(() => {
        jest.restoreAllMocks();
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    describe('graphql @wire data', () => {
        it('derives each 30/60/90 step from the records', async () => {
            const element = await createPlaybook();
            expect(states(element)).toEqual({
                raci: 'Open',
                weekly: 'Done',
                integrations: 'Done',
                findings: 'Open',
                runbooks: 'Done',
                monthly: 'Open',
                profiles: 'Check by hand',
                quarterly: 'Open'
            });
            expect([...element.shadowRoot.querySelectorAll('section.phase')].map((phase) => phase.querySelectorAll('li').length)).toEqual([
                3, 3, 2
            ]);
        });

        it('closes the RACI and findings steps when every area has an active Accountable and no top finding is open', async () => {
            const data = JSON.parse(JSON.stringify(PLAYBOOK));
            data.uiapi.query.Governance_Area__c.edges[1].node.Accountable__r.IsActive.value = true;
            data.uiapi.query.Health_Finding__c.totalCount = 0;
            data.uiapi.query.Incident_Runbook__c.edges.pop();
            const element = await createPlaybook(data);
            expect(states(element)).toMatchObject({ raci: 'Done', findings: 'Done', runbooks: 'Open' });
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel and no steps', async () => {
            const element = createElement('c-playbook-steps', { is: PlaybookSteps });
            document.body.appendChild(element);
            graphql.emitErrors([{ message: 'Insufficient access to Incident_Runbook__c' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([
                { message: 'Insufficient access to Incident_Runbook__c' }
            ]);
            expect(element.shadowRoot.querySelectorAll('li.step')).toHaveLength(0);
        });
    });

    it('is accessible', async () => {
        const element = await createPlaybook();
        await expect(element).toBeAccessible();
    });
});
