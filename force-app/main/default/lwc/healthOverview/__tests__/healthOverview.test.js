import { createElement } from 'lwc';
import HealthOverview from 'c/healthOverview';
import { graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';

// A SalesOps member's view: no accept permission (the admin's is in healthOverviewAdmin.test.js).
jest.mock('@salesforce/customPermission/Ownership_Console_Accept_Risk', () => ({ __esModule: true, default: false }), { virtual: true });

const COUNTS = require('./data/healthCounts.json');
const isFindings = (config) => config.variables?.first !== undefined;
const isCounts = (config) => config.variables?.breachedBefore !== undefined;

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

        it('says a first run is due, without an npm command, to a member when there is none', async () => {
            const element = await createOverview(EMPTY);
            expect(text(element, '.no-run')).toBe(
                'No health check has been pushed to this org yet. The health check runs from CI and pushes its findings here; ask your Ownership Console admin when the first run is due.'
            );
            expect(text(element, '.no-run')).not.toContain('npm');
            expect(text(element, '.no-findings')).toBe('No open findings.');
        });
    });

    describe('counts over every finding (aggregate query)', () => {
        it('shows the aggregate counts and MTTR instead of the loaded page', async () => {
            const element = await createOverview();
            graphql.emit(COUNTS, isCounts);
            await flushPromises();
            expect(rows(element, '.by-severity')).toEqual([
                ['Critical', '3'],
                ['High', '52'],
                ['Medium', '160'],
                ['Low', '35'],
                ['Info', '0']
            ]);
            expect(rows(element, '.by-lead')).toEqual([
                ['IT', '103'],
                ['SalesOps', '47'],
                ['Joint', '100']
            ]);
            expect(text(element, '.assigned-to-me')).toBe('17');
            expect(text(element, '.past-target')).toBe('120');
            // 6.4 days on average over 80 resolved findings: past the 5-day target.
            expect(element.shadowRoot.querySelector('.mttr').className).toContain('slds-text-color_error');
            // The findings list still pages as before.
            expect(element.shadowRoot.querySelectorAll('tr.finding')).toHaveLength(3);
            expect(element.shadowRoot.querySelector('.counts-partial')).toBeNull();
        });

        it('passes the user and the MTTR cut-off as variables', async () => {
            const configs = [];
            const element = createElement('c-health-overview', { is: HealthOverview });
            element.mttrTargetDays = 7;
            document.body.appendChild(element);
            // The wires receive their config in a microtask: filter on it once it is there.
            await flushPromises();
            graphql.emit(PAGE_1, (config) => {
                configs.push(config);
                return isFindings(config);
            });
            await flushPromises();
            const counts = configs.find(isCounts);
            expect(counts.variables).toEqual({ userId: '005000000000000000', breachedBefore: '2026-11-16T12:00:00.000Z' });
        });

        it('falls back to the loaded findings, and says so, when the aggregate is refused', async () => {
            const element = await createOverview();
            graphql.emitErrors([{ message: 'Age_Days__c is not aggregatable' }], isCounts);
            await flushPromises();
            expect(text(element, '.counts-partial')).toBe(
                'The org-wide counts could not be read: the figures below cover the findings loaded so far.'
            );
            expect(text(element, '.assigned-to-me')).toBe('2');
            expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
        });
    });

    describe('actions on a finding', () => {
        it('opens the risk form with the finding key, title and area', async () => {
            const element = await createOverview();
            const row = [...element.shadowRoot.querySelectorAll('tr.finding')].find(
                (tr) => tr.children[1].textContent === 'gov.review-overdue'
            );
            row.querySelector('.create-risk').click();
            await flushPromises();
            const form = element.shadowRoot.querySelector('c-risk-form');
            expect(form.sourceRef).toBe('gov.review-overdue:Governance_Area__c:REVENUE.STAGES');
            expect(form.defaultName).toBe('Areas, risks or decisions past their review date: REVENUE.STAGES');
            expect(form.governanceAreaId).toBe('a01000000000003AAA');
            form.dispatchEvent(new CustomEvent('riskcreated', { detail: { id: 'a04x' } }));
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-risk-form')).toBeNull();
            row.querySelector('.create-risk').click();
            await flushPromises();
            element.shadowRoot.querySelector('c-risk-form').dispatchEvent(new CustomEvent('cancel'));
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-risk-form')).toBeNull();
        });

        it("marks an overdue area reviewed on the user's today, offered only on its review finding", async () => {
            updateRecord.mockResolvedValue({});
            const element = await createOverview();
            const buttons = element.shadowRoot.querySelectorAll('.mark-reviewed');
            expect(buttons).toHaveLength(1);
            // 18:00 on the 23rd in the user's time zone (America/Los_Angeles): in UTC already the 24th, which
            // Review_By_Accountable_Or_Delegate would refuse as a review in the future.
            jest.setSystemTime(new Date('2026-11-24T02:00:00Z'));
            buttons[0].click();
            await flushPromises();
            expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: 'a01000000000003AAA', Last_Reviewed__c: '2026-11-23' } });
            expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
        });

        it('shows why the platform refused the review', async () => {
            updateRecord.mockRejectedValue({ body: { message: 'Insufficient access' } });
            const element = await createOverview();
            element.shadowRoot.querySelector('.mark-reviewed').click();
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual({ body: { message: 'Insufficient access' } });
        });
    });

    describe('graphql @wire error', () => {
        it('re-reads the findings and the counts when asked to try again', async () => {
            const refreshFindings = jest.fn().mockResolvedValue(undefined);
            const refreshCounts = jest.fn().mockResolvedValue(undefined);
            const element = createElement('c-health-overview', { is: HealthOverview });
            document.body.appendChild(element);
            await flushPromises();
            graphql.emitErrors([{ message: 'Service unavailable' }], isFindings, refreshFindings);
            graphql.emit(COUNTS, isCounts, refreshCounts);
            await flushPromises();
            const panel = element.shadowRoot.querySelector('c-error-panel');
            expect(panel.showRetry).toBe(true);
            panel.dispatchEvent(new CustomEvent('retry'));
            await flushPromises();
            expect(refreshFindings).toHaveBeenCalledTimes(1);
            expect(refreshCounts).toHaveBeenCalledTimes(1);
            graphql.emit(PAGE_1, isFindings, refreshFindings);
            await flushPromises();
            expect(text(element, '.score')).toBe('72');
        });

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
