import { LightningElement, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { unwrapEdges, flattenNode, formatDate, applyWireResult, userToday } from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Cadence_Title';
import typeLabel from '@salesforce/label/c.Cadence_Type';
import lastHeldLabel from '@salesforce/label/c.Cadence_Last_Held';
import nextDueLabel from '@salesforce/label/c.Cadence_Next_Due';
import stateLabel from '@salesforce/label/c.Cadence_State';
import onTrackLabel from '@salesforce/label/c.Cadence_On_Track';
import missedLabel from '@salesforce/label/c.Cadence_Missed';
import neverHeldLabel from '@salesforce/label/c.Cadence_Never_Held';
import loadingLabel from '@salesforce/label/c.Console_Loading';

/** The operating cadence, in the order the playbook introduces it (Review_Type__c values). */
export const CADENCE = ['Weekly Sync', 'Monthly Health Review', 'Quarterly Architecture Review'];

/** The latest held review of each type, and whether the next one is overdue. */
export function cadenceState(reviews, today) {
    return CADENCE.map((type) => {
        const latest = reviews.filter((review) => review.Review_Type__c === type).sort((a, b) => (a.Held_On__c < b.Held_On__c ? 1 : -1))[0];
        if (!latest) {
            return { type, heldOn: null, nextDue: null, state: 'never' };
        }
        return {
            type,
            heldOn: latest.Held_On__c,
            nextDue: latest.Next_Due__c,
            state: latest.Next_Due__c && latest.Next_Due__c < today ? 'missed' : 'on-track'
        };
    });
}

export default class ReviewCadence extends LightningElement {
    reviews = [];
    errors;
    isLoading = true;

    labels = {
        title: titleLabel,
        type: typeLabel,
        lastHeld: lastHeldLabel,
        nextDue: nextDueLabel,
        state: stateLabel,
        loading: loadingLabel
    };

    @wire(graphql, {
        query: gql`
            query reviewCadence {
                uiapi {
                    query {
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
                                    Next_Due__c {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `
    })
    wiredReviews(result) {
        applyWireResult(this, result, (data) => {
            this.reviews = unwrapEdges(data.uiapi.query.Governance_Review__c).map(flattenNode);
            this.isLoading = false;
        });
    }

    get hasData() {
        return !this.isLoading && !this.errors;
    }

    get rows() {
        const text = { 'on-track': onTrackLabel, missed: missedLabel, never: neverHeldLabel };
        return cadenceState(this.reviews, userToday()).map((row) => ({
            key: row.type,
            type: row.type,
            heldOn: formatDate(row.heldOn),
            nextDue: formatDate(row.nextDue),
            state: text[row.state],
            badgeClass: row.state === 'on-track' ? 'slds-badge slds-theme_success state' : 'slds-badge slds-theme_error state'
        }));
    }
}
