import { createElement } from 'lwc';
import RiskHeatMap from 'c/riskHeatMap';
import { graphql } from 'lightning/graphql';
import { publish } from 'lightning/messageService';
import RISK_FILTER_CHANNEL from '@salesforce/messageChannel/Risk_Filter__c';

const PAGE_1 = require('./data/riskHeatMapPage1.json');
const PAGE_2 = require('./data/riskHeatMapPage2.json');
const EMPTY = require('./data/riskHeatMapEmpty.json');

async function flushPromises() {
    return Promise.resolve();
}

function createHeatMap(props = {}) {
    const element = createElement('c-risk-heat-map', { is: RiskHeatMap });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function cellButton(element, likelihood, impact) {
    return element.shadowRoot.querySelector(`button[data-likelihood="${likelihood}"][data-impact="${impact}"]`);
}

function count(element, likelihood, impact) {
    return Number(cellButton(element, likelihood, impact).textContent.trim());
}

async function loadBothPages(element) {
    graphql.emit(PAGE_1);
    await flushPromises();
    graphql.emit(PAGE_2);
    await flushPromises();
    return element;
}

describe('c-risk-heat-map', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    describe('graphql @wire data', () => {
        it('follows the cursor and counts every page per residual cell', async () => {
            const element = createHeatMap();
            graphql.emit(PAGE_1);
            await flushPromises();

            expect(graphql.getLastConfig().variables).toEqual({ first: 2000, after: 'djE6Mw==' });
            expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();

            graphql.emit(PAGE_2);
            await flushPromises();

            expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
            expect(element.shadowRoot.querySelectorAll('tbody button')).toHaveLength(25);
            expect(count(element, 4, 5)).toBe(2);
            expect(count(element, 2, 2)).toBe(1);
            expect(count(element, 1, 1)).toBe(1);
            expect(count(element, 5, 5)).toBe(0);
            // One risk is unscored: the singular text, not "1 risks".
            expect(element.shadowRoot.querySelector('.unscored').textContent).toBe(
                '1 risk has no likelihood or impact yet and is not shown.'
            );
        });

        it('switches to inherent counts', async () => {
            const element = await loadBothPages(createHeatMap());
            element.shadowRoot
                .querySelector('lightning-radio-group')
                .dispatchEvent(new CustomEvent('change', { detail: { value: 'inherent' } }));
            await flushPromises();

            expect(count(element, 5, 5)).toBe(2);
            expect(count(element, 4, 5)).toBe(1);
            expect(count(element, 2, 3)).toBe(1);
            expect(element.shadowRoot.querySelector('.unscored').textContent).toBe('');
        });

        it('starts on the configured basis and colours cells by level and appetite', async () => {
            const element = await loadBothPages(createHeatMap({ defaultBasis: 'inherent', riskAppetite: 12 }));

            expect(element.shadowRoot.querySelector('lightning-radio-group').value).toBe('inherent');
            expect(count(element, 5, 5)).toBe(2);
            const critical = cellButton(element, 5, 5).parentElement;
            expect(critical.className).toContain('console-level_critical');
            expect(critical.className).toContain('heat-cell_above-appetite');
            const high = cellButton(element, 2, 5).parentElement;
            expect(high.className).toContain('console-level_high');
            expect(high.className).not.toContain('heat-cell_above-appetite');
            expect(cellButton(element, 1, 4).parentElement.className).toContain('console-level_low');
            expect(cellButton(element, 1, 5).parentElement.className).toContain('console-level_medium');
        });

        it('labels every cell for screen readers', async () => {
            const element = await loadBothPages(createHeatMap());
            const button = cellButton(element, 4, 5);
            expect(button.getAttribute('aria-label')).toBe(
                'Likelihood 4, impact 5: 2 risks, Critical, above appetite. Filter the risk register to this cell.'
            );
            expect(button.getAttribute('aria-pressed')).toBe('false');
            expect(element.shadowRoot.querySelectorAll('th[scope="row"]')).toHaveLength(5);
            expect(element.shadowRoot.querySelectorAll('th[scope="col"]')).toHaveLength(6);
        });

        it('shows the empty state when there are no open risks', async () => {
            const element = createHeatMap();
            graphql.emit(EMPTY);
            await flushPromises();

            expect(element.shadowRoot.querySelector('.empty-state')).not.toBeNull();
            expect(element.shadowRoot.querySelector('table')).toBeNull();
        });

        it('is accessible when data is returned', async () => {
            const element = await loadBothPages(createHeatMap());
            await expect(element).toBeAccessible();
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel', async () => {
            const element = createHeatMap();
            graphql.emitErrors([{ message: 'No such column Residual_Impact__c' }]);
            await flushPromises();

            expect(element.shadowRoot.querySelector('c-error-panel').errors).toEqual([{ message: 'No such column Residual_Impact__c' }]);
            expect(element.shadowRoot.querySelector('table')).toBeNull();
            expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
        });

        it('is accessible when an error is returned', async () => {
            const element = createHeatMap();
            graphql.emitErrors(['an error']);
            await flushPromises();
            await expect(element).toBeAccessible();
        });
    });

    describe('Risk_Filter messages', () => {
        it('publishes the clicked cell with its basis and marks it pressed', async () => {
            const element = await loadBothPages(createHeatMap());
            cellButton(element, 4, 5).click();
            await flushPromises();

            expect(publish).toHaveBeenCalledTimes(1);
            expect(publish).toHaveBeenCalledWith(undefined, RISK_FILTER_CHANNEL, { likelihood: 4, impact: 5, basis: 'residual' });
            expect(cellButton(element, 4, 5).getAttribute('aria-pressed')).toBe('true');
            expect(element.shadowRoot.querySelector('.selected-text').textContent).toBe('Filtering by likelihood 4, impact 5');
        });

        it('publishes a clear from the clear button', async () => {
            const element = await loadBothPages(createHeatMap());
            cellButton(element, 2, 2).click();
            element.shadowRoot.querySelector('lightning-button.clear-filter').click();
            await flushPromises();

            expect(publish).toHaveBeenLastCalledWith(undefined, RISK_FILTER_CHANNEL, { likelihood: null, impact: null, basis: 'residual' });
            expect(cellButton(element, 2, 2).getAttribute('aria-pressed')).toBe('false');
        });

        it('clears the selection when the basis changes', async () => {
            const element = await loadBothPages(createHeatMap());
            element.shadowRoot
                .querySelector('lightning-radio-group')
                .dispatchEvent(new CustomEvent('change', { detail: { value: 'inherent' } }));
            expect(publish).not.toHaveBeenCalled();

            cellButton(element, 5, 5).click();
            expect(publish).toHaveBeenLastCalledWith(undefined, RISK_FILTER_CHANNEL, { likelihood: 5, impact: 5, basis: 'inherent' });
            element.shadowRoot
                .querySelector('lightning-radio-group')
                .dispatchEvent(new CustomEvent('change', { detail: { value: 'residual' } }));

            expect(publish).toHaveBeenLastCalledWith(undefined, RISK_FILTER_CHANNEL, { likelihood: null, impact: null, basis: 'residual' });
        });
    });
});
