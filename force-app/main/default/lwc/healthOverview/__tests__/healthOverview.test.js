import { createElement } from 'lwc';
import HealthOverview from 'c/healthOverview';
import { graphql } from 'lightning/graphql';

const PAGE_1 = require('./data/healthPage1.json');
const PAGE_2 = require('./data/healthPage2.json');
const EMPTY = require('./data/healthEmpty.json');

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function createOverview(data = PAGE_1, props = {}) {
    const element = createElement('c-health-overview', { is: HealthOverview });
    Object.assign(element, props);
    document.body.appendChild(element);
    graphql.emit(data);
    await flushPromises();
    return element;
}

const text = (element, selector) => element.shadowRoot.querySelector(selector)?.textContent;
const rows = (element, selector) =>
    [...element.shadowRoot.querySelectorAll(`${selector} tbody tr`)].map((row) => [...row.children].map((cell) => cell.textContent));

describe('c-health-overview', () => {
    beforeEach(() => {
        jest.useFakeTimers({ now: new Date('2026-11-23T12:00:00Z'), doNotFake: ['queueMicrotask', 'nextTick'] });
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
    });

    describe('graphql @wire data', () => {
        it('shows the latest score and grade and the trend, oldest to newest', async () => {
            const element = await createOverview();
            expect(text(element, '.score')).toBe('72');
            expect(text(element, '.grade')).toBe('Good');
            const trend = element.shadowRoot.querySelector('svg.trend');
            expect(trend.getAttribute('aria-label')).toBe('Scores from oldest to newest: 52, 61, 72');
            expect(element.shadowRoot.querySelector('polyline').getAttribute('points')).toBe('0,19 100,16 200,11');
        });

        it('counts open findings by severity and by lead, and those assigned to me', async () => {
            const element = await createOverview();
            expect(rows(element, '.by-severity')).toEqual([
                ['Critical', '1'],
                ['High', '1'],
                ['Medium', '0'],
                ['Low', '1'],
                ['Info', '0']
            ]);
            expect(rows(element, '.by-lead')).toEqual([
                ['IT', '2'],
                ['SalesOps', '1'],
                ['Joint', '0']
            ]);
            expect(text(element, '.assigned-to-me')).toBe('2');
        });

        it('computes MTTR over resolved findings and counts open findings past the target', async () => {
            const element = await createOverview();
            // One resolved finding, resolved in 3 days.
            expect(text(element, '.mttr')).toBe('3 days (target 5)');
            expect(element.shadowRoot.querySelector('.mttr').className).not.toContain('slds-text-color_error');
            expect(text(element, '.past-target')).toBe('3');

            element.shadowRoot.querySelector('.load-more').click();
            await flushPromises();
            expect(graphql.getLastConfig().variables).toEqual({ first: 200, after: 'NA==' });
            graphql.emit(PAGE_2);
            await flushPromises();
            // Resolved in 3 and 9 days: 6 on average (not their sum, 12), past the 5-day target.
            expect(text(element, '.mttr')).toBe('6 days (target 5)');
            expect(element.shadowRoot.querySelector('.mttr').className).toContain('slds-text-color_error');
            expect(text(element, '.past-target')).toBe('3');
            expect(element.shadowRoot.querySelectorAll('tr.finding')).toHaveLength(4);
        });

        it('lists open findings most severe first, and only mine on request', async () => {
            const element = await createOverview();
            const findings = () => [...element.shadowRoot.querySelectorAll('tr.finding')].map((row) => row.children[1].textContent);
            expect(findings()).toEqual(['perm.modify-all-data', 'mfa.logins-without-mfa', 'gov.review-overdue']);
            const toggle = element.shadowRoot.querySelector('.only-mine');
            toggle.checked = true;
            toggle.dispatchEvent(new CustomEvent('change'));
            await flushPromises();
            expect(findings()).toEqual(['perm.modify-all-data', 'gov.review-overdue']);
        });

        it('says how to push a first run when there is none', async () => {
            const element = await createOverview(EMPTY);
            expect(text(element, '.no-run')).toBe('No health check has been pushed yet. Run npm run health -- --target-org ALIAS --push.');
            expect(text(element, '.no-findings')).toBe('No open findings.');
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel', async () => {
            const element = createElement('c-health-overview', { is: HealthOverview });
            document.body.appendChild(element);
            graphql.emitErrors([{ message: 'Insufficient access to Health_Finding__c' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([
                { message: 'Insufficient access to Health_Finding__c' }
            ]);
            expect(element.shadowRoot.querySelector('.score')).toBeNull();
        });
    });

    it('is accessible', async () => {
        jest.useRealTimers();
        const element = await createOverview();
        await expect(element).toBeAccessible();
    });
});
