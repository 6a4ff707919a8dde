import { LightningElement, api, wire } from 'lwc';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import { picklistOptions, MASTER_RECORD_TYPE_ID, activeUserFilter } from 'c/consoleUtils';
import TREATMENT_FIELD from '@salesforce/schema/Risk__c.Treatment__c';
import ownerLabel from '@salesforce/label/c.Risk_Column_Owner';
import treatmentLabel from '@salesforce/label/c.Risk_Column_Treatment';
import saveLabel from '@salesforce/label/c.Console_Save';
import cancelLabel from '@salesforce/label/c.Console_Cancel';

/**
 * The risk register's panel for a risk's owner and treatment (and, to accept it, the decision it is
 * accepted under). The register owns the edit and the save; the panel shows `editing` and reports each
 * change as an `editchange` event with the field that changed, then `save` or `cancel`.
 */
export default class RiskEditPanel extends LightningElement {
    /** `{ title, ownerId, treatment, decisionId, error }` of the risk being edited. */
    @api editing = {};
    /** A save is running: the save button waits. */
    @api saving = false;

    labels = { owner: ownerLabel, treatment: treatmentLabel, save: saveLabel, cancel: cancelLabel };

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

    handleOwnerChange(event) {
        this.notify({ ownerId: event.detail.recordId ?? null });
    }

    handleTreatmentChange(event) {
        this.notify({ treatment: event.detail.value });
    }

    handleDecisionChange(event) {
        this.notify({ decisionId: event.detail.decisionId ?? null });
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
