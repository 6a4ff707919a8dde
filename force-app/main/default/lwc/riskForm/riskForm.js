import { LightningElement, api, wire } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { formatLabel, activeUserFilter, picklistOptions, MASTER_RECORD_TYPE_ID } from 'c/consoleUtils';
import { createAcceptanceDecision, withdrawAcceptanceDecision, isCompleteDraft } from 'c/acceptanceDecisionForm';
import canAccept from '@salesforce/customPermission/Ownership_Console_Accept_Risk';
import RISK_OBJECT from '@salesforce/schema/Risk__c';
import NAME_FIELD from '@salesforce/schema/Risk__c.Name';
import STATEMENT_FIELD from '@salesforce/schema/Risk__c.Statement__c';
import CATEGORY_FIELD from '@salesforce/schema/Risk__c.Category__c';
import AREA_FIELD from '@salesforce/schema/Risk__c.Governance_Area__c';
import OWNER_FIELD from '@salesforce/schema/Risk__c.Risk_Owner__c';
import INHERENT_LIKELIHOOD_FIELD from '@salesforce/schema/Risk__c.Inherent_Likelihood__c';
import INHERENT_IMPACT_FIELD from '@salesforce/schema/Risk__c.Inherent_Impact__c';
import RESIDUAL_LIKELIHOOD_FIELD from '@salesforce/schema/Risk__c.Residual_Likelihood__c';
import RESIDUAL_IMPACT_FIELD from '@salesforce/schema/Risk__c.Residual_Impact__c';
import TREATMENT_FIELD from '@salesforce/schema/Risk__c.Treatment__c';
import MITIGATION_FIELD from '@salesforce/schema/Risk__c.Mitigation__c';
import DECISION_FIELD from '@salesforce/schema/Risk__c.Acceptance_Decision__c';
import SOURCE_REF_FIELD from '@salesforce/schema/Risk__c.Source_Ref__c';
import formTitleLabel from '@salesforce/label/c.Risk_Form_Title';
import nameLabel from '@salesforce/label/c.Risk_Form_Name';
import statementLabel from '@salesforce/label/c.Risk_Form_Statement';
import categoryLabel from '@salesforce/label/c.Risk_Form_Category';
import ownerLabel from '@salesforce/label/c.Risk_Form_Owner';
import likelihoodLabel from '@salesforce/label/c.Risk_Form_Likelihood';
import impactLabel from '@salesforce/label/c.Risk_Form_Impact';
import residualLikelihoodLabel from '@salesforce/label/c.Risk_Form_Residual_Likelihood';
import residualImpactLabel from '@salesforce/label/c.Risk_Form_Residual_Impact';
import treatmentLabel from '@salesforce/label/c.Risk_Form_Treatment';
import mitigationLabel from '@salesforce/label/c.Risk_Form_Mitigation';
import sourceLabel from '@salesforce/label/c.Risk_Form_Source';
import sourceHelpLabel from '@salesforce/label/c.Risk_Form_Source_Help';
import createLabel from '@salesforce/label/c.Risk_Form_Create';
import cancelLabel from '@salesforce/label/c.Decision_Cancel';
import createdLabel from '@salesforce/label/c.Risk_Form_Created';
import requiredLabel from '@salesforce/label/c.Risk_Form_Required';
import failedLabel from '@salesforce/label/c.Risk_Form_Failed';
import newDecisionLabel from '@salesforce/label/c.Risk_Form_New_Decision';
import decisionFailedLabel from '@salesforce/label/c.Risk_Form_Decision_Failed';
import decisionRequiredLabel from '@salesforce/label/c.Acceptance_Decision_Form_Required';

const SCALE = ['1', '2', '3', '4', '5'].map((value) => ({ label: value, value }));

/**
 * The fields of a new risk, as createRecord takes them: blanks left out, scores as numbers, the
 * acceptance decision only with Treatment Accept (Accept_Needs_Accepted_Decision asks for it then).
 */
export function riskFields(form) {
    const fields = {
        [NAME_FIELD.fieldApiName]: form.name.trim(),
        [OWNER_FIELD.fieldApiName]: form.ownerId,
        [TREATMENT_FIELD.fieldApiName]: form.treatment
    };
    const optional = {
        [STATEMENT_FIELD.fieldApiName]: form.statement,
        [CATEGORY_FIELD.fieldApiName]: form.category,
        [AREA_FIELD.fieldApiName]: form.areaId,
        [MITIGATION_FIELD.fieldApiName]: form.mitigation,
        [SOURCE_REF_FIELD.fieldApiName]: form.sourceRef
    };
    Object.entries(optional).forEach(([name, value]) => {
        if (value) {
            fields[name] = value;
        }
    });
    const scores = {
        [INHERENT_LIKELIHOOD_FIELD.fieldApiName]: form.inherentLikelihood,
        [INHERENT_IMPACT_FIELD.fieldApiName]: form.inherentImpact,
        [RESIDUAL_LIKELIHOOD_FIELD.fieldApiName]: form.residualLikelihood,
        [RESIDUAL_IMPACT_FIELD.fieldApiName]: form.residualImpact
    };
    Object.entries(scores).forEach(([name, value]) => {
        if (value) {
            fields[name] = Number(value);
        }
    });
    if (form.treatment === 'Accept' && form.decisionId) {
        fields[DECISION_FIELD.fieldApiName] = form.decisionId;
    }
    return fields;
}

