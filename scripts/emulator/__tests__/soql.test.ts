import { OrgStore } from '../store';
import { parseSoql, SoqlError } from '../soql';
import type { Dataset } from '../types';

const now = Date.parse('2026-11-23T12:00:00Z');
const dataset: Dataset = {
  orgId: '00D000000000001AAA',
  user: { id: '005000000000001AAA', username: 'a@x.example', name: 'A', email: 'a@x.example' },
  sobjects: {
    Profile: [
      { Id: '00e000000000001AAA', Name: 'System Administrator' },
      { Id: '00e000000000002AAA', Name: 'Standard User' }
    ],
    User: [
      {
        Id: '005000000000001AAA',
        Username: 'a@x.example',
        Name: 'Ann',
        IsActive: true,
        ProfileId: '00e000000000001AAA',
        LastLoginDate: '2026-11-22T10:00:00.000+0000',
        Age__c: 30
      },
      {
        Id: '005000000000002AAA',
        Username: 'b@x.example',
        Name: "Bob O'Hara",
        IsActive: false,
        ProfileId: '00e000000000002AAA',
        LastLoginDate: '2026-01-01T10:00:00.000+0000',
        Age__c: 41
      },
      {
        Id: '005000000000003AAA',
        Username: 'c@y.example',
        Name: 'Cy',
        IsActive: true,
        ProfileId: '00e000000000002AAA',
        LastLoginDate: null,
        Age__c: null
      }
    ]
  },
  tooling: {}
};

function ids(soql: string): string[] {
  return new OrgStore(dataset).query(soql, 'rest', 2000).records.map((record) => String(record.Username));
}

