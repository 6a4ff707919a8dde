import { createElement } from 'lwc';
import OperatingScorecard, { scorecardRows, sparkline, formatMetricValue } from 'c/operatingScorecard';
import { graphql } from 'lightning/graphql';

// The templates with placeholders, as the labels file defines them, so values show as a user sees them.
jest.mock('@salesforce/label/{0} h', () => ({ default: '{0} h' }), { virtual: true });
jest.mock('@salesforce/label/{0} d', () => ({ default: '{0} d' }), { virtual: true });
jest.mock('@salesforce/label/{0} per week', () => ({ default: '{0} per week' }), { virtual: true });
jest.mock('@salesforce/label/{0} %', () => ({ default: '{0} %' }), { virtual: true });
jest.mock('@salesforce/label/at most {0}', () => ({ default: 'at most {0}' }), { virtual: true });
jest.mock('@salesforce/label/at least {0}', () => ({ default: 'at least {0}' }), { virtual: true });
jest.mock(
    '@salesforce/label/{0} of {1} targets met in the latest run ({2})',
    () => ({ default: '{0} of {1} targets met in the latest run ({2})' }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/label/{0} over {1} runs, oldest first: {2}', () => ({ default: '{0} over {1} runs, oldest first: {2}' }), {
    virtual: true
});
jest.mock('@salesforce/label/Improving', () => ({ default: 'Improving' }), { virtual: true });
jest.mock('@salesforce/label/Worsening', () => ({ default: 'Worsening' }), { virtual: true });

const RUNS = require('./data/scorecardRuns.json');
const NO_METRICS = require('./data/scorecardNoMetrics.json');

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function createScorecard(data = RUNS, props = {}) {
    const element = createElement('c-operating-scorecard', { is: OperatingScorecard });
    Object.assign(element, props);
    document.body.appendChild(element);
    graphql.emit(data);
    await flushPromises();
    return element;
}

/** The same response with only the newest `count` runs. */
function newest(count) {
    const copy = JSON.parse(JSON.stringify(RUNS));
    copy.uiapi.query.Health_Check_Run__c.edges = copy.uiapi.query.Health_Check_Run__c.edges.slice(0, count);
    return copy;
}

const row = (element, id) => element.shadowRoot.querySelector(`tr.metric[data-id="${id}"]`);
const text = (element, id, selector) => row(element, id).querySelector(selector).textContent;

