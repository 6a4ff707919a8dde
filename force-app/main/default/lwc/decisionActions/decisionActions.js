import { LightningElement, api } from 'lwc';
import { updateRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { formatLabel, userToday } from 'c/consoleUtils';
import canAccept from '@salesforce/customPermission/Ownership_Console_Accept_Risk';
import ID_FIELD from '@salesforce/schema/Decision__c.Id';
import STATUS_FIELD from '@salesforce/schema/Decision__c.Status__c';
import DECIDED_ON_FIELD from '@salesforce/schema/Decision__c.Decided_On__c';
import EXPIRES_ON_FIELD from '@salesforce/schema/Decision__c.Expires_On__c';
import OUTCOME_FIELD from '@salesforce/schema/Decision__c.Outcome__c';
import SUPERSEDES_FIELD from '@salesforce/schema/Decision__c.Supersedes__c';
import SUPERSEDED_BY_FIELD from '@salesforce/schema/Decision__c.Superseded_By__c';
import acceptLabel from '@salesforce/label/c.Decision_Action_Accept';
import rejectLabel from '@salesforce/label/c.Decision_Action_Reject';
import deprecateLabel from '@salesforce/label/c.Decision_Action_Deprecate';
import supersedeLabel from '@salesforce/label/c.Decision_Action_Supersede';
import successorLabel from '@salesforce/label/c.Decision_Action_Successor';
import saveLabel from '@salesforce/label/c.Decision_Action_Save';
import closeLabel from '@salesforce/label/c.Decision_Action_Close';
import statusGroupLabel from '@salesforce/label/c.Decision_Action_Status_Group';
import noAcceptLabel from '@salesforce/label/c.Decision_Action_No_Accept';
import lockedLabel from '@salesforce/label/c.Decision_Action_Outcome_Locked';
import updatedLabel from '@salesforce/label/c.Decision_Action_Updated';
import expiresOnLabel from '@salesforce/label/c.Decision_Expires_On';
import failedLabel from '@salesforce/label/c.Decision_Action_Failed';
import outcomeLabel from '@salesforce/label/c.Decision_Action_Outcome';
import successorRequiredLabel from '@salesforce/label/c.Decision_Action_Successor_Required';

/** Where each status may go, as Decision__c's validation rules allow (an accepted one only ends). */
const NEXT = {
    Proposed: ['Accepted', 'Rejected', 'Deprecated', 'Superseded'],
    Accepted: ['Deprecated', 'Superseded']
};

/** The statuses a decision may move to; Accepted only for holders of the accept permission. */
export function allowedTransitions(status, mayAccept) {
    return (NEXT[status] ?? []).filter((next) => next !== 'Accepted' || mayAccept);
}

/**
 * The two writes of a supersede, in order: the successor names its predecessor first (harmless on its
 * own), then the predecessor names its successor and becomes Superseded in one update, so the two links
 * never disagree once both writes are done; the caller undoes the first if the second is refused.
 */
export function supersedeWrites(oldId, newId) {
    return [
        { fields: { [ID_FIELD.fieldApiName]: newId, [SUPERSEDES_FIELD.fieldApiName]: oldId } },
        {
            fields: {
                [ID_FIELD.fieldApiName]: oldId,
                [STATUS_FIELD.fieldApiName]: 'Superseded',
                [SUPERSEDED_BY_FIELD.fieldApiName]: newId
            }
        }
    ];
}

/** The lifecycle of one decision in the log: accept, reject, deprecate, supersede, expiry and outcome. */
export default class DecisionActions extends LightningElement {
    /** `{ id, name, status, expiresOnValue, outcome, supersedesId }` of the decision. */
    @api decision;
    /** Every decision of the log, `{ id, name, title, status, supersedesId }`: the successors to offer. */
    @api decisions = [];

    successorId;
    expiresOn;
    outcome;
    errors;
    message;
    isSaving = false;

    labels = {
        supersede: supersedeLabel,
        successor: successorLabel,
        save: saveLabel,
        close: closeLabel,
        statusGroup: statusGroupLabel,
        noAccept: noAcceptLabel,
        locked: lockedLabel,
        expiresOn: expiresOnLabel,
        outcome: outcomeLabel,
        failed: failedLabel
    };

    connectedCallback() {
        this.expiresOn = this.decision?.expiresOnValue ?? null;
        this.outcome = this.decision?.outcome ?? '';
    }

    get mayAccept() {
        return Boolean(canAccept);
    }

    get transitions() {
        return allowedTransitions(this.decision?.status, this.mayAccept);
    }

    get statusButtons() {
        const labels = { Accepted: acceptLabel, Rejected: rejectLabel, Deprecated: deprecateLabel };
        return this.transitions
            .filter((status) => status !== 'Superseded')
            .map((status) => ({
                status,
                label: labels[status],
                className: `status-action action-${status.toLowerCase()}`,
                variant: status === 'Accepted' ? 'brand' : 'neutral'
            }));
    }

    get hasStatusButtons() {
        return this.statusButtons.length > 0;
    }

    /** Proposed decisions the user cannot accept: say who can, rather than hide it silently. */
    get showNoAccept() {
        return this.decision?.status === 'Proposed' && !this.mayAccept;
    }

    get canSupersede() {
        return this.transitions.includes('Superseded') && this.successorOptions.length > 0;
    }

    get successorOptions() {
        const id = this.decision?.id;
        return (
            (this.decisions ?? [])
                // Supersedes__c holds one decision: a successor of another is not offered, or that chain would break.
                .filter(
                    (other) => other.id !== id && !other.supersedesId && !['Superseded', 'Rejected', 'Deprecated'].includes(other.status)
                )
                .map((other) => ({ label: `${other.name} ${other.title ?? ''}`.trim(), value: other.id }))
        );
    }

    /** Accepted_Body_Is_Locked: an accepted decision's outcome is part of the written record. */
    get outcomeLocked() {
        return this.decision?.status !== 'Proposed';
    }

    get canEditDetails() {
        return ['Proposed', 'Accepted'].includes(this.decision?.status);
    }

    handleSuccessorChange(event) {
        this.successorId = event.detail.value;
        this.message = undefined;
    }

    handleExpiresChange(event) {
        this.expiresOn = event.detail.value || null;
    }

    handleOutcomeChange(event) {
        this.outcome = event.detail.value;
    }

    handleClose() {
        this.dispatchEvent(new CustomEvent('close'));
    }

    async handleStatus(event) {
        const status = event.currentTarget.dataset.status;
        const fields = { [ID_FIELD.fieldApiName]: this.decision.id, [STATUS_FIELD.fieldApiName]: status };
        if (status === 'Accepted' || status === 'Rejected') {
            fields[DECIDED_ON_FIELD.fieldApiName] = userToday();
        }
        await this.save(async () => updateRecord({ fields }));
    }

    async handleSupersede() {
        if (!this.successorId) {
            this.message = successorRequiredLabel;
            return;
        }
        const [successor, predecessor] = supersedeWrites(this.decision.id, this.successorId);
        const previous = (this.decisions ?? []).find((other) => other.id === this.successorId)?.supersedesId ?? null;
        await this.save(async () => {
            await updateRecord(successor);
            try {
                await updateRecord(predecessor);
            } catch (error) {
                // Refused: put the successor's link back, so a half-done supersede leaves nothing behind.
                await updateRecord({
                    fields: { [ID_FIELD.fieldApiName]: this.successorId, [SUPERSEDES_FIELD.fieldApiName]: previous }
                }).catch(() => undefined);
                throw error;
            }
        });
    }

    async handleSaveDetails() {
        const fields = { [ID_FIELD.fieldApiName]: this.decision.id, [EXPIRES_ON_FIELD.fieldApiName]: this.expiresOn || null };
        if (!this.outcomeLocked) {
            fields[OUTCOME_FIELD.fieldApiName] = this.outcome;
        }
        await this.save(async () => updateRecord({ fields }));
    }

    async save(write) {
        this.errors = undefined;
        this.message = undefined;
        this.isSaving = true;
        try {
            await write();
            this.dispatchEvent(new ShowToastEvent({ title: formatLabel(updatedLabel, this.decision.name), variant: 'success' }));
            this.dispatchEvent(new CustomEvent('decisionchanged', { detail: { id: this.decision.id } }));
        } catch (error) {
            this.errors = error;
        } finally {
            this.isSaving = false;
        }
    }
}
