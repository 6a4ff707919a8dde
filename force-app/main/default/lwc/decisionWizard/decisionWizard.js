import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { unwrapEdges, flattenNode, formatLabel, applyWireResult } from 'c/consoleUtils';
import DECISION_OBJECT from '@salesforce/schema/Decision__c';
import TITLE_FIELD from '@salesforce/schema/Decision__c.Title__c';
import STATUS_FIELD from '@salesforce/schema/Decision__c.Status__c';
import OWNER_FIELD from '@salesforce/schema/Decision__c.Decision_Owner__c';
import AREA_FIELD from '@salesforce/schema/Decision__c.Governance_Area__c';
import CHANGES_REVENUE_FIELD from '@salesforce/schema/Decision__c.Changes_Revenue__c';
import CHANGES_ACCESS_FIELD from '@salesforce/schema/Decision__c.Changes_Access__c';
import CONTEXT_FIELD from '@salesforce/schema/Decision__c.Context__c';
import OUTCOME_FIELD from '@salesforce/schema/Decision__c.Outcome__c';
import EXPIRES_ON_FIELD from '@salesforce/schema/Decision__c.Expires_On__c';
import outcomeFieldLabel from '@salesforce/label/c.Decision_Action_Outcome';
import expiresOnFieldLabel from '@salesforce/label/c.Decision_Expires_On';
import titleLabel from '@salesforce/label/c.Decision_Wizard_Title';
import revenueQuestion from '@salesforce/label/c.Decision_Question_Revenue';
import accessQuestion from '@salesforce/label/c.Decision_Question_Access';
import yesLabel from '@salesforce/label/c.Decision_Yes';
import noLabel from '@salesforce/label/c.Decision_No';
import nextLabel from '@salesforce/label/c.Decision_Next';
import backLabel from '@salesforce/label/c.Decision_Back';
import cancelLabel from '@salesforce/label/c.Decision_Cancel';
import createLabel from '@salesforce/label/c.Decision_Create';
import leadSalesOps from '@salesforce/label/c.Decision_Lead_SalesOps';
import leadIt from '@salesforce/label/c.Decision_Lead_IT';
import leadJoint from '@salesforce/label/c.Decision_Lead_Joint';
import leadArea from '@salesforce/label/c.Decision_Lead_Area';
import titleFieldLabel from '@salesforce/label/c.Decision_Title_Field';
import areaFieldLabel from '@salesforce/label/c.Decision_Area_Field';
import noAreaLabel from '@salesforce/label/c.Decision_No_Area';
import ownerFieldLabel from '@salesforce/label/c.Decision_Owner_Field';
import contextFieldLabel from '@salesforce/label/c.Decision_Context_Field';
import createdLabel from '@salesforce/label/c.Decision_Created';
import requiredLabel from '@salesforce/label/c.Decision_Required';
import answerRequiredLabel from '@salesforce/label/c.Decision_Answer_Required';
import stepLabel from '@salesforce/label/c.Decision_Step';

const STEPS = ['revenue', 'access', 'details'];

/**
 * The decision tree as the Decision__c.Lead__c formula states it: both → Joint, revenue → SalesOps,
 * access → IT, neither → the area's lead, else SalesOps.
 */
export function whoLeads(changesRevenue, changesAccess, areaLead) {
    if (changesRevenue && changesAccess) {
        return 'Joint';
    }
    if (changesRevenue) {
        return 'SalesOps';
    }
    if (changesAccess) {
        return 'IT';
    }
    return areaLead || 'SalesOps';
}

export default class DecisionWizard extends LightningElement {
    /** Preselects the area on a Governance_Area__c record page. */
    @api recordId;

    step = 'revenue';
    changesRevenue;
    changesAccess;
    title = '';
    areaId = '';
    ownerId;
    context = '';
    outcome = '';
    expiresOn = null;
    message;
    errors;
    isSaving = false;
    areas = [];

    labels = {
        title: titleLabel,
        revenueQuestion,
        accessQuestion,
        next: nextLabel,
        back: backLabel,
        cancel: cancelLabel,
        create: createLabel,
        titleField: titleFieldLabel,
        areaField: areaFieldLabel,
        ownerField: ownerFieldLabel,
        contextField: contextFieldLabel,
        outcomeField: outcomeFieldLabel,
        expiresOnField: expiresOnFieldLabel
    };

    yesNoOptions = [
        { label: yesLabel, value: 'yes' },
        { label: noLabel, value: 'no' }
    ];

    connectedCallback() {
        if (this.recordId) {
            this.areaId = this.recordId;
        }
    }

