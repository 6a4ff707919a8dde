import { LightningElement, api, wire } from 'lwc';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import { picklistOptions, MASTER_RECORD_TYPE_ID, activeUserFilter } from 'c/consoleUtils';
import ROLE_FIELD from '@salesforce/schema/RACI_Assignment__c.Role__c';
import roleLabel from '@salesforce/label/c.Raci_Role';
import personLabel from '@salesforce/label/c.Raci_Person';
import saveLabel from '@salesforce/label/c.Console_Save';
import cancelLabel from '@salesforce/label/c.Console_Cancel';

/**
 * The RACI matrix's panel to give a person a role in an area. The matrix owns the assignment and
 * writes it; the panel shows `assigning` and reports each change as an `assignchange` event with the
 * field that changed, then `save` or `cancel`.
 */
export default class RaciAssignPanel extends LightningElement {
    /** `{ title, role, userId }` of the assignment being made. */
    @api assigning = {};
    /** A write is running: the save button waits. */
    @api saving = false;

    labels = { role: roleLabel, person: personLabel, save: saveLabel, cancel: cancelLabel };

    // The roles are RACI_Assignment__c.Role__c's values in the org (never Accountable: that is the area's own field).
    @wire(getPicklistValues, { recordTypeId: MASTER_RECORD_TYPE_ID, fieldApiName: ROLE_FIELD })
    rolePicklist;

    get roleOptions() {
        return picklistOptions(this.rolePicklist);
    }

    get userFilter() {
        return activeUserFilter();
    }

    get cannotSave() {
        return this.saving || !this.assigning?.userId || !this.assigning?.role;
    }

    handleRoleChange(event) {
        this.notify({ role: event.detail.value });
    }

    handlePersonChange(event) {
        this.notify({ userId: event.detail.recordId ?? null });
    }

    handleSave() {
        this.dispatchEvent(new CustomEvent('save'));
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    notify(change) {
        this.dispatchEvent(new CustomEvent('assignchange', { detail: change }));
    }
}
