import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe, MessageContext, APPLICATION_SCOPE } from 'lightning/messageService';
import RISK_FILTER_CHANNEL from '@salesforce/messageChannel/Risk_Filter__c';
import { reduceErrors } from 'c/ldsUtils';
import { unwrapEdges, pageInfoOf, flattenNode, formatLabel, PageCollector, applyWireResult } from 'c/consoleUtils';
import { createAcceptanceDecision, withdrawAcceptanceDecision, isCompleteDraft } from 'c/acceptanceDecisionForm';
import { buildWhere, buildOrderBy, pageSizeOf, cellFilterFrom, toRow, toFields, saveOutcome } from 'c/riskRegisterModel';
import ID_FIELD from '@salesforce/schema/Risk__c.Id';
import CATEGORY_FIELD from '@salesforce/schema/Risk__c.Category__c';
import OWNER_FIELD from '@salesforce/schema/Risk__c.Risk_Owner__c';
import TREATMENT_FIELD from '@salesforce/schema/Risk__c.Treatment__c';
import ACCEPTANCE_DECISION_FIELD from '@salesforce/schema/Risk__c.Acceptance_Decision__c';
import RESIDUAL_LIKELIHOOD_FIELD from '@salesforce/schema/Risk__c.Residual_Likelihood__c';
import RESIDUAL_IMPACT_FIELD from '@salesforce/schema/Risk__c.Residual_Impact__c';
import RESIDUAL_LEVEL_FIELD from '@salesforce/schema/Risk__c.Residual_Level__c';
import NEXT_REVIEW_FIELD from '@salesforce/schema/Risk__c.Next_Review_Date__c';
import titleLabel from '@salesforce/label/c.Risk_Register_Title';
import nameLabel from '@salesforce/label/c.Risk_Column_Name';
import ownerLabel from '@salesforce/label/c.Risk_Column_Owner';
import categoryLabel from '@salesforce/label/c.Risk_Column_Category';
import treatmentLabel from '@salesforce/label/c.Risk_Column_Treatment';
import residualLikelihoodLabel from '@salesforce/label/c.Risk_Column_Residual_Likelihood';
import residualImpactLabel from '@salesforce/label/c.Risk_Column_Residual_Impact';
import levelLabel from '@salesforce/label/c.Risk_Column_Residual_Level';
import nextReviewLabel from '@salesforce/label/c.Risk_Column_Next_Review';
import flagsLabel from '@salesforce/label/c.Risk_Column_Flags';
import aboveAppetiteFlag from '@salesforce/label/c.Risk_Flag_Above_Appetite';
import overdueFlag from '@salesforce/label/c.Risk_Flag_Overdue';
import cellFilterLabel from '@salesforce/label/c.Risk_Cell_Filter';
import clearFilterLabel from '@salesforce/label/c.Risk_Clear_Filter';
import loadMoreLabel from '@salesforce/label/c.Console_Load_More';
import loadingLabel from '@salesforce/label/c.Console_Loading';
import emptyLabel from '@salesforce/label/c.Risk_Register_Empty';
import countLabel from '@salesforce/label/c.Risk_Register_Count';
import editOwnerLabel from '@salesforce/label/c.Risk_Edit_Owner_Treatment';
import editTitleLabel from '@salesforce/label/c.Risk_Edit_Title';
import saveErrorLabel from '@salesforce/label/c.Risk_Save_Error';
import savedLabel from '@salesforce/label/c.Risk_Saved';
import decisionRequiredLabel from '@salesforce/label/c.Acceptance_Decision_Form_Required';
import decisionFailedLabel from '@salesforce/label/c.Risk_Edit_Decision_Failed';

const FLAG_LABELS = { 'above-appetite': aboveAppetiteFlag, overdue: overdueFlag };

export default class RiskRegister extends LightningElement {
    /** Risks fetched per page (Load more fetches the next). */
    @api pageSize = 50;
    /** Include closed risks. */
    @api showClosed = false;

    after = null;
    rows = [];
    totalCount = 0;
    hasNextPage = false;
    endCursor;
    errors;
    isLoading = true;
    isSaving = false;
    draftValues = [];
    saveErrors;
    statusMessage = '';

    searchTerm = '';
    category = '';
    aboveAppetiteOnly = false;
    overdueOnly = false;
    cellFilter;
    sortedBy = 'recordUrl';
    sortDirection = 'asc';

    editing;
    pages = new PageCollector();
    subscription;

    @wire(MessageContext) messageContext;

    labels = {
        title: titleLabel,
        clearFilter: clearFilterLabel,
        loadMore: loadMoreLabel,
        loading: loadingLabel,
        empty: emptyLabel
    };

