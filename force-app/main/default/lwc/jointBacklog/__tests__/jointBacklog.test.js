import { createElement } from 'lwc';
import JointBacklog from 'c/jointBacklog';
import { graphql } from 'lightning/graphql';

const BACKLOG = require('./data/backlog.json');
const EMPTY = require('./data/backlogEmpty.json');
const TODAY = Date.parse('2026-11-23T12:00:00Z');

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function createBacklog(data = BACKLOG) {
    const element = createElement('c-joint-backlog', { is: JointBacklog });
    document.body.appendChild(element);
    graphql.emit(data);
    await flushPromises();
    return element;
}

const rows = (element) =>
    [...element.shadowRoot.querySelectorAll('tr.request')].map((row) => ({
        request: row.querySelector('.request-text').textContent,
        lead: row.querySelector('.lead').textContent,
        owner: row.querySelector('.owner').textContent,
        openDays: row.querySelector('.open-days').textContent,
        flags: [...row.querySelectorAll('.flag')].map((flag) => flag.textContent)
    }));

describe('c-joint-backlog', () => {
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
        it('lists the open requests with lead and owner, and flags what keeps them from moving', async () => {
            const element = await createBacklog();
            expect(rows(element)).toEqual([
                {
                    request: 'Territory picklist on Account',
                    lead: 'SalesOps',
                    owner: 'Sofia SalesOps',
                    openDays: '83',
                    flags: ['Open six weeks']
                },
                {
                    request: 'Let Marketing Sync read Lead email',
                    lead: 'IT',
                    owner: 'Ian Integration',
                    openDays: '18',
                    flags: ['Security review over 7 days']
                },
                { request: 'Discount approval field', lead: 'Joint', owner: 'Sofia SalesOps', openDays: '11', flags: [] },
                {
                    request: 'Grant API access to the BI tool',
                    lead: 'IT',
                    owner: '',
                    openDays: '3',
                    flags: ['Access change without security review']
                }
            ]);
        });

        it('says so when the backlog is empty', async () => {
            const element = await createBacklog(EMPTY);
            expect(element.shadowRoot.querySelector('.empty').textContent).toBe('No open change requests.');
            expect(element.shadowRoot.querySelector('table')).toBeNull();
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel', async () => {
            const element = createElement('c-joint-backlog', { is: JointBacklog });
            document.body.appendChild(element);
            graphql.emitErrors([{ message: 'Insufficient access to Change_Request__c' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([
                { message: 'Insufficient access to Change_Request__c' }
            ]);
            expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
        });
    });

    it('is accessible', async () => {
        const element = await createBacklog();
        await expect(element).toBeAccessible();
    });
});
