import { LightningElement, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { unwrapEdges, flattenNode, formatLabel, applyWireResult, userToday } from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Playbook_Title';
import doneLabel from '@salesforce/label/c.Playbook_Done';
import openLabel from '@salesforce/label/c.Playbook_Open';
import manualLabel from '@salesforce/label/c.Playbook_Manual';
import stepRaci from '@salesforce/label/c.Playbook_Step_Raci';
import stepWeekly from '@salesforce/label/c.Playbook_Step_Weekly_Sync';
import stepIntegrations from '@salesforce/label/c.Playbook_Step_Integrations';
import stepFindings from '@salesforce/label/c.Playbook_Step_Top_Findings';
import stepRunbooks from '@salesforce/label/c.Playbook_Step_Runbooks';
import stepMonthly from '@salesforce/label/c.Playbook_Step_Monthly_Review';
import stepProfiles from '@salesforce/label/c.Playbook_Step_Profiles';
import stepQuarterly from '@salesforce/label/c.Playbook_Step_Quarterly_Review';
import phaseLabel from '@salesforce/label/c.Playbook_Phase';
import loadingLabel from '@salesforce/label/c.Console_Loading';

const DAY = 86400000;
/** The incident classes the playbook asks runbooks for (Incident_Runbook__c.Incident_Class__c). */
export const TOP_INCIDENT_CLASSES = [
    'Integration Sync Failure',
    'Privileged Access Regression',
    'SSO or MFA Outage',
    'Failed Production Deployment',
    'Data Loss or Bad Data Load'
];

function heldWithin(reviews, type, days, today) {
    return reviews.some((review) => review.Review_Type__c === type && (Date.parse(today) - Date.parse(review.Held_On__c)) / DAY <= days);
}

/**
 * The 30/60/90 playbook's steps with their state derived from the records: true (done), false
 * (open), or null when the console cannot see it (profile migration happens in metadata).
 */
export function playbookState(data, today) {
    const areas = data.areas.filter((area) => area.Status__c === 'Active');
    const integrations = data.integrations.filter((integration) => integration.Status__c !== 'Retired');
    const published = new Set(
        data.runbooks.filter((runbook) => runbook.Status__c === 'Published').map((runbook) => runbook.Incident_Class__c)
    );
    return [
        { key: 'raci', day: 30, label: stepRaci, done: areas.length > 0 && areas.every((area) => area.Accountable__r?.IsActive === true) },
        { key: 'weekly', day: 30, label: stepWeekly, done: heldWithin(data.reviews, 'Weekly Sync', 8, today) },
        {
            key: 'integrations',
            day: 30,
            label: stepIntegrations,
            done: integrations.every((integration) => Boolean(integration.Owner_User__c) && Boolean(integration.On_Call_User__c))
        },
        { key: 'findings', day: 60, label: stepFindings, done: data.openTopFindings === 0 },
        {
            key: 'runbooks',
            day: 60,
            label: stepRunbooks,
            done: TOP_INCIDENT_CLASSES.every((incidentClass) => published.has(incidentClass))
        },
        { key: 'monthly', day: 60, label: stepMonthly, done: heldWithin(data.reviews, 'Monthly Health Review', 32, today) },
        { key: 'profiles', day: 90, label: stepProfiles, done: null },
        { key: 'quarterly', day: 90, label: stepQuarterly, done: heldWithin(data.reviews, 'Quarterly Architecture Review', 93, today) }
    ];
}

export default class PlaybookSteps extends LightningElement {
    data;
    errors;
    isLoading = true;

    labels = { title: titleLabel, loading: loadingLabel };

    @wire(graphql, {
        query: gql`
            query playbookSteps {
                uiapi {
                    query {
                        Governance_Area__c(first: 200) {
                            edges {
                                node {
                                    Id
                                    Status__c {
                                        value
                                    }
                                    Accountable__r {
                                        IsActive {
                                            value
                                        }
                                    }
                                }
                            }
                        }
                        Integration__c(first: 200) {
                            edges {
                                node {
                                    Id
                                    Status__c {
                                        value
                                    }
                                    Owner_User__c {
                                        value
                                    }
                                    On_Call_User__c {
                                        value
                                    }
                                }
                            }
                        }
                        Incident_Runbook__c(first: 200) {
                            edges {
                                node {
                                    Id
                                    Incident_Class__c {
                                        value
                                    }
                                    Status__c {
                                        value
                                    }
                                }
                            }
                        }
                        Governance_Review__c(first: 200, orderBy: { Held_On__c: { order: DESC } }) {
                            edges {
                                node {
                                    Id
                                    Review_Type__c {
                                        value
                                    }
                                    Held_On__c {
                                        value
                                    }
                                }
                            }
                        }
                        Health_Finding__c(first: 10, where: { Status__c: { eq: "Open" }, Severity__c: { in: ["Critical", "High"] } }) {
                            totalCount
                        }
                    }
                }
            }
        `
    })
    wiredPlaybook(result) {
        applyWireResult(this, result, (data) => {
            const query = data.uiapi.query;
            this.data = {
                areas: unwrapEdges(query.Governance_Area__c).map(flattenNode),
                integrations: unwrapEdges(query.Integration__c).map(flattenNode),
                runbooks: unwrapEdges(query.Incident_Runbook__c).map(flattenNode),
                reviews: unwrapEdges(query.Governance_Review__c).map(flattenNode),
                openTopFindings: query.Health_Finding__c.totalCount
            };
            this.isLoading = false;
        });
    }

    get phases() {
        if (!this.data) {
            return [];
        }
        const steps = playbookState(this.data, userToday()).map((step) => ({
            ...step,
            state: step.done === null ? manualLabel : step.done ? doneLabel : openLabel,
            badgeClass: `slds-badge state ${step.done === null ? '' : step.done ? 'slds-theme_success' : 'slds-theme_warning'}`.trim()
        }));
        return [30, 60, 90].map((day) => ({
            key: `day-${day}`,
            heading: formatLabel(phaseLabel, day),
            steps: steps.filter((step) => step.day === day)
        }));
    }
}