    columns = [
        {
            label: nameLabel,
            fieldName: 'recordUrl',
            type: 'url',
            sortable: true,
            hideDefaultActions: true,
            wrapText: true,
            initialWidth: 220,
            typeAttributes: { label: { fieldName: 'Name' }, target: '_self' }
        },
        { label: ownerLabel, fieldName: 'ownerName', sortable: true, hideDefaultActions: true, initialWidth: 150 },
        { label: categoryLabel, fieldName: CATEGORY_FIELD.fieldApiName, sortable: true, hideDefaultActions: true, initialWidth: 130 },
        { label: treatmentLabel, fieldName: TREATMENT_FIELD.fieldApiName, sortable: true, hideDefaultActions: true, initialWidth: 130 },
        {
            label: residualLikelihoodLabel,
            fieldName: RESIDUAL_LIKELIHOOD_FIELD.fieldApiName,
            type: 'number',
            editable: true,
            sortable: true,
            hideDefaultActions: true,
            initialWidth: 190
        },
        {
            label: residualImpactLabel,
            fieldName: RESIDUAL_IMPACT_FIELD.fieldApiName,
            type: 'number',
            editable: true,
            sortable: true,
            hideDefaultActions: true,
            initialWidth: 170
        },
        { label: levelLabel, fieldName: RESIDUAL_LEVEL_FIELD.fieldApiName, sortable: true, hideDefaultActions: true, initialWidth: 160 },
        {
            label: nextReviewLabel,
            fieldName: NEXT_REVIEW_FIELD.fieldApiName,
            type: 'date-local',
            editable: true,
            sortable: true,
            hideDefaultActions: true,
            initialWidth: 150,
            typeAttributes: { year: 'numeric', month: 'short', day: '2-digit' }
        },
        {
            label: flagsLabel,
            fieldName: 'flags',
            hideDefaultActions: true,
            wrapText: true,
            initialWidth: 180,
            cellAttributes: { class: { fieldName: 'flagClass' } }
        },
        { type: 'action', typeAttributes: { rowActions: [{ label: editOwnerLabel, name: 'edit_owner_treatment' }] } }
    ];

    connectedCallback() {
        this.subscription = subscribe(this.messageContext, RISK_FILTER_CHANNEL, (message) => this.handleRiskFilter(message), {
            scope: APPLICATION_SCOPE
        });
    }

    disconnectedCallback() {
        unsubscribe(this.subscription);
        this.subscription = undefined;
    }

    get variables() {
        const where = buildWhere({
            showClosed: this.showClosed,
            searchTerm: this.searchTerm,
            category: this.category,
            aboveAppetiteOnly: this.aboveAppetiteOnly,
            overdueOnly: this.overdueOnly,
            cellFilter: this.cellFilter
        });
        return { first: pageSizeOf(this.pageSize), after: this.after, where, orderBy: buildOrderBy(this.sortedBy, this.sortDirection) };
    }

