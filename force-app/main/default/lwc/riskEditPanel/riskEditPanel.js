import { LightningElement, api, wire } from 'lwc';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import { picklistOptions, MASTER_RECORD_TYPE_ID, activeUserFilter } from 'c/consoleUtils';
import canAccept from '@salesforce/customPermission/Ownership_Console_Accept_Risk';
import TREATMENT_FIELD from '@salesforce/schema/Risk__c.Treatment__c';
import ownerLabel from '@salesforce/label/c.Risk_Column_Owner';
import treatmentLabel from '@salesforce/label/c.Risk_Column_Treatment';
import saveLabel from '@salesforce/label/c.Console_Save';
import cancelLabel from '@salesforce/label/c.Console_Cancel';
import newDecisionLabel from '@salesforce/label/c.Risk_Form_New_Decision';

/**
 * The risk register's panel for a risk's owner and treatment (and, to accept it, the decision it is
 * accepted under: picked, or recorded in place by a holder of the accept permission). The register owns
 * the edit and the save; the panel shows `editing` and reports each change as an `editchange` event with
 * the field that changed, then `save` or `cancel`.
 */
export default class RiskEditPanel extends LightningElement {
    /** `{ title, ownerId, treatment, decisionId, newDecision, decisionDraft, error }` of the risk being edited. */
    @api editing = {};
    /** A save is running: the save button waits. */
    @api saving = false;

    labels = { owner: ownerLabel, treatment: treatmentLabel, save: saveLabel, cancel: cancelLabel, newDecision: newDecisionLabel };

    // The treatments are the org's picklist values (translated, in the org's order).
    @wire(getPicklistValues, { recordTypeId: MASTER_RECORD_TYPE_ID, fieldApiName: TREATMENT_FIELD })
    treatmentPicklist;

    get treatmentOptions() {
        return picklistOptions(this.treatmentPicklist);
    }

    get userFilter() {
        return activeUserFilter();
    }

    get isAccepting() {
        return this.editing?.treatment === 'Accept';
    }

    /** Only holders of the accept permission may record the decision (Decision__c.Accept_Needs_Permission). */
    get canRecordDecision() {
        return Boolean(canAccept);
    }

    get createsDecision() {
        return this.canRecordDecision && Boolean(this.editing?.newDecision);
    }

    handleOwnerChange(event) {
        this.notify({ ownerId: event.detail.recordId ?? null });
    }

    handleTreatmentChange(event) {
        this.notify({ treatment: event.detail.value });
    }

    handleDecisionChange(event) {
        this.notify({ decisionId: event.detail.decisionId ?? null });
    }

    handleNewDecisionToggle(event) {
        this.notify({ newDecision: event.detail.checked });
    }

    handleDraftChange(event) {
        this.notify({ decisionDraft: event.detail });
    }

    handleSave() {
        this.dispatchEvent(new CustomEvent('save'));
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    notify(change) {
        this.dispatchEvent(new CustomEvent('editchange', { detail: change }));
    }
}