    @wire(graphql, {
        query: gql`
            query decisionWizardAreas {
                uiapi {
                    query {
                        Governance_Area__c(first: 200, orderBy: { Name: { order: ASC } }) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    Lead__c {
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
    wiredAreas(result) {
        this.refreshAreas = result.refresh;
        // Areas that come with errors (a partial result) still let the user walk the tree.
        applyWireResult(
            this,
            result,
            (data) => {
                this.areas = unwrapEdges(data.uiapi.query.Governance_Area__c).map(flattenNode);
                this.areasFailed = false;
            },
            {
                preferData: true,
                onErrors: () => {
                    this.areasFailed = true;
                }
            }
        );
    }

    /** Reading the areas failed (not a refused save): the panel offers to read them again. */
    areasFailed = false;

    handleRetry() {
        this.errors = undefined;
        return this.refreshAreas?.();
    }

    get isRevenueStep() {
        return this.step === 'revenue';
    }

    get isAccessStep() {
        return this.step === 'access';
    }

    get isDetailsStep() {
        return this.step === 'details';
    }

    get stepText() {
        return formatLabel(stepLabel, STEPS.indexOf(this.step) + 1);
    }

    get revenueValue() {
        return this.answerValue(this.changesRevenue);
    }

    get accessValue() {
        return this.answerValue(this.changesAccess);
    }

    answerValue(answer) {
        if (answer === undefined) {
            return undefined;
        }
        return answer ? 'yes' : 'no';
    }

    get areaOptions() {
        return [{ label: noAreaLabel, value: '' }, ...this.areas.map((area) => ({ label: area.Name, value: area.Id }))];
    }

    get selectedArea() {
        return this.areas.find((area) => area.Id === this.areaId);
    }

    get lead() {
        return whoLeads(this.changesRevenue, this.changesAccess, this.selectedArea?.Lead__c);
    }

    get leadExplanation() {
        if (!this.changesRevenue && !this.changesAccess) {
            return formatLabel(leadArea, this.lead);
        }
        return { Joint: leadJoint, SalesOps: leadSalesOps, IT: leadIt }[this.lead];
    }

    get leadBadgeClass() {
        return this.lead === 'Joint' ? 'slds-badge slds-theme_warning lead-badge' : 'slds-badge slds-theme_info lead-badge';
    }

    handleRevenueAnswer(event) {
        this.changesRevenue = event.detail.value === 'yes';
        this.message = undefined;
    }

    handleAccessAnswer(event) {
        this.changesAccess = event.detail.value === 'yes';
        this.message = undefined;
    }

    handleNext() {
        const answered = this.step === 'revenue' ? this.changesRevenue : this.changesAccess;
        if (answered === undefined) {
            this.message = answerRequiredLabel;
            return;
        }
        this.message = undefined;
        this.step = STEPS[STEPS.indexOf(this.step) + 1];
    }

    handleBack() {
        this.message = undefined;
        this.step = STEPS[Math.max(0, STEPS.indexOf(this.step) - 1)];
    }

    handleCancel() {
        this.reset();
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    handleTitleChange(event) {
        this.title = event.detail.value;
    }

    handleAreaChange(event) {
        this.areaId = event.detail.value;
    }

    handleOwnerChange(event) {
        this.ownerId = event.detail.recordId ?? undefined;
    }

    handleContextChange(event) {
        this.context = event.detail.value;
    }

    handleOutcomeChange(event) {
        this.outcome = event.detail.value;
    }

    handleExpiresChange(event) {
        this.expiresOn = event.detail.value || null;
    }

    async handleCreate() {
        if (!this.title.trim() || !this.ownerId) {
            this.message = requiredLabel;
            return;
        }
        this.message = undefined;
        this.errors = undefined;
        this.isSaving = true;
        const fields = {
            [TITLE_FIELD.fieldApiName]: this.title.trim(),
            [STATUS_FIELD.fieldApiName]: 'Proposed',
            [OWNER_FIELD.fieldApiName]: this.ownerId,
            [CHANGES_REVENUE_FIELD.fieldApiName]: this.changesRevenue,
            [CHANGES_ACCESS_FIELD.fieldApiName]: this.changesAccess,
            [CONTEXT_FIELD.fieldApiName]: this.context
        };
        if (this.areaId) {
            fields[AREA_FIELD.fieldApiName] = this.areaId;
        }
        // Optional at creation; editable later from the log while the decision is Proposed (expiry always).
        if (this.outcome.trim()) {
            fields[OUTCOME_FIELD.fieldApiName] = this.outcome.trim();
        }
        if (this.expiresOn) {
            fields[EXPIRES_ON_FIELD.fieldApiName] = this.expiresOn;
        }
        try {
            const record = await createRecord({ apiName: DECISION_OBJECT.objectApiName, fields });
            const name = record.fields?.Name?.value ?? this.title;
            this.dispatchEvent(new ShowToastEvent({ title: formatLabel(createdLabel, name), variant: 'success' }));
            this.dispatchEvent(new CustomEvent('decisioncreated', { detail: { id: record.id, lead: this.lead } }));
            this.reset();
        } catch (error) {
            this.errors = error;
            this.areasFailed = false;
        } finally {
            this.isSaving = false;
        }
    }

    reset() {
        this.step = 'revenue';
        this.changesRevenue = undefined;
        this.changesAccess = undefined;
        this.title = '';
        this.areaId = this.recordId ?? '';
        this.ownerId = undefined;
        this.context = '';
        this.outcome = '';
        this.expiresOn = null;
        this.message = undefined;
    }
}
