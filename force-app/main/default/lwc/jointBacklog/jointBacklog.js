import { LightningElement, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { unwrapEdges, flattenNode, formatDate, applyWireResult, userToday } from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Backlog_Title';
import emptyLabel from '@salesforce/label/c.Backlog_Empty';
import requestLabel from '@salesforce/label/c.Backlog_Request';
import leadLabel from '@salesforce/label/c.Backlog_Lead';
import ownerLabel from '@salesforce/label/c.Backlog_Owner';
import statusLabel from '@salesforce/label/c.Backlog_Status';
import openDaysLabel from '@salesforce/label/c.Backlog_Open_Days';
import reviewLabel from '@salesforce/label/c.Backlog_Security_Review';
import openSixWeeksFlag from '@salesforce/label/c.Backlog_Flag_Open_Six_Weeks';
import reviewSlowFlag from '@salesforce/label/c.Backlog_Flag_Review_Slow';
import reviewMissingFlag from '@salesforce/label/c.Backlog_Flag_Review_Missing';
import loadingLabel from '@salesforce/label/c.Console_Loading';

const DAY = 86400000;
/** The operating model's targets: a request reviewed within the week, nothing open six weeks. */
export const SECURITY_REVIEW_DAYS = 7;
export const OPEN_DAYS = 42;

function daysBetween(from, to) {
    return Math.floor((Date.parse(to) - Date.parse(from)) / DAY);
}

/** What keeps a request from moving: a slow or missing security review, six weeks open. */
export function backlogFlags(request, today) {
    const flags = [];
    if (request.Open_Days__c !== null && request.Open_Days__c > OPEN_DAYS) {
        flags.push(openSixWeeksFlag);
    }
    if (request.Security_Review_Requested_On__c) {
        const end = request.Security_Review_Completed_On__c ?? today;
        if (daysBetween(request.Security_Review_Requested_On__c, end) > SECURITY_REVIEW_DAYS) {
            flags.push(reviewSlowFlag);
        }
    } else if (request.Changes_Access__c) {
        flags.push(reviewMissingFlag);
    }
    return flags;
}

export default class JointBacklog extends LightningElement {
    records = [];
    errors;
    isLoading = true;

    labels = {
        title: titleLabel,
        empty: emptyLabel,
        request: requestLabel,
        lead: leadLabel,
        owner: ownerLabel,
        status: statusLabel,
        openDays: openDaysLabel,
        review: reviewLabel,
        loading: loadingLabel
    };

    @wire(graphql, {
        query: gql`
            query jointBacklog {
                uiapi {
                    query {
                        Change_Request__c(
                            first: 200
                            where: { Status__c: { nin: ["Deployed", "Rejected", "Cancelled"] } }
                            orderBy: { Requested_On__c: { order: ASC } }
                        ) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    Request__c {
                                        value
                                    }
                                    Lead__c {
                                        value
                                    }
                                    Status__c {
                                        value
                                    }
                                    Requested_On__c {
                                        value
                                    }
                                    Open_Days__c {
                                        value
                                    }
                                    Changes_Access__c {
                                        value
                                    }
                                    Security_Review_Requested_On__c {
                                        value
                                    }
                                    Security_Review_Completed_On__c {
                                        value
                                    }
                                    Change_Owner__r {
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
    wiredBacklog(result) {
        applyWireResult(this, result, (data) => {
            this.records = unwrapEdges(data.uiapi.query.Change_Request__c).map(flattenNode);
            this.isLoading = false;
        });
    }

    get rows() {
        const today = userToday();
        return this.records.map((request) => {
            const flags = backlogFlags(request, today);
            return {
                id: request.Id,
                name: request.Name,
                request: request.Request__c,
                lead: request.Lead__c ?? '',
                owner: request.Change_Owner__r?.Name ?? '',
                status: request.Status__c ?? '',
                openDays: request.Open_Days__c === null ? '' : String(request.Open_Days__c),
                review: [formatDate(request.Security_Review_Requested_On__c), formatDate(request.Security_Review_Completed_On__c)]
                    .filter(Boolean)
                    .join(' → '),
                flags: flags.map((flag) => ({ key: `${request.Id}-${flag}`, label: flag })),
                rowClass: flags.length > 0 ? 'request flagged' : 'request'
            };
        });
    }

    get hasRows() {
        return this.records.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errors && !this.hasRows;
    }
}
