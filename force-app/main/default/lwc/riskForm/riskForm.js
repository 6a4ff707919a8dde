import { LightningElement, api } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { formatLabel, activeUserFilter } from 'c/consoleUtils';
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

// The picklists as Risk__c's field metadata lists them (restricted value sets).
const CATEGORIES = ['Security', 'Compliance', 'Operational', 'Revenue', 'Data', 'Integration'];
const TREATMENTS = ['Mitigate', 'Accept', 'Transfer', 'Avoid'];
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
    message;
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
        failed: failedLabel
    };

    scaleOptions = SCALE;
    categoryOptions = CATEGORIES.map((value) => ({ label: value, value }));

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
            sourceRef: this.sourceRef ?? ''
        };
    }

    /** Accept is offered only to holders of the permission its validation rule checks. */
    get treatmentOptions() {
        return TREATMENTS.filter((value) => value !== 'Accept' || canAccept).map((value) => ({ label: value, value }));
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
        return this.form.treatment === 'Accept';
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

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    async handleCreate() {
        if (!this.form.name.trim() || !this.form.ownerId || (this.isAccept && !this.form.decisionId)) {
            this.message = requiredLabel;
            return;
        }
        this.errors = undefined;
        this.message = undefined;
        this.isSaving = true;
        try {
            const record = await createRecord({ apiName: RISK_OBJECT.objectApiName, fields: riskFields(this.form) });
            this.dispatchEvent(new ShowToastEvent({ title: formatLabel(createdLabel, this.form.name.trim()), variant: 'success' }));
            this.dispatchEvent(new CustomEvent('riskcreated', { detail: { id: record.id, sourceRef: this.form.sourceRef || null } }));
        } catch (error) {
            this.errors = error;
        } finally {
            this.isSaving = false;
        }
    }
}