/** A new risk, blank or from a health finding (its key as Source_Ref__c, so accepting it covers that finding only). */
export default class RiskForm extends LightningElement {
    /** The finding key the risk comes from (`ruleId:Type:Name`), kept in Source_Ref__c. */
    @api sourceRef;
    /** A first title, e.g. the finding's. */
    @api defaultName;
    /** A first statement, e.g. the finding's detail. */
    @api defaultStatement;
    /** The governance area of the finding. */
    @api governanceAreaId;

    form = {};
    errors;
    failedMessage = failedLabel;
    message;
    /** What is left of a decision that could not be withdrawn, to say so; undefined otherwise. */
    leftDecision;
    isSaving = false;

    labels = {
        title: formTitleLabel,
        name: nameLabel,
        statement: statementLabel,
        category: categoryLabel,
        owner: ownerLabel,
        treatment: treatmentLabel,
        mitigation: mitigationLabel,
        source: sourceLabel,
        sourceHelp: sourceHelpLabel,
        create: createLabel,
        cancel: cancelLabel,
        newDecision: newDecisionLabel
    };

    scaleOptions = SCALE;

    // Categories and treatments are the org's picklist values (translated, in the org's order).
    @wire(getPicklistValues, { recordTypeId: MASTER_RECORD_TYPE_ID, fieldApiName: CATEGORY_FIELD })
    categoryPicklist;

    @wire(getPicklistValues, { recordTypeId: MASTER_RECORD_TYPE_ID, fieldApiName: TREATMENT_FIELD })
    treatmentPicklist;

    connectedCallback() {
        this.form = {
            name: this.defaultName ?? '',
            statement: this.defaultStatement ?? '',
            category: '',
            areaId: this.governanceAreaId ?? '',
            ownerId: undefined,
            inherentLikelihood: '',
            inherentImpact: '',
            residualLikelihood: '',
            residualImpact: '',
            treatment: 'Mitigate',
            mitigation: '',
            decisionId: undefined,
            newDecision: false,
            decisionDraft: {},
            sourceRef: this.sourceRef ?? ''
        };
    }

    /** Accept is offered only to holders of the permission its validation rule checks. */
    get treatmentOptions() {
        return picklistOptions(this.treatmentPicklist).filter((option) => option.value !== 'Accept' || canAccept);
    }

    get categoryOptions() {
        return picklistOptions(this.categoryPicklist);
    }

    /** Inherent and residual likelihood and impact, 1 to 5 each (the heat map's axes). */
    get scoreFields() {
        return [
            ['inherentLikelihood', 'inherent-likelihood', likelihoodLabel],
            ['inherentImpact', 'inherent-impact', impactLabel],
            ['residualLikelihood', 'residual-likelihood', residualLikelihoodLabel],
            ['residualImpact', 'residual-impact', residualImpactLabel]
        ].map(([field, className, label]) => ({ field, className, label, value: this.form[field] }));
    }

    get isAccept() {
        return this.form.treatment === 'Accept' && Boolean(canAccept);
    }

    /** The acceptance decision is recorded in place rather than picked. */
    get createsDecision() {
        return this.isAccept && this.form.newDecision;
    }

    get hasSource() {
        return Boolean(this.form.sourceRef);
    }

    get userFilter() {
        return activeUserFilter();
    }

    handleField(event) {
        this.form = { ...this.form, [event.target.dataset.field]: event.detail.value };
        this.message = undefined;
    }

    handleOwnerChange(event) {
        this.form = { ...this.form, ownerId: event.detail.recordId ?? undefined };
    }

    handleDecisionChange(event) {
        this.form = { ...this.form, decisionId: event.detail.decisionId };
    }

    handleNewDecisionToggle(event) {
        this.form = { ...this.form, newDecision: event.detail.checked };
        this.message = undefined;
    }

    handleDraftChange(event) {
        this.form = { ...this.form, decisionDraft: event.detail };
        this.message = undefined;
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    /** What is missing before the writes, as the message to show; undefined when nothing is. */
    get missing() {
        if (!this.form.name.trim() || !this.form.ownerId || (this.isAccept && !this.createsDecision && !this.form.decisionId)) {
            return requiredLabel;
        }
        return this.createsDecision && !isCompleteDraft(this.form.decisionDraft) ? decisionRequiredLabel : undefined;
    }

    async handleCreate() {
        this.message = this.missing;
        if (this.message) {
            return;
        }
        this.errors = undefined;
        this.isSaving = true;
        this.leftDecision = undefined;
        try {
            let decisionId = this.form.decisionId;
            if (this.createsDecision) {
                this.failedMessage = decisionFailedLabel;
                decisionId = await createAcceptanceDecision(this.form.decisionDraft, this.form.areaId);
            }
            this.failedMessage = failedLabel;
            const record = await this.createRisk(decisionId);
            this.dispatchEvent(new ShowToastEvent({ title: formatLabel(createdLabel, this.form.name.trim()), variant: 'success' }));
            this.dispatchEvent(new CustomEvent('riskcreated', { detail: { id: record.id, sourceRef: this.form.sourceRef || null } }));
        } catch (error) {
            // The form stays open with the user's input, the refusal shown above it.
            this.errors = error;
        } finally {
            this.isSaving = false;
        }
    }

    /** The risk; if it is refused, a decision created for it just now is withdrawn, so nothing is left half-done. */
    async createRisk(decisionId) {
        try {
            return await createRecord({ apiName: RISK_OBJECT.objectApiName, fields: riskFields({ ...this.form, decisionId }) });
        } catch (error) {
            if (this.createsDecision) {
                this.leftDecision = await withdrawAcceptanceDecision(decisionId, this.form.decisionDraft);
            }
            throw error;
        }
    }
}