describe('SOQL subset', () => {
  it('filters with comparisons, boolean logic and parentheses', () => {
    expect(ids('SELECT Username FROM User WHERE IsActive = true')).toEqual(['a@x.example', 'c@y.example']);
    expect(ids('SELECT Username FROM User WHERE IsActive = true AND (Age__c > 35 OR Age__c = null)')).toEqual(['c@y.example']);
    expect(ids('SELECT Username FROM User WHERE NOT IsActive = true')).toEqual(['b@x.example']);
    expect(ids('SELECT Username FROM User WHERE Age__c >= 30 AND Age__c <= 41 AND Age__c != 41')).toEqual(['a@x.example']);
    expect(ids("SELECT Username FROM User WHERE Username LIKE '%@x.example'")).toEqual(['a@x.example', 'b@x.example']);
    expect(ids("SELECT Username FROM User WHERE Name IN ('Ann', 'Bob O\\'Hara')")).toEqual(['a@x.example', 'b@x.example']);
    expect(ids("SELECT Username FROM User WHERE Name NOT IN ('Ann')")).toEqual(['b@x.example', 'c@y.example']);
  });

  it('follows relationship paths in SELECT and WHERE, and returns them nested like the REST API', () => {
    const store = new OrgStore(dataset);
    const page = store.query(
      "SELECT Username, Profile.Name FROM User WHERE Profile.Name = 'Standard User' ORDER BY Username DESC",
      'rest',
      2000
    );
    expect(page.records.map((record) => record.Username)).toEqual(['c@y.example', 'b@x.example']);
    expect(page.records[0].Profile).toEqual({
      attributes: { type: 'Profile', url: '/services/data/v66.0/sobjects/Profile/00e000000000002AAA' },
      Name: 'Standard User'
    });
  });

  it('understands date literals relative to the day', () => {
    const store = new OrgStore(dataset);
    const query = parseSoql('SELECT Username FROM User WHERE LastLoginDate = LAST_N_DAYS:30', now);
    expect(query.where).toMatchObject({ op: 'compare', comparator: '=', value: { kind: 'range' } });
    const recent = store.query('SELECT Username FROM User WHERE LastLoginDate = LAST_N_DAYS:30', 'rest', 2000);
    expect(recent.records.map((record) => record.Username)).toContain('a@x.example');
    expect(recent.records.map((record) => record.Username)).not.toContain('b@x.example');
    expect(ids('SELECT Username FROM User WHERE LastLoginDate < 2026-06-01T00:00:00Z')).toEqual(['b@x.example']);
  });

  it('orders with nulls where asked, limits, offsets and counts', () => {
    expect(ids('SELECT Username FROM User ORDER BY Age__c ASC NULLS LAST')).toEqual(['a@x.example', 'b@x.example', 'c@y.example']);
    expect(ids('SELECT Username FROM User ORDER BY Age__c ASC NULLS FIRST LIMIT 1')).toEqual(['c@y.example']);
    expect(ids('SELECT Username FROM User ORDER BY Username LIMIT 1 OFFSET 1')).toEqual(['b@x.example']);
    expect(new OrgStore(dataset).query('SELECT COUNT() FROM User WHERE IsActive = true', 'rest', 2000)).toEqual({
      totalSize: 2,
      done: true,
      records: []
    });
  });

  it('answers unknown fields, objects and bad syntax with the errors Salesforce uses', () => {
    const store = new OrgStore(dataset);
    const error = (soql: string) => {
      try {
        store.query(soql, 'rest', 2000);
      } catch (caught) {
        return caught as SoqlError;
      }
      throw new Error('no error');
    };
    expect(error('SELECT Nope__c FROM User')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Nope__c' on entity 'User'")
    });
    expect(error('SELECT Id FROM User WHERE Delegate.Name = null').errorCode).toBe('INVALID_FIELD');
    expect(error('SELECT Id FROM Nothing__c').errorCode).toBe('INVALID_TYPE');
    expect(error('SELECT Id User').errorCode).toBe('MALFORMED_QUERY');
    expect(error("SELECT Id FROM User WHERE Name = 'open").errorCode).toBe('MALFORMED_QUERY');
  });

  it("gives a Tooling profile's Metadata one row at a time, as the Tooling API does, without shadowing the sObject", () => {
    const metadata = { loginIpRanges: [{ startAddress: '10.0.0.0', endAddress: '10.0.0.255', description: null }], loginHours: null };
    const store = new OrgStore({
      ...dataset,
      tooling: {
        Profile: [
          { Id: '00e000000000001AAA', Name: 'System Administrator', Metadata: metadata },
          { Id: '00e000000000002AAA', Name: 'Standard User', Metadata: { loginIpRanges: [], loginHours: null } }
        ]
      }
    });
    const one = store.query("SELECT Id, Metadata FROM Profile WHERE Id = '00e000000000001AAA'", 'tooling', 2000);
    expect(one.records).toEqual([
      {
        attributes: { type: 'Profile', url: '/services/data/v66.0/tooling/sobjects/Profile/00e000000000001AAA' },
        Id: '00e000000000001AAA',
        Metadata: metadata
      }
    ]);
    expect(() => store.query('SELECT Id, Metadata FROM Profile', 'tooling', 2000)).toThrow(
      expect.objectContaining({
        errorCode: 'MALFORMED_QUERY',
        message: expect.stringContaining('no more than one row for retrieval. Result size: 2')
      })
    );
    expect(store.query('SELECT Id, Name FROM Profile', 'tooling', 2000).totalSize).toBe(2);
    const user = store.query("SELECT Profile.Name FROM User WHERE Username = 'a@x.example'", 'rest', 2000).records[0];
    expect(user.Profile).toMatchObject({ attributes: { url: '/services/data/v66.0/sobjects/Profile/00e000000000001AAA' } });
  });

  it('pages with query locators and forgets them when done', () => {
    const big: Dataset = {
      ...dataset,
      sobjects: { User: Array.from({ length: 450 }, (_, i) => ({ Id: `005${String(i).padStart(12, '0')}AAA`, Username: `u${i}` })) }
    };
    const store = new OrgStore(big);
    const first = store.query('SELECT Id FROM User', 'rest', 200);
    expect(first).toMatchObject({ totalSize: 450, done: false });
    const locator = first.nextRecordsUrl!.split('/').pop()!;
    const second = store.queryMore(locator, 'rest');
    const third = store.queryMore(second.nextRecordsUrl!.split('/').pop()!, 'rest');
    expect([first.records.length, second.records.length, third.records.length]).toEqual([200, 200, 50]);
    expect(third.done).toBe(true);
    expect(() => store.queryMore(locator, 'rest')).toThrow('invalid query locator');
  });

  it('answers a large object from its indexes exactly as a full scan would, and forgets them when a record changes', () => {
    const users = Array.from({ length: 6000 }, (_, i) => ({
      Id: `005${String(i).padStart(12, '0')}AAA`,
      Username: `u${i}@x.example`,
      IsActive: i % 3 !== 0,
      ProfileId: i % 2 === 0 ? '00e000000000001AAA' : '00e000000000002AAA'
    }));
    const assignments = users.map((user, i) => ({
      Id: `0Pa${String(i).padStart(12, '0')}AAA`,
      AssigneeId: user.Id,
      PermissionSetId: i % 100 === 0 ? '0PS000000000001AAA' : '0PS000000000002AAA'
    }));
    const big: Dataset = {
      ...dataset,
      sobjects: {
        ...dataset.sobjects,
        User: users,
        PermissionSet: [
          { Id: '0PS000000000001AAA', Name: 'Admin', PermissionsModifyAllData: true },
          { Id: '0PS000000000002AAA', Name: 'Reports', PermissionsModifyAllData: false }
        ],
        // An assignment whose assignee is not in the org: its Assignee fields read as null.
        PermissionSetAssignment: [
          ...assignments,
          { Id: '0Pa999999999999AAA', AssigneeId: '005999999999999AAA', PermissionSetId: '0PS000000000002AAA' }
        ]
      }
    };
    const store = new OrgStore(big);
    const semiJoin =
      'SELECT Username FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsModifyAllData = true)';
    const expected = users.filter((user, i) => user.IsActive && i % 100 === 0).map((user) => user.Username);
    const names = (soql: string) => store.query(soql, 'rest', 2000).records.map((record) => record.Username);
    expect(names(semiJoin)).toEqual(expected);
    // An id in a different case still matches (SOQL compares strings without case), through the index too.
    expect(names(`SELECT Username FROM User WHERE Id = '${users[1].Id.toLowerCase()}'`)).toEqual([users[1].Username]);
    expect(names(`SELECT Username FROM User WHERE Id IN ('${users[4].Id}', '${users[5].Id}') AND IsActive = true`)).toEqual([
      users[4].Username,
      users[5].Username
    ]);
    const assignmentIds = (soql: string) => store.query(soql, 'rest', 2000).totalSize;
    expect(assignmentIds(`SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username != 'u1@x.example'`)).toBe(6000);
    expect(assignmentIds(`SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = 'u1@x.example'`)).toBe(1);
    expect(
      assignmentIds(
        `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId >= '${users[10].Id}' AND AssigneeId <= '${users[19].Id}' AND Assignee.IsActive = true`
      )
    ).toBe(users.slice(10, 20).filter((user) => user.IsActive).length);
    // A write changes the answer: neither the semi-join's ids nor an index outlive it.
    store.update('PermissionSetAssignment', assignments[1].Id, { PermissionSetId: '0PS000000000001AAA' });
    expect(names(semiJoin)).toEqual([users[1].Username, ...expected]);
    const grouped = store.query(
      'SELECT PermissionSetId, COUNT(Id) n FROM PermissionSetAssignment WHERE Assignee.IsActive = true GROUP BY PermissionSetId',
      'rest',
      2000
    ).records;
    expect(grouped.map((row) => [row.PermissionSetId, row.n])).toEqual([
      ['0PS000000000001AAA', users.filter((user, i) => user.IsActive && (i % 100 === 0 || i === 1)).length],
      ['0PS000000000002AAA', users.filter((user, i) => user.IsActive && i % 100 !== 0 && i !== 1).length]
    ]);
  });
});
