import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { NavigationMixin } from 'lightning/navigation';
import { unwrapEdges, pageInfoOf, flattenNode, formatDate, formatLabel, PageCollector, applyWireResult } from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Decision_Log_Title';
import emptyLabel from '@salesforce/label/c.Decision_Log_Empty';
import statusLabel from '@salesforce/label/c.Decision_Filter_Status';
import allStatusesLabel from '@salesforce/label/c.Decision_All_Statuses';
import supersedesLabel from '@salesforce/label/c.Decision_Supersedes';
import supersededByLabel from '@salesforce/label/c.Decision_Superseded_By';
import ownerLabel from '@salesforce/label/c.Decision_Owner';
import leadLabel from '@salesforce/label/c.Decision_Lead';
import decidedOnLabel from '@salesforce/label/c.Decision_Decided_On';
import expiresOnLabel from '@salesforce/label/c.Decision_Expires_On';
import loadMoreLabel from '@salesforce/label/c.Console_Load_More';
import loadingLabel from '@salesforce/label/c.Console_Loading';
import manageLabel from '@salesforce/label/c.Decision_Action_Manage';
import manageAltLabel from '@salesforce/label/c.Decision_Action_Manage_Alt';

export const STATUSES = ['Proposed', 'Accepted', 'Rejected', 'Deprecated', 'Superseded'];
const BADGE_CLASS = {
    Proposed: 'slds-badge',
    Accepted: 'slds-badge slds-theme_success',
    Rejected: 'slds-badge slds-theme_error',
    Deprecated: 'slds-badge slds-badge_lightest',
    Superseded: 'slds-badge slds-theme_warning'
};

export default class DecisionLog extends NavigationMixin(LightningElement) {
    /** Set on a record page: a Governance_Area__c shows its decisions, a Decision__c its supersede chain. */
    @api recordId;
    @api objectApiName;
    /** Decisions fetched per page. */
    @api pageSize = 50;

    status = '';
    after = null;
    errors;
    isLoading = true;
    hasNextPage = false;
    endCursor;
    pages = new PageCollector();
    refreshPage;

    labels = {
        title: titleLabel,
        empty: emptyLabel,
        status: statusLabel,
        supersedes: supersedesLabel,
        supersededBy: supersededByLabel,
        owner: ownerLabel,
        lead: leadLabel,
        decidedOn: decidedOnLabel,
        expiresOn: expiresOnLabel,
        loadMore: loadMoreLabel,
        loading: loadingLabel,
        manage: manageLabel
    };
    /** The decision whose lifecycle actions are open (one at a time). */
    managedId;

    get statusOptions() {
        return [{ label: allStatusesLabel, value: '' }, ...STATUSES.map((value) => ({ label: value, value }))];
    }

    get where() {
        const conditions = [];
        if (this.status) {
            conditions.push({ Status__c: { eq: this.status } });
        }
        if (this.recordId && this.objectApiName === 'Governance_Area__c') {
            conditions.push({ Governance_Area__c: { eq: this.recordId } });
        }
        if (this.recordId && this.objectApiName === 'Decision__c') {
            conditions.push({
                or: [{ Id: { eq: this.recordId } }, { Supersedes__c: { eq: this.recordId } }, { Superseded_By__c: { eq: this.recordId } }]
            });
        }
        return { and: conditions };
    }

    get variables() {
        return { first: Number(this.pageSize) || 50, after: this.after, where: this.where };
    }

    @wire(graphql, {
        query: gql`
            query decisionLog($first: Int, $after: String, $where: Decision__c_Filter) {
                uiapi {
                    query {
                        Decision__c(
                            first: $first
                            after: $after
                            where: $where
                            orderBy: { Decided_On__c: { order: DESC, nulls: LAST }, Name: { order: DESC } }
                        ) {
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
                                    Lead__c {
                                        value
                                    }
                                    Decided_On__c {
                                        value
                                    }
                                    Expires_On__c {
                                        value
                                    }
                                    Outcome__c {
                                        value
                                    }
                                    Decision_Owner__r {
                                        Name {
                                            value
                                        }
                                    }
                                    Supersedes__c {
                                        value
                                    }
                                    Supersedes__r {
                                        Name {
                                            value
                                        }
                                    }
                                    Superseded_By__c {
                                        value
                                    }
                                    Superseded_By__r {
                                        Name {
                                            value
                                        }
                                    }
                                }
                            }
                            pageInfo {
                                hasNextPage
                                endCursor
                            }
                            totalCount
                        }
                    }
                }
            }
        `,
        variables: '$variables'
    })
    wiredDecisions(result) {
        // Kept from an error too: the error panel's Try again re-reads through it.
        this.refreshPage = result.refresh;
        applyWireResult(this, result, (data) => {
            const connection = data.uiapi.query.Decision__c;
            this.pages.add(this.after, unwrapEdges(connection).map(flattenNode), result.refresh);
            ({ hasNextPage: this.hasNextPage, endCursor: this.endCursor } = pageInfoOf(connection));
            this.isLoading = false;
        });
    }

    get rows() {
        return this.pages.all.map((decision) => ({
            id: decision.Id,
            name: decision.Name,
            title: decision.Title__c,
            status: decision.Status__c,
            badgeClass: BADGE_CLASS[decision.Status__c] ?? 'slds-badge',
            lead: decision.Lead__c,
            owner: decision.Decision_Owner__r?.Name ?? '',
            decidedOn: formatDate(decision.Decided_On__c),
            expiresOn: formatDate(decision.Expires_On__c),
            expiresOnValue: decision.Expires_On__c ?? null,
            outcome: decision.Outcome__c ?? '',
            supersedesId: decision.Supersedes__c ?? null,
            isManaged: decision.Id === this.managedId,
            // Rejected, Deprecated and Superseded are final: nothing left to manage.
            canManage: decision.Status__c === 'Proposed' || decision.Status__c === 'Accepted',
            manageAlt: formatLabel(manageAltLabel, decision.Name),
            supersedes: decision.Supersedes__c
                ? { id: decision.Supersedes__c, name: decision.Supersedes__r?.Name ?? decision.Supersedes__c }
                : null,
            supersededBy: decision.Superseded_By__c
                ? { id: decision.Superseded_By__c, name: decision.Superseded_By__r?.Name ?? decision.Superseded_By__c }
                : null
        }));
    }

    get hasRows() {
        return this.rows.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errors && !this.hasRows;
    }

    handleStatusChange(event) {
        this.status = event.detail.value;
        this.restart();
    }

    handleManage(event) {
        const id = event.currentTarget.dataset.id;
        this.managedId = this.managedId === id ? undefined : id;
    }

    handleManageClose() {
        this.managedId = undefined;
    }

    /** A lifecycle action saved: re-read the log so both ends of a supersede show it. */
    handleDecisionChanged() {
        this.managedId = undefined;
        return this.refresh();
    }

    handleRetry() {
        this.errors = undefined;
        return this.refresh();
    }

    handleLoadMore() {
        this.after = this.endCursor;
    }

    handleOpen(event) {
        event.preventDefault();
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: event.currentTarget.dataset.id, objectApiName: 'Decision__c', actionName: 'view' }
        });
    }

    /** Re-reads the log from the first page, e.g. after the wizard created a decision. */
    @api
    refresh() {
        this.restart();
        return this.refreshPage ? this.refreshPage() : Promise.resolve();
    }

    restart() {
        this.pages.reset();
        this.after = null;
        this.isLoading = true;
    }
}
