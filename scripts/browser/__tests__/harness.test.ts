import { GraphqlResolver, GraphqlSyntaxError, parseQuery } from '../graphql';
import { HARNESS_USER, RecordStore, RecordWriteError } from '../store';
import { readLabels } from '../build';

type Connection = {
  edges: Array<{ node: Record<string, { value: unknown } & Record<string, unknown>> }>;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  totalCount: number;
};

function query(resolver: GraphqlResolver, object: string, text: string, variables: Record<string, unknown> = {}): Connection {
  const result = resolver.execute(text, variables) as { data: { uiapi: { query: Record<string, Connection> } } };
  return result.data.uiapi.query[object];
}

describe('harness GraphQL (UI API shapes from the sample data)', () => {
  const store = new RecordStore();
  const resolver = new GraphqlResolver(store);

  it('pages with opaque cursors, filters, orders and counts', () => {
    const text = `query risks($first: Int, $after: String, $where: Risk__c_Filter) {
      uiapi { query { Risk__c(first: $first, after: $after, where: $where, orderBy: { Name: { order: ASC } }) {
        edges { node { Id Name { value } Residual_Level__c { value } } } pageInfo { hasNextPage endCursor } totalCount } } } }`;
    const where = { Status__c: { ne: 'Closed' } };
    const first = query(resolver, 'Risk__c', text, { first: 3, after: null, where });
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = query(resolver, 'Risk__c', text, { first: 3, after: first.pageInfo.endCursor, where });
    const names = [...first.edges, ...second.edges].map((edge) => edge.node.Name.value as string);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(names).size).toBe(names.length);
    expect(first.totalCount).toBeGreaterThan(names.length);
    const like = query(resolver, 'Risk__c', text, { first: 10, where: { Name: { like: '%forecast%' } } });
    expect(like.edges.map((edge) => edge.node.Name.value)).toEqual(['Forecast accuracy < 70%', 'Stale forecast categories']);
  });

  it('computes formula and roll-up fields from the field metadata', () => {
    const text = `query { uiapi { query { Risk__c(first: 50, where: { Name: { eq: "Shadow admin grants Modify All" } }) {
      edges { node { Residual_Score__c { value } Residual_Level__c { value } Above_Appetite__c { value } } } } } } }`;
    // Residual 2 × 4 = 8: Medium, below the appetite of 10.
    expect(query(resolver, 'Risk__c', text).edges[0].node).toEqual({
      Residual_Score__c: { value: 8 },
      Residual_Level__c: { value: 'Medium' },
      Above_Appetite__c: { value: false }
    });
    const areas = `query { uiapi { query { Governance_Area__c(first: 1, where: { Area_Key__c: { eq: "REVENUE.STAGES" } }) {
      edges { node { Responsible_Count__c { value } RACI_Assignments__r(first: 10) { edges { node { Role__c { value } Assignee__r { Name { value } } } } } } } } } } }`;
    const node = query(resolver, 'Governance_Area__c', areas).edges[0].node as unknown as {
      Responsible_Count__c: { value: number };
      RACI_Assignments__r: Connection;
    };
    const roles = node.RACI_Assignments__r.edges.map((edge) => edge.node.Role__c.value);
    expect(node.Responsible_Count__c.value).toBe(roles.filter((role) => role === 'Responsible').length);
    expect(node.RACI_Assignments__r.edges[0].node.Assignee__r).toEqual({ Name: { value: HARNESS_USER.Name } });
  });

  it('answers aggregate queries grouped by a field', () => {
    const text = `query { uiapi { aggregate { Health_Finding__c(where: { Status__c: { eq: "Open" } }, groupBy: { Severity__c: { group: true } }) {
      edges { node { aggregate { Severity__c { value } Id { count { value } } } } } } } } }`;
    const result = resolver.execute(text) as { data: { uiapi: { aggregate: { Health_Finding__c: Connection } } } };
    const counts = result.data.uiapi.aggregate.Health_Finding__c.edges.map((edge) => [
      edge.node.aggregate.Severity__c,
      edge.node.aggregate.Id
    ]);
    const open = [...store.table('Health_Finding__c').values()].filter((finding) => finding.Status__c === 'Open');
    expect(counts.reduce((sum, [, id]) => sum + (id as { count: { value: number } }).count.value, 0)).toBe(open.length);
  });

  it('answers one object twice under aliases, with DateTime filters given as { value }', () => {
    const text = `query counts($before: DateTime) { uiapi { aggregate {
      open: Health_Finding__c(where: { Status__c: { eq: "Open" } }) { edges { node { aggregate { Id { count { value } } } } } }
      old: Health_Finding__c(where: { and: [{ Status__c: { eq: "Open" } }, { First_Detected__c: { lt: { value: $before } } }] }) {
        edges { node { aggregate { Id { count { value } } } } } } } } }`;
    const count = (before: string, alias: string) => {
      const result = resolver.execute(text, { before }) as {
        data: { uiapi: { aggregate: Record<string, { edges: Array<{ node: { aggregate: { Id: { count: { value: number } } } } }> }> } };
      };
      return result.data.uiapi.aggregate[alias].edges[0].node.aggregate.Id.count.value;
    };
    const open = [...store.table('Health_Finding__c').values()].filter((finding) => finding.Status__c === 'Open');
    const detected = open.map((finding) => Date.parse(String(finding.First_Detected__c))).sort((a, b) => a - b);
    expect(count('2000-01-01T00:00:00.000Z', 'open')).toBe(open.length);
    expect(count('2000-01-01T00:00:00.000Z', 'old')).toBe(0);
    // Just after the newest: every open finding; at the newest (lt): all but that one.
    expect(count(new Date(detected[detected.length - 1] + 1).toISOString(), 'old')).toBe(open.length);
    expect(count(new Date(detected[detected.length - 1]).toISOString(), 'old')).toBe(open.length - 1);
  });

  it('rejects an unknown field as the UI API does, naming it', () => {
    expect(() => resolver.execute('query { uiapi { query { Risk__c(first: 1) { edges { node { Nope__c { value } } } } } } }')).toThrow(
      "Validation error: field 'Nope__c' is undefined on type 'Risk__c'"
    );
    expect(() => parseQuery('query { uiapi { query { Risk__c(first: ) } } }')).toThrow(GraphqlSyntaxError);
  });
});

