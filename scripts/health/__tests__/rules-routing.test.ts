import { runHealthCheck } from '../engine';
import { liveSnapshot } from './core-fixtures';

describe('governance findings go to the area they concern', () => {
  it("routes an overdue SalesOps area, and a risk of it, to SalesOps and to that area's Accountable", () => {
    const snapshot = liveSnapshot({
      users: [
        {
          id: 'sofia',
          username: 'sofia@acme.test',
          name: 'Sofia SalesOps',
          isActive: true,
          profileName: 'Sales Operations',
          userType: 'Standard'
        },
        {
          id: 'ivy',
          username: 'ivy@acme.test',
          name: 'Ivy Platform',
          isActive: true,
          profileName: 'System Administrator',
          userType: 'Standard'
        }
      ],
      governanceAreas: [
        {
          id: 'a1',
          areaKey: 'REVENUE.STAGES',
          name: 'Opportunity stages',
          lead: 'SalesOps',
          accountableId: 'sofia',
          status: 'Active',
          nextReviewDue: '2020-01-01'
        },
        {
          id: 'a2',
          areaKey: 'GOVERNANCE.OWNERSHIP',
          name: 'Ownership model',
          lead: 'Joint',
          accountableId: 'ivy',
          status: 'Active',
          nextReviewDue: '2999-01-01'
        }
      ],
      risks: [{ id: 'r1', name: 'Forecast accuracy', governanceAreaId: 'a1', nextReviewDate: '2020-02-01' }],
      decisions: []
    });
    const result = runHealthCheck(snapshot);
    const overdue = result.findings.filter((finding) => finding.ruleId === 'gov.review-overdue');
    expect(overdue.map((finding) => [finding.component.name, finding.lead, finding.areaKey, finding.accountable?.name])).toEqual([
      ['REVENUE.STAGES', 'SalesOps', 'REVENUE.STAGES', 'Sofia SalesOps'],
      ['Forecast accuracy', 'SalesOps', 'REVENUE.STAGES', 'Sofia SalesOps']
    ]);
  });
});
