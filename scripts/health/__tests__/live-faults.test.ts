import { loadDataset } from '../../emulator/datasets';
import type { FaultKind, FaultRule } from '../../emulator/types';
import { STACK_LINE, startLiveOrg, type LiveOrg } from '../../test-support/liveOrg';
import type { HealthCheckResult } from '../result';

jest.setTimeout(300_000);

type Envelope = { status: number; result?: HealthCheckResult; name?: string; message?: string; actions?: string[] };

/** What each fault must end in: a recovered run, or a named error with an action. */
const EXPECTED: Record<FaultKind, { recovers: true } | { error: string; exitCode: number }> = {
  '500': { recovers: true },
  '503': { recovers: true },
  timeout: { recovers: true },
  'malformed-json': { recovers: true },
  'truncated-json': { recovers: true },
  INVALID_QUERY_LOCATOR: { recovers: true },
  REQUEST_LIMIT_EXCEEDED: { error: 'ApiLimitError', exitCode: 1 },
  // An expired login is the user's to fix, like a wrong flag: exit 2.
  INVALID_SESSION_ID: { error: 'SessionExpiredError', exitCode: 2 },
  INVALID_FIELD: { error: 'OrgApiError', exitCode: 1 }
};

/** Where each fault strikes in the collect phase: mid-run, on a query after the first few. */
function collectFault(fault: FaultKind): FaultRule {
  if (fault === 'INVALID_QUERY_LOCATOR') return { match: { kind: 'queryMore' }, fault };
  return { match: { kind: 'query' }, fault, after: 3 };
}

function datasetWithPaging() {
  const dataset = loadDataset('acme');
  // Enough login rows for a second page, so there is a query locator to expire.
  const template = dataset.sobjects.LoginHistory[0];
  for (let i = 0; i < 2100; i++) dataset.sobjects.LoginHistory.push({ ...template, Id: `0Ya9${String(i).padStart(11, '0')}AAA` });
  return dataset;
}

describe('the fault matrix', () => {
  let org: LiveOrg;
  beforeAll(async () => {
    org = await startLiveOrg({ dataset: datasetWithPaging() });
  });
  afterAll(() => org?.stop());

  const run = async (args: string[]) => {
    const output = await org.run('scripts/health/cli.ts', ['--target-org', org.alias, '--json', ...args]);
    const text = output.stdout + output.stderr;
    expect(text).not.toMatch(STACK_LINE);
    expect(text).not.toContain(org.emulator.accessToken);
    return { code: output.code, envelope: JSON.parse(output.stdout) as Envelope };
  };

  describe.each(Object.keys(EXPECTED) as FaultKind[])('%s', (fault) => {
    afterEach(() => org.emulator.setFaults([]));

    it('in the collect phase: recovers or stops with a named error and an action', async () => {
      org.emulator.setFaults([collectFault(fault)]);
      const { code, envelope } = await run([]);
      const expected = EXPECTED[fault];
      if ('recovers' in expected) {
        expect(code).toBe(0);
        expect(envelope.result?.partial).toBeUndefined();
        expect(envelope.result?.rules.find((rule) => rule.id === 'user.dormant')?.status).toBe('failed');
      } else {
        expect(code).toBe(expected.exitCode);
        expect(envelope.name).toBe(expected.error);
        expect(envelope.actions?.length).toBeGreaterThan(0);
      }
    });

    it('in the push phase: recovers or stops with a named error, leaving no duplicate', async () => {
      org.emulator.setFaults([
        { match: { kind: 'composite' }, fault: fault === 'INVALID_QUERY_LOCATOR' ? 'INVALID_QUERY_LOCATOR' : fault, after: 1 }
      ]);
      const { code, envelope } = await run(['--push']);
      const keys = org.emulator.records('Health_Finding__c').map((row) => row.Finding_Key__c);
      expect(new Set(keys).size).toBe(keys.length);
      const transient = ['500', '503', 'timeout', 'malformed-json', 'truncated-json'].includes(fault);
      if (transient) {
        expect(code).toBe(0);
        expect(envelope.result?.push).toBeDefined();
      } else {
        expect(code).toBe(fault === 'INVALID_SESSION_ID' ? 2 : 1);
        expect(envelope.name).toMatch(/Error$/);
        expect(envelope.actions?.length).toBeGreaterThan(0);
      }
    });
  });
});
