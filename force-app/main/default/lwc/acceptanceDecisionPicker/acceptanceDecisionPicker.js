import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { unwrapEdges, flattenNode, formatLabel, applyWireResult, userToday } from 'c/consoleUtils';
import decisionLabel from '@salesforce/label/c.Risk_Acceptance_Decision';
import placeholderLabel from '@salesforce/label/c.Risk_Acceptance_Placeholder';
import helpLabel from '@salesforce/label/c.Risk_Acceptance_Help';
import emptyLabel from '@salesforce/label/c.Risk_Acceptance_Empty';
import optionLabel from '@salesforce/label/c.Risk_Acceptance_Option';

/**
 * The decisions a risk may be accepted under, as Risk__c's validation rules require: Accepted, not
 * expired, and owned by someone other than the risk owner (acceptance is a second pair of eyes).
 */
export function eligibleDecisions(decisions, riskOwnerId, today) {
    return decisions.filter(
        (decision) =>
            decision.Status__c === 'Accepted' &&
            (!decision.Expires_On__c || decision.Expires_On__c >= today) &&
            decision.Decision_Owner__c !== riskOwnerId
    );
}

export default class AcceptanceDecisionPicker extends LightningElement {
    /** The risk's owner (after any change in the same edit): their own decisions are not offered. */
    @api riskOwnerId;
    /** The chosen Decision__c id. */
    @api value;

    decisions = [];
    errors;
    labels = { decision: decisionLabel, placeholder: placeholderLabel, help: helpLabel, empty: emptyLabel };

    @wire(graphql, {
        query: gql`
            query acceptanceDecisions {
                uiapi {
                    query {
                        Decision__c(first: 200, where: { Status__c: { eq: "Accepted" } }, orderBy: { Name: { order: ASC } }) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    Title__c {
                                        value
                                    }
                                    Status__c {
                                        value
                                    }
                                    Expires_On__c {
                                        value
                                    }
                                    Decision_Owner__c {
                                        value
                                    }
                                    Decision_Owner__r {
                                        Name {
                                            value
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `
    })
    wiredDecisions(result) {
        this.refreshDecisions = result.refresh;
        applyWireResult(this, result, (data) => {
            // A result without the connection keeps the decisions already shown.
            const connection = data.uiapi?.query?.Decision__c;
            if (connection) {
                this.decisions = unwrapEdges(connection).map(flattenNode);
            }
        });
    }

    get options() {
        return eligibleDecisions(this.decisions, this.riskOwnerId, userToday()).map((decision) => ({
            label: formatLabel(optionLabel, decision.Name, decision.Title__c, decision.Decision_Owner__r?.Name ?? ''),
            value: decision.Id
        }));
    }

    get hasOptions() {
        return this.options.length > 0;
    }

    handleRetry() {
        this.errors = undefined;
        return this.refreshDecisions?.();
    }

    handleChange(event) {
        event.stopPropagation();
        // The parent owns the value (it passes it back down); the picker only reports the choice.
        this.dispatchEvent(new CustomEvent('change', { detail: { decisionId: event.detail.value } }));
    }
}
