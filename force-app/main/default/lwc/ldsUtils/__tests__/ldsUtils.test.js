import { reduceErrors } from 'c/ldsUtils';

describe('reduceErrors', () => {
    it('reduces every error shape LDS, GraphQL and the UI API return', () => {
        const messages = reduceErrors([
            { message: 'GraphQL: No such column Foo__c' },
            { body: [{ message: 'UI API read 1' }, { message: 'UI API read 2' }] },
            { body: { pageErrors: [{ message: 'page error' }] } },
            { body: { fieldErrors: { Name: [{ message: 'name required' }] } } },
            { body: { output: { errors: [{ message: 'dml page error' }] } } },
            { body: { output: { errors: [], fieldErrors: { Status__c: [{ message: 'bad status' }] } } } },
            { body: { message: 'network' } },
            { statusText: 'Service Unavailable' },
            null
        ]);
        expect(messages).toEqual([
            'GraphQL: No such column Foo__c',
            'UI API read 1',
            'UI API read 2',
            'page error',
            'name required',
            'dml page error',
            'bad status',
            'network',
            'Service Unavailable'
        ]);
    });

    it('accepts a single error', () => {
        expect(reduceErrors(new Error('plain'))).toEqual(['plain']);
    });
});