    @wire(graphql, {
        query: gql`
            query riskRegister($first: Int, $after: String, $where: Risk__c_Filter, $orderBy: Risk__c_OrderBy) {
                uiapi {
                    query {
                        Risk__c(first: $first, after: $after, where: $where, orderBy: $orderBy) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    Category__c {
                                        value
                                    }
                                    Status__c {
                                        value
                                    }
                                    Risk_Owner__c {
                                        value
                                    }
                                    Risk_Owner__r {
                                        Name {
                                            value
                                        }
                                    }
                                    Treatment__c {
                                        value
                                    }
                                    Acceptance_Decision__c {
                                        value
                                    }
                                    Residual_Likelihood__c {
                                        value
                                    }
                                    Residual_Impact__c {
                                        value
                                    }
                                    Residual_Level__c {
                                        value
                                    }
                                    Next_Review_Date__c {
                                        value
                                    }
                                    Above_Appetite__c {
                                        value
                                    }
                                    Review_Overdue__c {
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
    wiredRisks(result) {
        applyWireResult(this, result, (data) => {
            const connection = data.uiapi.query.Risk__c;
            this.pages.add(this.after, unwrapEdges(connection), result.refresh);
            this.rows = this.pages.all.map((node) => toRow(flattenNode(node), FLAG_LABELS));
            const info = pageInfoOf(connection);
            this.hasNextPage = info.hasNextPage;
            this.endCursor = info.endCursor;
            this.totalCount = info.totalCount ?? this.rows.length;
            this.isLoading = false;
        });
    }

    get hasRows() {
        return this.rows.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errors && this.rows.length === 0;
    }

    get countText() {
        return formatLabel(countLabel, this.rows.length, this.totalCount);
    }

    get cellFilterText() {
        return this.cellFilter
            ? formatLabel(cellFilterLabel, this.cellFilter.likelihood, this.cellFilter.impact, this.cellFilter.basis)
            : '';
    }

    /** Filters and sort change the server query: start again from the first page. */
    restartPaging() {
        this.pages.reset();
        this.after = null;
        this.isLoading = true;
        this.draftValues = [];
        this.saveErrors = undefined;
    }

    handleRiskFilter(message) {
        this.cellFilter = cellFilterFrom(message);
        this.restartPaging();
    }

    handleClearCellFilter() {
        this.cellFilter = undefined;
        this.restartPaging();
    }

    handleFilterChange(event) {
        // The filter bar reports the one filter that changed.
        ({
            searchTerm: this.searchTerm = this.searchTerm,
            category: this.category = this.category,
            aboveAppetiteOnly: this.aboveAppetiteOnly = this.aboveAppetiteOnly,
            overdueOnly: this.overdueOnly = this.overdueOnly
        } = event.detail);
        this.restartPaging();
    }

    handleSort(event) {
        this.sortedBy = event.detail.fieldName;
        this.sortDirection = event.detail.sortDirection;
        this.restartPaging();
    }

    handleLoadMore() {
        if (this.hasNextPage && this.endCursor) {
            this.isLoading = true;
            this.after = this.endCursor;
        }
    }

    handleRowAction(event) {
        const row = event.detail.row;
        this.editing = {
            Id: row.Id,
            title: formatLabel(editTitleLabel, row.Name),
            ownerId: row[OWNER_FIELD.fieldApiName],
            treatment: row[TREATMENT_FIELD.fieldApiName],
            decisionId: row[ACCEPTANCE_DECISION_FIELD.fieldApiName] ?? null
        };
    }

    handleEditChange(event) {
        this.editing = { ...this.editing, ...event.detail };
    }

    get isAccepting() {
        return this.editing?.treatment === 'Accept';
    }

    handleEditCancel() {
        this.editing = undefined;
    }

    /** The decision is recorded in place (the panel offers it only to holders of the accept permission). */
    get createsDecision() {
        return this.isAccepting && Boolean(this.editing.newDecision);
    }

    async handleEditSave() {
        const draft = {
            [ID_FIELD.fieldApiName]: this.editing.Id,
            [OWNER_FIELD.fieldApiName]: this.editing.ownerId,
            [TREATMENT_FIELD.fieldApiName]: this.editing.treatment
        };
        const decisionDraft = this.editing.decisionDraft;
        if (this.createsDecision && !isCompleteDraft(decisionDraft)) {
            this.editing = { ...this.editing, error: decisionRequiredLabel };
            return;
        }
        let createdId;
        if (this.createsDecision) {
            this.isSaving = true;
            try {
                createdId = await createAcceptanceDecision(decisionDraft);
            } catch (error) {
                this.isSaving = false;
                this.editing = { ...this.editing, error: [decisionFailedLabel, ...reduceErrors(error)].join(' ') };
                return;
            }
        }
        // Accepting names the decision it is accepted under (the validation rule requires one).
        if (this.isAccepting) {
            draft[ACCEPTANCE_DECISION_FIELD.fieldApiName] = createdId ?? this.editing.decisionId;
        }
        const failed = await this.saveDrafts([draft]);
        if (failed.length === 0) {
            this.editing = undefined;
            return;
        }
        // Say why in the panel itself: the table's error bubble is a click away from the panel.
        const left = createdId ? await withdrawAcceptanceDecision(createdId, decisionDraft) : undefined;
        this.editing = { ...this.editing, error: [...this.saveErrors.rows[draft.Id].messages, left].filter(Boolean).join(' ') };
    }

    async handleSave(event) {
        const failed = await this.saveDrafts(event.detail.draftValues);
        this.draftValues = failed;
    }

    /**
     * Saves each draft as its own updateRecord so that one row's validation error does not block the others.
     * @return {Promise<Object[]>} the drafts that failed
     */
    async saveDrafts(drafts) {
        this.isSaving = true;
        this.statusMessage = '';
        const results = await Promise.allSettled(drafts.map((draft) => updateRecord({ fields: toFields(draft) })));
        const { failed, savedIds, errors } = saveOutcome(drafts, results, reduceErrors, saveErrorLabel);
        this.saveErrors = errors;
        if (savedIds.size) {
            this.statusMessage = formatLabel(savedLabel, savedIds.size);
            try {
                // Formula fields (level, flags) and filter membership change server-side: re-fetch the touched pages.
                await this.pages.refreshWhere((node) => savedIds.has(node.Id));
            } catch (error) {
                this.errors = error;
            }
        }
        this.isSaving = false;
        return failed;
    }
}
