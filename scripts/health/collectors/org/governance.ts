import type {
  ChangeRequestRecord,
  DecisionRecord,
  FindingRecord,
  GovernanceArea,
  GovernanceReviewRecord,
  IntegrationRecord,
  RiskRecord,
  RunbookRecord
} from '../../snapshot';
import { declare, field } from './declare';

const GRANT = 'the Ownership_Console_Health_Runner permission set (read access to the console objects and fields)';

export const GOVERNANCE_AREA = declare({
  object: 'Governance_Area__c',
  parts: ['governanceAreas'],
  grant: GRANT,
  shape: {
    id: field.id(),
    areaKey: field.required('Area_Key__c'),
    name: field.required('Name'),
    category: field.text('Category__c'),
    lead: field.text('Lead__c') as { select: string; key: string; read: (value: unknown) => GovernanceArea['lead'] },
    accountableId: field.text('Accountable__c'),
    status: field.text('Status__c'),
    nextReviewDue: field.text('Next_Review_Due__c')
  }
});

export const RISK = declare<RiskRecord>({
  object: 'Risk__c',
  parts: ['risks'],
  grant: GRANT,
  shape: {
    id: field.id(),
    name: field.required('Name'),
    riskOwnerId: field.text('Risk_Owner__c'),
    governanceAreaId: field.text('Governance_Area__c'),
    nextReviewDate: field.text('Next_Review_Date__c'),
    treatment: field.text('Treatment__c'),
    acceptanceDecisionId: field.text('Acceptance_Decision__c'),
    sourceRef: field.text('Source_Ref__c')
  }
});

export const DECISION = declare<DecisionRecord>({
  object: 'Decision__c',
  parts: ['decisions'],
  grant: GRANT,
  shape: {
    id: field.id(),
    name: field.required('Name'),
    title: field.text('Title__c'),
    status: field.required('Status__c'),
    decisionOwnerId: field.text('Decision_Owner__c'),
    governanceAreaId: field.text('Governance_Area__c'),
    decidedOn: field.text('Decided_On__c'),
    expiresOn: field.text('Expires_On__c'),
    nextReviewDate: field.text('Next_Review_Date__c')
  }
});

export const INTEGRATION = declare<IntegrationRecord>({
  object: 'Integration__c',
  parts: ['integrations'],
  grant: GRANT,
  shape: {
    id: field.id(),
    name: field.required('Name'),
    system: field.text('System__c'),
    connectedAppName: field.text('Connected_App_Name__c'),
    integrationUserId: field.text('Integration_User__c'),
    ownerUserId: field.text('Owner_User__c'),
    onCall: field.text('On_Call__c'),
    lastReviewed: field.text('Last_Reviewed__c')
  }
});

export const FINDING = declare<FindingRecord>({
  object: 'Health_Finding__c',
  parts: ['findings'],
  grant: GRANT,
  shape: {
    id: field.id(),
    findingKey: field.required('Finding_Key__c'),
    ruleId: field.required('Rule_Id__c'),
    status: field.required('Status__c'),
    firstDetected: field.text('First_Detected__c'),
    lastDetected: field.text('Last_Detected__c'),
    resolvedOn: field.text('Resolved_On__c'),
    assignedToId: field.text('Assigned_To__c')
  }
});

export const LAST_RUN = declare({
  object: 'Health_Check_Run__c',
  parts: [],
  grant: GRANT,
  shape: { runAt: field.text('Run_At__c') }
});
export const LAST_RUN_WHERE = "Source__c = 'org'";
export const LAST_RUN_SUFFIX = ' ORDER BY Run_At__c DESC LIMIT 1';

export const GOVERNANCE_PARTS = ['governanceAreas', 'risks', 'decisions', 'integrations', 'findings'] as const;

export const GOVERNANCE_REVIEW = declare<GovernanceReviewRecord>({
  object: 'Governance_Review__c',
  parts: ['governanceReviews'],
  grant: GRANT,
  shape: {
    id: field.id(),
    name: field.required('Name'),
    reviewType: field.required('Review_Type__c'),
    heldOn: field.required('Held_On__c'),
    nextDue: field.text('Next_Due__c'),
    salesOpsLeadId: field.text('SalesOps_Lead__c'),
    itLeadId: field.text('IT_Lead__c')
  }
});

export const CHANGE_REQUEST = declare<ChangeRequestRecord>({
  object: 'Change_Request__c',
  parts: ['changeRequests'],
  grant: GRANT,
  shape: {
    id: field.id(),
    name: field.required('Name'),
    request: field.required('Request__c'),
    lead: field.text('Lead__c'),
    ownerId: field.text('Change_Owner__c'),
    status: field.required('Status__c'),
    requestedOn: field.required('Requested_On__c'),
    changesRevenue: field.flag('Changes_Revenue__c'),
    changesAccess: field.flag('Changes_Access__c'),
    securityReviewRequestedOn: field.text('Security_Review_Requested_On__c'),
    securityReviewCompletedOn: field.text('Security_Review_Completed_On__c'),
    deployedOn: field.text('Deployed_On__c'),
    governanceAreaId: field.text('Governance_Area__c')
  }
});

export const INCIDENT_RUNBOOK = declare<RunbookRecord>({
  object: 'Incident_Runbook__c',
  parts: ['runbooks'],
  grant: GRANT,
  shape: {
    id: field.id(),
    name: field.required('Name'),
    incidentClass: field.required('Incident_Class__c'),
    ownerId: field.text('Runbook_Owner__c'),
    onCallUserId: field.text('On_Call_User__c'),
    integrationId: field.text('Integration__c'),
    status: field.text('Status__c'),
    runbookUrl: field.text('Runbook_URL__c'),
    lastExercised: field.text('Last_Exercised__c')
  }
});
