import { createElement } from 'lwc';
import DecisionLog from 'c/decisionLog';
import { graphql } from 'lightning/graphql';
import { getNavigateCalledWith } from 'lightning/navigation';

const PAGE_1 = require('./data/decisionLogPage1.json');
const PAGE_2 = require('./data/decisionLogPage2.json');
const EMPTY = require('./data/decisionLogEmpty.json');

async function flushPromises() {
    for (let i = 0; i < 4; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function createLog(props = {}) {
    const element = createElement('c-decision-log', { is: DecisionLog });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const decisions = (element) => [...element.shadowRoot.querySelectorAll('li.decision')];

describe('c-decision-log', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    describe('graphql @wire data', () => {
        it('lists decisions with status badges, lead, owner and the supersede chain both ways', async () => {
            const element = createLog();
            graphql.emit(PAGE_1);
            await flushPromises();

            const items = decisions(element);
            expect(items).toHaveLength(2);
            expect(items[0].querySelector('.decision-link').textContent).toBe('DEC-0002');
            expect(items[0].querySelector('.slds-badge').textContent).toBe('Accepted');
            expect(items[0].querySelector('.slds-badge').className).toContain('slds-theme_success');
            expect(items[0].querySelector('.lead').textContent).toBe('IT');
            expect(items[0].querySelector('.owner').textContent).toBe('Ivy Platform');
            expect(items[0].querySelector('.supersedes a').textContent).toBe('DEC-0001');
            expect(items[1].querySelector('.superseded-by a').textContent).toBe('DEC-0002');
            expect(items[1].querySelector('.slds-badge').className).toContain('slds-theme_warning');
        });

        it('pages with the cursor and appends the next page', async () => {
            const element = createLog();
            graphql.emit(PAGE_1);
            await flushPromises();
            element.shadowRoot.querySelector('.load-more').click();
            await flushPromises();
            expect(graphql.getLastConfig().variables.after).toBe('Mg==');
            graphql.emit(PAGE_2);
            await flushPromises();
            expect(decisions(element)).toHaveLength(3);
            expect(element.shadowRoot.querySelector('.load-more')).toBeNull();
        });

        it('filters by status and, on a record page, by area or supersede chain', async () => {
            const element = createLog();
            graphql.emit(PAGE_1);
            await flushPromises();
            const combobox = element.shadowRoot.querySelector('.status-filter');
            expect(combobox.options.map((option) => option.value)).toEqual([
                '',
                'Proposed',
                'Accepted',
                'Rejected',
                'Deprecated',
                'Superseded'
            ]);
            combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Accepted' } }));
            await flushPromises();
            expect(graphql.getLastConfig().variables.where).toEqual({ and: [{ Status__c: { eq: 'Accepted' } }] });

            const onArea = createLog({ recordId: 'a01000000000001AAA', objectApiName: 'Governance_Area__c' });
            expect(onArea).toBeTruthy();
            await flushPromises();
            expect(graphql.getLastConfig().variables.where).toEqual({ and: [{ Governance_Area__c: { eq: 'a01000000000001AAA' } }] });

            createLog({ recordId: 'a04000000000001AAA', objectApiName: 'Decision__c' });
            await flushPromises();
            expect(graphql.getLastConfig().variables.where.and[0].or).toHaveLength(3);
        });

        it('navigates to a decision, including along the supersede chain', async () => {
            const element = createLog();
            graphql.emit(PAGE_1);
            await flushPromises();
            decisions(element)[1].querySelector('.superseded-by a').click();
            expect(getNavigateCalledWith().pageReference).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: 'a04000000000002AAA', objectApiName: 'Decision__c', actionName: 'view' }
            });
        });

        it('refresh() re-reads from the first page', async () => {
            const refresh = jest.fn().mockResolvedValue(undefined);
            const element = createLog();
            graphql.emit(PAGE_1, undefined, refresh);
            await flushPromises();
            await element.refresh();
            expect(refresh).toHaveBeenCalled();
            expect(graphql.getLastConfig().variables.after).toBeNull();
        });

        it('says so when there is no decision', async () => {
            const element = createLog();
            graphql.emit(EMPTY);
            await flushPromises();
            expect(element.shadowRoot.querySelector('.empty').textContent).toBe('No decisions recorded yet.');
        });
    });

    describe('graphql @wire error', () => {
        it('shows the error panel', async () => {
            const element = createLog();
            graphql.emitErrors([{ message: 'No such column Lead__c' }]);
            await flushPromises();
            const panel = element.shadowRoot.querySelector('c-error-panel');
            expect(panel.errors).toEqual([{ message: 'No such column Lead__c' }]);
            expect(decisions(element)).toHaveLength(0);
        });

        it('re-reads through the wire when the panel asks to try again', async () => {
            const refresh = jest.fn().mockResolvedValue(undefined);
            const element = createLog();
            graphql.emitErrors([{ message: 'Service unavailable' }], undefined, refresh);
            await flushPromises();
            const panel = element.shadowRoot.querySelector('c-error-panel');
            expect(panel.showRetry).toBe(true);
            panel.dispatchEvent(new CustomEvent('retry'));
            await flushPromises();
            expect(refresh).toHaveBeenCalledTimes(1);
            graphql.emit(PAGE_1, undefined, refresh);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
            expect(decisions(element)).toHaveLength(2);
        });
    });

    describe('lifecycle actions', () => {
        it('opens the actions of one decision with the log as its successors, and closes them', async () => {
            const element = createLog();
            graphql.emit(PAGE_1);
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-decision-actions')).toBeNull();
            decisions(element)[0].querySelector('.manage').click();
            await flushPromises();
            const actions = element.shadowRoot.querySelectorAll('c-decision-actions');
            expect(actions).toHaveLength(1);
            expect(actions[0].decision).toMatchObject({ id: 'a04000000000002AAA', status: 'Accepted', supersedesId: 'a04000000000001AAA' });
            expect(actions[0].decisions.map((decision) => decision.id)).toEqual(['a04000000000002AAA', 'a04000000000001AAA']);
            // The superseded DEC-0001 is final: no Manage.
            expect(decisions(element)[1].querySelector('.manage')).toBeNull();
            actions[0].dispatchEvent(new CustomEvent('close'));
            await flushPromises();
            expect(element.shadowRoot.querySelector('c-decision-actions')).toBeNull();
        });

        it('re-reads the log when a decision changed', async () => {
            const refresh = jest.fn().mockResolvedValue(undefined);
            const element = createLog();
            graphql.emit(PAGE_1, undefined, refresh);
            await flushPromises();
            decisions(element)[0].querySelector('.manage').click();
            await flushPromises();
            element.shadowRoot.querySelector('c-decision-actions').dispatchEvent(new CustomEvent('decisionchanged', { detail: {} }));
            await flushPromises();
            expect(refresh).toHaveBeenCalledTimes(1);
            expect(element.shadowRoot.querySelector('c-decision-actions')).toBeNull();
        });
    });

    it('is accessible', async () => {
        const element = createLog();
        graphql.emit(PAGE_1);
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
