import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { unwrapEdges, pageInfoOf, flattenNode, formatDate, formatLabel, PageCollector, applyWireResult } from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Integration_Title';
import emptyLabel from '@salesforce/label/c.Integration_Empty';
import onlyFlaggedLabel from '@salesforce/label/c.Integration_Only_Flagged';
import ownerLabel from '@salesforce/label/c.Integration_Owner';
import onCallLabel from '@salesforce/label/c.Integration_On_Call';
import runbookLabel from '@salesforce/label/c.Integration_Runbook';
import connectedAppLabel from '@salesforce/label/c.Integration_Connected_App';
import classificationLabel from '@salesforce/label/c.Integration_Classification';
import lastReviewedLabel from '@salesforce/label/c.Integration_Last_Reviewed';
import noOwnerFlag from '@salesforce/label/c.Integration_Flag_No_Owner';
import ownerInactiveFlag from '@salesforce/label/c.Integration_Flag_Owner_Inactive';
import noOnCallFlag from '@salesforce/label/c.Integration_Flag_No_On_Call';
import noRunbookFlag from '@salesforce/label/c.Integration_Flag_No_Runbook';
import openRunbookLabel from '@salesforce/label/c.Integration_Open_Runbook';
import loadMoreLabel from '@salesforce/label/c.Console_Load_More';
import loadingLabel from '@salesforce/label/c.Console_Loading';

/** The gaps that make integrations break on a Friday with nobody to call. */
export function integrationFlags(integration) {
    const flags = [];
    if (!integration.Owner_User__c) {
        flags.push(noOwnerFlag);
    } else if (integration.Owner_User__r && integration.Owner_User__r.IsActive === false) {
        flags.push(ownerInactiveFlag);
    }
    if (!integration.On_Call__c) {
        flags.push(noOnCallFlag);
    }
    if (!integration.Runbook_URL__c) {
        flags.push(noRunbookFlag);
    }
    return flags;
}

export default class IntegrationInventory extends LightningElement {
    /** Integrations fetched per page. */
    @api pageSize = 50;
    /** Start with only the integrations that have a gap. */
    @api
    get flaggedOnly() {
        return this.showFlaggedOnly;
    }
    set flaggedOnly(value) {
        this.showFlaggedOnly = value;
    }

    showFlaggedOnly = false;

    after = null;
    hasNextPage = false;
    endCursor;
    errors;
    isLoading = true;
    pages = new PageCollector();

    labels = {
        title: titleLabel,
        empty: emptyLabel,
        onlyFlagged: onlyFlaggedLabel,
        owner: ownerLabel,
        onCall: onCallLabel,
        runbook: runbookLabel,
        connectedApp: connectedAppLabel,
        classification: classificationLabel,
        lastReviewed: lastReviewedLabel,
        loadMore: loadMoreLabel,
        loading: loadingLabel
    };

    get variables() {
        return { first: Number(this.pageSize) || 50, after: this.after };
    }

    @wire(graphql, {
        query: gql`
            query integrationInventory($first: Int, $after: String) {
                uiapi {
                    query {
                        Integration__c(
                            first: $first
                            after: $after
                            where: { Status__c: { ne: "Retired" } }
                            orderBy: { Name: { order: ASC } }
                        ) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    System__c {
                                        value
                                    }
                                    Direction__c {
                                        value
                                    }
                                    Owner_User__c {
                                        value
                                    }
                                    Owner_User__r {
                                        Name {
                                            value
                                        }
                                        IsActive {
                                            value
                                        }
                                    }
                                    On_Call__c {
                                        value
                                    }
                                    Runbook_URL__c {
                                        value
                                    }
                                    Connected_App_Name__c {
                                        value
                                    }
                                    Data_Classification__c {
                                        value
                                    }
                                    Last_Reviewed__c {
                                        value
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
    wiredIntegrations(result) {
        applyWireResult(this, result, (data) => {
            const connection = data.uiapi.query.Integration__c;
            this.pages.add(this.after, unwrapEdges(connection).map(flattenNode), result.refresh);
            ({ hasNextPage: this.hasNextPage, endCursor: this.endCursor } = pageInfoOf(connection));
            this.isLoading = false;
        });
    }

    get rows() {
        return this.pages.all
            .map((integration) => {
                const flags = integrationFlags(integration);
                return {
                    id: integration.Id,
                    name: integration.Name,
                    system: [integration.System__c, integration.Direction__c].filter(Boolean).join(' · '),
                    owner: integration.Owner_User__r?.Name ?? '',
                    onCall: integration.On_Call__c ?? '',
                    runbook: integration.Runbook_URL__c,
                    runbookLabel: formatLabel(openRunbookLabel, integration.Name),
                    connectedApp: integration.Connected_App_Name__c ?? '',
                    classification: integration.Data_Classification__c ?? '',
                    lastReviewed: formatDate(integration.Last_Reviewed__c),
                    flags: flags.map((flag) => ({ key: `${integration.Id}-${flag}`, label: flag })),
                    isFlagged: flags.length > 0,
                    rowClass: flags.length > 0 ? 'integration flagged' : 'integration'
                };
            })
            .filter((row) => !this.showFlaggedOnly || row.isFlagged);
    }

    get hasRows() {
        return this.rows.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errors && !this.hasRows;
    }

    handleOnlyFlagged(event) {
        this.showFlaggedOnly = event.target.checked;
    }

    handleLoadMore() {
        this.after = this.endCursor;
    }
}
