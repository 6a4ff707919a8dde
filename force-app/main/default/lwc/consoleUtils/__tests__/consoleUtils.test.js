import {
    RISK_LEVELS,
    SEVERITIES,
    unwrapEdges,
    pageInfoOf,
    flattenNode,
    riskLevel,
    levelClass,
    severityRank,
    severityBadgeClass,
    formatDate,
    formatLabel,
    PageCollector,
    applyWireResult,
    activeUserFilter,
    picklistOptions,
    userToday
} from 'c/consoleUtils';

describe('c/consoleUtils', () => {
    describe('GraphQL unwrapping', () => {
        const connection = {
            edges: [
                {
                    node: {
                        Id: 'a01',
                        Name: { value: 'MFA' },
                        Review_Overdue__c: { value: false },
                        Last_Reviewed__c: { value: null, displayValue: null },
                        Accountable__r: { Id: '005A', Name: { value: 'Ada' }, IsActive: { value: true } },
                        RACI_Assignments__r: {
                            edges: [{ node: { Id: 'r1', Role__c: { value: 'Responsible' } } }]
                        }
                    }
                }
            ],
            pageInfo: { hasNextPage: true, endCursor: 'c1' },
            totalCount: 7
        };

        it('unwraps edges to nodes and tolerates a missing connection', () => {
            expect(unwrapEdges(connection).map((n) => n.Id)).toEqual(['a01']);
            expect(unwrapEdges(undefined)).toEqual([]);
            expect(unwrapEdges({})).toEqual([]);
        });

        it('reads page info, defaulting to a single final page', () => {
            expect(pageInfoOf(connection)).toEqual({ hasNextPage: true, endCursor: 'c1', totalCount: 7 });
            expect(pageInfoOf(null)).toEqual({ hasNextPage: false, endCursor: null, totalCount: null });
        });

        it('flattens value wrappers, relationships and child connections', () => {
            expect(flattenNode(connection.edges[0].node)).toEqual({
                Id: 'a01',
                Name: 'MFA',
                Review_Overdue__c: false,
                Last_Reviewed__c: null,
                Accountable__r: { Id: '005A', Name: 'Ada', IsActive: true },
                RACI_Assignments__r: [{ Id: 'r1', Role__c: 'Responsible' }]
            });
            expect(flattenNode({ Owner__r: null })).toEqual({ Owner__r: null });
            expect(flattenNode(null)).toBeNull();
        });
    });

    describe('risk levels', () => {
        it.each([
            [25, 'Critical'],
            [15, 'Critical'],
            [14, 'High'],
            [10, 'High'],
            [9, 'Medium'],
            [5, 'Medium'],
            [4, 'Low'],
            [1, 'Low']
        ])('score %i is %s', (score, level) => {
            expect(riskLevel(score)).toBe(level);
        });

        it('has no level for an unknown score', () => {
            expect(riskLevel(null)).toBeNull();
            expect(riskLevel(0)).toBeNull();
            expect(riskLevel(Number.NaN)).toBeNull();
        });

        it('maps every level to its own class', () => {
            const classes = RISK_LEVELS.map(levelClass);
            expect(new Set(classes).size).toBe(4);
            expect(levelClass('Unknown')).toBe('');
        });
    });

    describe('severities', () => {
        it('ranks most severe first and unknown last', () => {
            expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3, 4]);
            expect(severityRank('Bogus')).toBe(5);
        });

        it('gives critical an error badge and unknown a plain badge', () => {
            expect(severityBadgeClass('Critical')).toContain('slds-theme_error');
            expect(severityBadgeClass('Bogus')).toBe('slds-badge');
        });
    });

    describe('formatting', () => {
        it('formats a date-only value without shifting the day', () => {
            expect(formatDate('2025-01-01', 'en-US')).toBe('Jan 1, 2025');
        });

        it("formats a date-time value in the user's Salesforce time zone (America/Los_Angeles in sfdx-lwc-jest)", () => {
            expect(formatDate('2025-03-04T10:00:00.000Z', 'en-US')).toMatch(/^Mar 4, 2025, 2:00\sAM$/);
            // A Pacific evening is already the next day in UTC.
            expect(formatDate('2025-03-05T02:00:00.000Z', 'en-US')).toMatch(/^Mar 4, 2025, 6:00\sPM$/);
        });

        it("gives today in the user's Salesforce time zone, as TODAY() in their formulas is", () => {
            expect(userToday(new Date('2026-11-23T10:00:00Z'))).toBe('2026-11-23');
            // 18:00 in Los Angeles on the 23rd: already the 24th in UTC.
            expect(userToday(new Date('2026-11-24T02:00:00Z'))).toBe('2026-11-23');
            expect(userToday(new Date('2026-11-24T08:00:00Z'))).toBe('2026-11-24');
        });

        it('reads today from the clock', () => {
            jest.useFakeTimers({ now: new Date('2026-07-04T06:59:00Z') });
            try {
                // Summer time: UTC-7.
                expect(userToday()).toBe('2026-07-03');
            } finally {
                jest.useRealTimers();
            }
        });

        it('falls back to UTC where the browser does not know the time zone', () => {
            jest.isolateModules(() => {
                jest.doMock('@salesforce/i18n/timeZone', () => ({ default: 'Not/A_Zone' }), { virtual: true });
                const utils = require('c/consoleUtils');
                expect(utils.userToday(new Date('2026-11-24T02:00:00Z'))).toBe('2026-11-24');
                expect(utils.formatDate('2025-03-05T02:00:00.000Z', 'en-US')).toMatch(/^Mar 5, 2025, 2:00\sAM$/);
            });
        });

        it('returns an empty string for empty or invalid input', () => {
            expect(formatDate(null)).toBe('');
            expect(formatDate('not a date')).toBe('');
        });

        it('fills label placeholders and leaves missing ones visible', () => {
            expect(formatLabel('{0} of {1}', 3, 10)).toBe('3 of 10');
            expect(formatLabel('{0} and {1}', 'x')).toBe('x and {1}');
            expect(formatLabel(undefined)).toBe('');
        });
    });

    describe('PageCollector', () => {
        it('keeps pages in fetch order and replaces a re-emitted page', () => {
            const pages = new PageCollector();
            pages.add(null, [{ Id: 1 }]);
            pages.add('c1', [{ Id: 2 }]);
            pages.add(null, [{ Id: 1, changed: true }]);
            expect(pages.size).toBe(2);
            expect(pages.all).toEqual([{ Id: 1, changed: true }, { Id: 2 }]);
            pages.reset();
            expect(pages.all).toEqual([]);
        });

        it('refreshes only the pages that hold a matching node', async () => {
            const pages = new PageCollector();
            const first = jest.fn().mockResolvedValue();
            const second = jest.fn().mockResolvedValue();
            pages.add(null, [{ Id: 'a' }], first);
            pages.add('c1', [{ Id: 'b' }], second);
            pages.add('c2', [{ Id: 'c' }]);
            await pages.refreshWhere((node) => node.Id === 'b' || node.Id === 'c');
            expect(first).not.toHaveBeenCalled();
            expect(second).toHaveBeenCalledTimes(1);
            pages.reset();
            await pages.refreshWhere(() => true);
            expect(second).toHaveBeenCalledTimes(1);
        });
    });

    describe('applyWireResult', () => {
        const component = () => ({ errors: ['old'], isLoading: true });

        it('hands data on and clears the errors, leaving loading to the component', () => {
            const target = component();
            const onData = jest.fn();
            expect(applyWireResult(target, { data: { uiapi: 1 }, errors: undefined }, onData)).toBe(true);
            expect(onData).toHaveBeenCalledWith({ uiapi: 1 });
            expect(target).toEqual({ errors: undefined, isLoading: true });
        });

        it('shows GraphQL errors and LDS errors and stops loading, without calling onData', () => {
            const onData = jest.fn();
            const graphqlTarget = component();
            expect(applyWireResult(graphqlTarget, { data: undefined, errors: [{ message: 'bad field' }] }, onData)).toBe(false);
            expect(graphqlTarget).toEqual({ errors: [{ message: 'bad field' }], isLoading: false });
            const ldsTarget = component();
            expect(applyWireResult(ldsTarget, { data: undefined, error: { status: 403 } }, onData)).toBe(false);
            expect(ldsTarget).toEqual({ errors: { status: 403 }, isLoading: false });
            expect(onData).not.toHaveBeenCalled();
        });

        it('ignores the empty first emit: still loading, errors untouched', () => {
            const target = component();
            const onData = jest.fn();
            expect(applyWireResult(target, { data: undefined, errors: undefined }, onData)).toBe(false);
            expect(applyWireResult(target, undefined, onData)).toBe(false);
            expect(target).toEqual({ errors: ['old'], isLoading: true });
            expect(onData).not.toHaveBeenCalled();
        });

        it('gives a component without a loading state none, and tells onErrors what failed', () => {
            const target = { errors: undefined };
            const onErrors = jest.fn();
            expect(applyWireResult(target, { errors: [{ message: 'denied' }] }, jest.fn(), { onErrors })).toBe(false);
            expect(target).toEqual({ errors: [{ message: 'denied' }] });
            expect(onErrors).toHaveBeenCalledWith([{ message: 'denied' }]);
        });

        it('with preferData hands a partial result on; errors alone are still shown', () => {
            const partial = { data: { uiapi: 2 }, errors: [{ message: 'no access to a field' }] };
            const onData = jest.fn();
            const onErrors = jest.fn();
            const preferring = component();
            expect(applyWireResult(preferring, partial, onData, { preferData: true, onErrors })).toBe(true);
            expect(onData).toHaveBeenCalledWith({ uiapi: 2 });
            expect(preferring).toEqual({ errors: undefined, isLoading: true });
            const failing = component();
            expect(applyWireResult(failing, { errors: partial.errors }, onData, { preferData: true, onErrors })).toBe(false);
            expect(failing).toEqual({ errors: partial.errors, isLoading: false });
            expect(onErrors).toHaveBeenCalledTimes(1);
            const strict = component();
            expect(applyWireResult(strict, partial, onData)).toBe(false);
            expect(strict.errors).toBe(partial.errors);
            expect(onData).toHaveBeenCalledTimes(1);
        });
    });

    describe('activeUserFilter', () => {
        it('lets a record picker offer active users only', () => {
            expect(activeUserFilter()).toEqual({ criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }] });
        });

        it('gives each picker its own filter object', () => {
            const first = activeUserFilter();
            first.criteria.push({ fieldPath: 'Profile.Name', operator: 'eq', value: 'x' });
            expect(activeUserFilter().criteria).toHaveLength(1);
        });
    });

    describe('picklistOptions', () => {
        const result = {
            data: {
                controllerValues: {},
                defaultValue: null,
                values: [
                    { attributes: null, label: 'Sicherheit', validFor: [], value: 'Security' },
                    { attributes: null, label: 'Daten', validFor: [], value: 'Data' }
                ]
            }
        };

        it('keeps the org order and the translated labels, after an optional all option', () => {
            expect(picklistOptions(result)).toEqual([
                { label: 'Sicherheit', value: 'Security' },
                { label: 'Daten', value: 'Data' }
            ]);
            expect(picklistOptions(result, 'All')).toEqual([
                { label: 'All', value: '' },
                { label: 'Sicherheit', value: 'Security' },
                { label: 'Daten', value: 'Data' }
            ]);
        });

        it('offers only the all option until the values arrive or when the wire fails', () => {
            expect(picklistOptions(undefined, 'All')).toEqual([{ label: 'All', value: '' }]);
            expect(picklistOptions({ error: { status: 404 } })).toEqual([]);
        });
    });
});