describe('harness writes run the validation rules from the metadata', () => {
  it('refuses Treatment Accept without the custom permission and with an unaccepted decision', () => {
    const store = new RecordStore();
    const risk = [...store.table('Risk__c').values()].find((candidate) => candidate.Treatment__c === 'Mitigate')!;
    // Someone else's decision: Acceptance_Decision_Not_Own refuses the risk owner's own.
    const accepted = [...store.table('Decision__c').values()].find(
      (decision) => decision.Status__c === 'Accepted' && decision.Decision_Owner__c !== risk.Risk_Owner__c
    )!;
    expect(() => store.write('Risk__c', { Treatment__c: 'Accept', Acceptance_Decision__c: accepted.Id }, risk.Id)).toThrow(
      'Only a holder of the Accept Risks and Decisions permission (Ownership Console Admin) may accept a risk.'
    );
    store.permissions.add('Ownership_Console_Accept_Risk');
    try {
      store.write('Risk__c', { Treatment__c: 'Accept' }, risk.Id);
      throw new Error('accepted without a decision');
    } catch (error) {
      expect(error).toBeInstanceOf(RecordWriteError);
      expect((error as RecordWriteError).body.output.fieldErrors.Acceptance_Decision__c[0].message).toContain('Acceptance Decision');
    }
    expect(store.write('Risk__c', { Treatment__c: 'Accept', Acceptance_Decision__c: accepted.Id }, risk.Id).Treatment__c).toBe('Accept');
    expect(() => store.write('Risk__c', { Risk_Owner__c: accepted.Decision_Owner__c }, risk.Id)).toThrow(
      'The acceptance decision must be owned by someone other than the risk owner.'
    );
  });

  it('refuses a value outside a restricted picklist and a formula field, naming the field', () => {
    const store = new RecordStore();
    const risk = [...store.table('Risk__c').values()][0];
    expect(() => store.write('Risk__c', { Treatment__c: 'Ignore' }, risk.Id)).toThrow('bad value for restricted picklist field: Ignore');
    expect(() => store.write('Risk__c', { Residual_Level__c: 'Low' }, risk.Id)).toThrow('Residual_Level__c');
  });

  it('builds 300 areas × 60 people for the scale tests, with gaps', () => {
    const store = new RecordStore({ raciScale: { areas: 300, people: 60 } });
    const scaled = [...store.table('Governance_Area__c').values()].filter((area) => String(area.Area_Key__c).startsWith('SCALE.'));
    expect(scaled).toHaveLength(300);
    const people = new Set(
      [...store.table('User').values()].filter((user) => /^Person \d+$/.test(String(user.Name))).map((user) => user.Id)
    );
    expect(people.size).toBe(60);
    expect(scaled.filter((area) => store.view('Governance_Area__c', area).Responsible_Count__c === 0).length).toBeGreaterThan(0);
  });
});

describe('labels for the browser build', () => {
  it('keeps the placeholders of the labels file', () => {
    const labels = readLabels();
    expect(labels.get('Risk_Register_Count')).toBe('Showing {0} of {1} risks');
    expect(labels.get('Health_MTTR_Value')).toBe('{0} days (target {1})');
  });
});

describe('harness GraphQL for the operating scorecard', () => {
  it('answers runs newest first with their Health_Metrics__r children from the fixtures', () => {
    const resolver = new GraphqlResolver(new RecordStore());
    const text = `query operatingScorecard($runs: Int) { uiapi { query {
      Health_Check_Run__c(first: $runs, orderBy: { Run_At__c: { order: DESC } }) { edges { node { Id Run_At__c { value }
        Health_Metrics__r(first: 20) { edges { node { Id Metric_Id__c { value } Value__c { value } Status__c { value } } } } } } } } } }`;
    const runs = query(resolver, 'Health_Check_Run__c', text, { runs: 8 });
    const withMetrics = runs.edges.filter((edge) => (edge.node.Health_Metrics__r as unknown as Connection).edges.length > 0);
    expect(withMetrics.length).toBeGreaterThanOrEqual(3);
    const times = runs.edges.map((edge) => String(edge.node.Run_At__c.value));
    expect(times).toEqual([...times].sort().reverse());
    const newest = (withMetrics[0].node.Health_Metrics__r as unknown as Connection).edges.map((edge) => edge.node.Metric_Id__c.value);
    expect(newest).toEqual(expect.arrayContaining(['mttd-hours', 'mttr-days', 'forecast-accuracy']));
    expect(newest).toHaveLength(7);
  });
});