describe('c-operating-scorecard', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    describe('graphql @wire data', () => {
        it('asks for the last runCount runs, newest first, with their metrics', async () => {
            await createScorecard(RUNS, { runCount: 3 });
            expect(graphql.getLastConfig().variables).toEqual({ runs: 3 });
        });

        it('shows each metric of the newest run against its target, in the scorecard order', async () => {
            const element = await createScorecard();
            const ids = [...element.shadowRoot.querySelectorAll('tr.metric')].map((tr) => tr.dataset.id);
            expect(ids).toEqual([
                'mttd-hours',
                'mttr-days',
                'deploy-frequency-per-week',
                'change-failure-rate',
                'lead-time-days',
                'security-review-days',
                'forecast-accuracy'
            ]);
            expect(text(element, 'mttd-hours', '.label')).toBe('MTTD (security regressions)');
            expect(text(element, 'mttd-hours', '.value')).toBe('120 h');
            expect(text(element, 'mttd-hours', '.target')).toBe('at most 24 h');
            expect(text(element, 'mttr-days', '.value')).toBe('4.1 d');
            expect(text(element, 'deploy-frequency-per-week', '.value')).toBe('1.6 per week');
            expect(text(element, 'forecast-accuracy', '.value')).toBe('83 %');
            expect(text(element, 'forecast-accuracy', '.target')).toBe('at least 85 %');
            expect(text(element, 'security-review-days', '.value')).toBe('–');
            expect(text(element, 'mttd-hours', '.status')).toBe('Missed');
            expect(text(element, 'mttr-days', '.status')).toBe('Met');
            expect(text(element, 'security-review-days', '.status')).toBe('No data');
            expect(row(element, 'mttr-days').querySelector('.status').className).toContain('slds-theme_success');
            expect(row(element, 'mttd-hours').querySelector('.status').className).toContain('slds-theme_error');
            expect(text(element, 'mttd-hours', '.computed-from')).toMatch(/Setup Audit Trail/);
            // MTTR and deploy frequency are met in the newest run.
            expect(element.shadowRoot.querySelector('.summary').textContent).toMatch(/^2 of 7 targets met in the latest run \(.+\)$/);
        });

        it('draws the trend oldest first, judged by whether higher is better, with the arrow and bars hidden from screen readers', async () => {
            const element = await createScorecard();
            // MTTD fell from 140 to 120 hours: lower is better.
            expect(text(element, 'mttd-hours', '.sparkline')).toBe('█▅▁');
            expect(text(element, 'mttd-hours', '.arrow')).toBe('↘');
            expect(row(element, 'mttd-hours').querySelector('.arrow').className).toContain('slds-text-color_success');
            // The change-failure rate rose: worse.
            expect(text(element, 'change-failure-rate', '.arrow')).toBe('↗');
            expect(row(element, 'change-failure-rate').querySelector('.arrow').className).toContain('slds-text-color_error');
            expect(text(element, 'lead-time-days', '.arrow')).toBe('→');
            // No data in any run: no bars, but the text still says so.
            expect(text(element, 'security-review-days', '.sparkline')).toBe('');
            for (const hidden of row(element, 'mttd-hours').querySelectorAll('.arrow, .sparkline')) {
                expect(hidden.getAttribute('aria-hidden')).toBe('true');
            }
            const trend = row(element, 'mttd-hours').querySelector('.trend-text');
            expect(trend.className).toContain('slds-assistive-text');
            expect(trend.textContent).toBe('Improving over 3 runs, oldest first: 140 h, 130 h, 120 h');
            expect(row(element, 'security-review-days').querySelector('.trend-text').textContent).toBe(
                'No data over 3 runs, oldest first: –, –, –'
            );
        });

        it('gives no direction while only one run has metrics', async () => {
            const element = await createScorecard(newest(1));
            expect(text(element, 'mttd-hours', '.arrow')).toBe('');
            expect(text(element, 'mttd-hours', '.trend-text')).toBe('No direction yet over 1 runs, oldest first: 120 h');
            expect(text(element, 'mttd-hours', '.sparkline')).toBe('▄');
        });

        it('shows how to start the scorecard when no run carries metrics', async () => {
            const element = await createScorecard(NO_METRICS);
            expect(element.shadowRoot.querySelector('.empty').textContent).toBe(
                'No metrics yet: the scorecard starts with the first health check pushed to this org.'
            );
            expect(element.shadowRoot.querySelector('table')).toBeNull();
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel and no table', async () => {
            const element = createElement('c-operating-scorecard', { is: OperatingScorecard });
            document.body.appendChild(element);
            graphql.emitErrors([{ message: 'Insufficient access to Health_Metric__c' }]);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([
                { message: 'Insufficient access to Health_Metric__c' }
            ]);
            expect(element.shadowRoot.querySelector('table')).toBeNull();
            expect(element.shadowRoot.querySelector('.empty')).toBeNull();
        });
    });

    it('is accessible', async () => {
        const element = await createScorecard();
        await expect(element).toBeAccessible();
    });
});

describe('scorecard model', () => {
    const run = (id, metrics) => ({ Id: id, Health_Metrics__r: metrics });
    const metric = (value) => ({ Metric_Id__c: 'forecast-accuracy', Value__c: value, Unit__c: 'ratio', Status__c: 'met' });

    it('takes the newest record of each metric and its values oldest first, a run without it as a gap', () => {
        const rows = scorecardRows([run('r3', [metric(0.9)]), run('r2', []), run('r1', [metric(0.8)])]);
        expect(rows).toHaveLength(1);
        expect(rows[0].latest.Value__c).toBe(0.9);
        expect(rows[0].values).toEqual([0.8, null, 0.9]);
        expect(rows[0].direction).toBe('improving');
        expect(sparkline(rows[0].values)).toBe('▁·█');
    });

    it('compares the last two runs that have a value', () => {
        const rows = scorecardRows([run('r3', [metric(null)]), run('r2', [metric(0.7)]), run('r1', [metric(0.8)])]);
        expect(rows[0].direction).toBe('worsening');
    });

    it('formats values in their units', () => {
        expect(formatMetricValue(null, 'hours')).toBe('–');
        expect(formatMetricValue(0.834, 'ratio')).toBe('83 %');
        expect(formatMetricValue(119.6, 'hours')).toBe('120 h');
        expect(formatMetricValue(1.56, 'per-week')).toBe('1.6 per week');
    });
});
