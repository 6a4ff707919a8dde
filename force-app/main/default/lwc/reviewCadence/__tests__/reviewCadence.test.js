import { createElement } from 'lwc';
import ReviewCadence from 'c/reviewCadence';
import { graphql } from 'lightning/graphql';

const REVIEWS = require('./data/reviews.json');
const TODAY = Date.parse('2026-11-23T12:00:00Z');

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function createCadence(data = REVIEWS) {
    const element = createElement('c-review-cadence', { is: ReviewCadence });
    document.body.appendChild(element);
    graphql.emit(data);
    await flushPromises();
    return element;
}

const rows = (element) =>
    [...element.shadowRoot.querySelectorAll('tr.cadence')].map((row) => [
        row.querySelector('.type').textContent,
        row.querySelector('.held-on').textContent !== '',
        row.querySelector('.state').textContent
    ]);

describe('c-review-cadence', () => {
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
        it('shows each cadence from its latest review: on track, missed, never held', async () => {
            const element = await createCadence();
            expect(rows(element)).toEqual([
                ['Weekly Sync', true, 'On track'],
                ['Monthly Health Review', false, 'Never held'],
                ['Quarterly Architecture Review', true, 'Missed']
            ]);
        });

        it('marks a weekly sync missed once its next one is past due', async () => {
            Date.now.mockReturnValue(Date.parse('2026-11-24T12:00:00Z'));
            const element = await createCadence();
            expect(rows(element)[0][2]).toBe('Missed');
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel and no table', async () => {
            const element = createElement('c-review-cadence', { is: ReviewCadence });
            document.body.appendChild(element);
            graphql.emitErrors([{ message: 'Insufficient access to Governance_Review__c' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([
                { message: 'Insufficient access to Governance_Review__c' }
            ]);
            expect(element.shadowRoot.querySelector('table')).toBeNull();
        });
    });

    it('is accessible', async () => {
        const element = await createCadence();
        await expect(element).toBeAccessible();
    });
});
