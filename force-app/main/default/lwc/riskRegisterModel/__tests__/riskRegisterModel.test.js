import {
    NUMBER_FIELDS,
    buildWhere,
    buildOrderBy,
    pageSizeOf,
    cellFilterFrom,
    riskFlags,
    toRow,
    toFields,
    saveOutcome
} from 'c/riskRegisterModel';

const OPEN_ONLY = { Status__c: { ne: 'Closed' } };
const FLAG_LABELS = { 'above-appetite': 'Above appetite', overdue: 'Review overdue' };

describe('c/riskRegisterModel', () => {
    describe('buildWhere', () => {
        it('shows open risks only by default, and every risk with showClosed', () => {
            expect(buildWhere()).toEqual({ and: [OPEN_ONLY] });
            expect(buildWhere({ showClosed: true })).toEqual({ and: [] });
        });

        it('adds one condition per filter set, in a stable order', () => {
            expect(
                buildWhere({ searchTerm: 'MFA', category: 'Security', aboveAppetiteOnly: true, overdueOnly: true, cellFilter: undefined })
            ).toEqual({
                and: [
                    OPEN_ONLY,
                    { Name: { like: '%MFA%' } },
                    { Category__c: { eq: 'Security' } },
                    { Above_Appetite__c: { eq: true } },
                    { Review_Overdue__c: { eq: true } }
                ]
            });
            expect(buildWhere({ overdueOnly: true })).toEqual({ and: [OPEN_ONLY, { Review_Overdue__c: { eq: true } }] });
            expect(buildWhere({ aboveAppetiteOnly: true })).toEqual({ and: [OPEN_ONLY, { Above_Appetite__c: { eq: true } }] });
        });

        it('filters a heat-map cell on the fields of its basis', () => {
            expect(buildWhere({ cellFilter: { likelihood: 4, impact: 5, basis: 'residual' } }).and.slice(1)).toEqual([
                { Residual_Likelihood__c: { eq: 4 } },
                { Residual_Impact__c: { eq: 5 } }
            ]);
            expect(buildWhere({ cellFilter: { likelihood: 2, impact: 3, basis: 'inherent' } }).and.slice(1)).toEqual([
                { Inherent_Likelihood__c: { eq: 2 } },
                { Inherent_Impact__c: { eq: 3 } }
            ]);
        });
    });

    describe('buildOrderBy', () => {
        it('sorts a field column by the field, the link and owner columns by what they show', () => {
            expect(buildOrderBy('Category__c', 'asc')).toEqual({ Category__c: { order: 'ASC' } });
            expect(buildOrderBy('Residual_Level__c', 'desc')).toEqual({ Residual_Level__c: { order: 'DESC' } });
            expect(buildOrderBy('recordUrl', 'desc')).toEqual({ Name: { order: 'DESC' } });
            expect(buildOrderBy('ownerName', 'asc')).toEqual({ Risk_Owner__r: { Name: { order: 'ASC' } } });
            // Anything but "desc" is ascending, as lightning-datatable starts.
            expect(buildOrderBy('ownerName', undefined)).toEqual({ Risk_Owner__r: { Name: { order: 'ASC' } } });
        });
    });

    describe('pageSizeOf', () => {
        it('uses a positive page size and 50 otherwise', () => {
            expect(pageSizeOf(200)).toBe(200);
            expect(pageSizeOf('25')).toBe(25);
            expect(pageSizeOf(1)).toBe(1);
            expect(pageSizeOf(0)).toBe(50);
            expect(pageSizeOf(-1)).toBe(50);
            expect(pageSizeOf('x')).toBe(50);
            expect(pageSizeOf(undefined)).toBe(50);
        });
    });

    describe('cellFilterFrom', () => {
        it('selects the cell of a message with whole-number likelihood and impact', () => {
            expect(cellFilterFrom({ likelihood: 4, impact: 5, basis: 'residual' })).toEqual({
                likelihood: 4,
                impact: 5,
                basis: 'residual'
            });
            expect(cellFilterFrom({ likelihood: 1, impact: 2, basis: 'inherent' })).toEqual({
                likelihood: 1,
                impact: 2,
                basis: 'inherent'
            });
            expect(cellFilterFrom({ likelihood: 1, impact: 2, basis: 'bogus' }).basis).toBe('residual');
            expect(cellFilterFrom({ likelihood: 1, impact: 2 }).basis).toBe('residual');
        });

        it('clears on a message without a whole cell', () => {
            expect(cellFilterFrom({ likelihood: null, impact: null, basis: 'residual' })).toBeUndefined();
            expect(cellFilterFrom({ likelihood: 4, impact: null })).toBeUndefined();
            expect(cellFilterFrom({ likelihood: null, impact: 4 })).toBeUndefined();
            expect(cellFilterFrom({ likelihood: 2.5, impact: 4 })).toBeUndefined();
            expect(cellFilterFrom(undefined)).toBeUndefined();
        });
    });

    describe('rows', () => {
        const risk = {
            Id: 'a03A',
            Name: 'Admins without MFA',
            Risk_Owner__r: { Name: 'Ada Lovelace' },
            Above_Appetite__c: true,
            Review_Overdue__c: true
        };

        it('flags above appetite and overdue, each on its own', () => {
            expect(riskFlags(risk)).toEqual(['above-appetite', 'overdue']);
            expect(riskFlags({ ...risk, Review_Overdue__c: false })).toEqual(['above-appetite']);
            expect(riskFlags({ ...risk, Above_Appetite__c: false })).toEqual(['overdue']);
            expect(riskFlags({})).toEqual([]);
        });

        it('links the record, names the owner and shows the flags in red', () => {
            expect(toRow(risk, FLAG_LABELS)).toEqual({
                ...risk,
                recordUrl: '/a03A',
                ownerName: 'Ada Lovelace',
                flags: 'Above appetite, Review overdue',
                flagClass: 'slds-text-color_error'
            });
            const calm = toRow({ Id: 'a03B', Risk_Owner__r: null }, FLAG_LABELS);
            expect(calm).toMatchObject({ ownerName: '', flags: '', flagClass: '' });
        });
    });

    describe('toFields', () => {
        it('saves numbers as numbers and blanks as null', () => {
            expect(NUMBER_FIELDS).toEqual(['Residual_Likelihood__c', 'Residual_Impact__c']);
            expect(
                toFields({
                    Id: 'a03A',
                    Residual_Likelihood__c: '3',
                    Residual_Impact__c: '',
                    Next_Review_Date__c: '',
                    Treatment__c: 'Accept'
                })
            ).toEqual({
                Id: 'a03A',
                Residual_Likelihood__c: 3,
                Residual_Impact__c: null,
                Next_Review_Date__c: null,
                Treatment__c: 'Accept'
            });
            expect(toFields({ Residual_Impact__c: null, Residual_Likelihood__c: undefined })).toEqual({
                Residual_Impact__c: null,
                Residual_Likelihood__c: null
            });
            // 0 is a value, not a blank: the validation rule, not the table, refuses it.
            expect(toFields({ Residual_Impact__c: 0, Mitigation__c: null })).toEqual({ Residual_Impact__c: 0, Mitigation__c: null });
        });
    });

    describe('saveOutcome', () => {
        const drafts = [
            { Id: 'a03A', Residual_Impact__c: '9' },
            { Id: 'a03B', Residual_Likelihood__c: '2' }
        ];
        const messagesOf = (reason) => [reason.message];

        it('keeps the failed drafts with their errors, per row and for the table', () => {
            const results = [
                { status: 'rejected', reason: { message: 'Impact must be 1 to 5' } },
                { status: 'fulfilled', value: {} }
            ];
            const outcome = saveOutcome(drafts, results, messagesOf, 'Not saved');
            expect(outcome.failed).toEqual([drafts[0]]);
            expect([...outcome.savedIds]).toEqual(['a03B']);
            expect(outcome.errors).toEqual({
                rows: { a03A: { title: 'Not saved', messages: ['Impact must be 1 to 5'], fieldNames: ['Residual_Impact__c'] } },
                table: { title: 'Not saved', messages: ['Impact must be 1 to 5'] }
            });
        });

        it('has no errors when every save went through', () => {
            const outcome = saveOutcome(drafts, [{ status: 'fulfilled' }, { status: 'fulfilled' }], messagesOf, 'Not saved');
            expect(outcome).toEqual({ failed: [], savedIds: new Set(['a03A', 'a03B']), errors: undefined });
        });

        it('collects every failure for the table', () => {
            const results = [
                { status: 'rejected', reason: { message: 'one' } },
                { status: 'rejected', reason: { message: 'two' } }
            ];
            const outcome = saveOutcome(drafts, results, messagesOf, 'Not saved');
            expect(outcome.savedIds.size).toBe(0);
            expect(outcome.errors.table.messages).toEqual(['one', 'two']);
        });
    });
});
