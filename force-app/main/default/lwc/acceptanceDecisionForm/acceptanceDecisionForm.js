import { LightningElement, api } from 'lwc';
import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import { activeUserFilter, formatLabel, userToday } from 'c/consoleUtils';
import DECISION_OBJECT from '@salesforce/schema/Decision__c';
import ID_FIELD from '@salesforce/schema/Decision__c.Id';
import TITLE_FIELD from '@salesforce/schema/Decision__c.Title__c';
import STATUS_FIELD from '@salesforce/schema/Decision__c.Status__c';
import OWNER_FIELD from '@salesforce/schema/Decision__c.Decision_Owner__c';
import DECIDED_ON_FIELD from '@salesforce/schema/Decision__c.Decided_On__c';
import EXPIRES_ON_FIELD from '@salesforce/schema/Decision__c.Expires_On__c';
import AREA_FIELD from '@salesforce/schema/Decision__c.Governance_Area__c';
import legendLabel from '@salesforce/label/c.Acceptance_Decision_Form_Legend';
import titleLabel from '@salesforce/label/c.Acceptance_Decision_Form_Title';
import ownerLabel from '@salesforce/label/c.Acceptance_Decision_Form_Owner';
import ownerHelpLabel from '@salesforce/label/c.Acceptance_Decision_Form_Owner_Help';
import expiresLabel from '@salesforce/label/c.Acceptance_Decision_Form_Expires';
import noteLabel from '@salesforce/label/c.Acceptance_Decision_Form_Note';
import leftLabel from '@salesforce/label/c.Acceptance_Decision_Left';

/** A draft is complete when it has what the form asks for: a title, an owner and an expiry date. */
export function isCompleteDraft(draft) {
    return Boolean(draft?.title?.trim() && draft.ownerId && draft.expiresOn);
}

/**
 * The fields of the acceptance decision, as createRecord takes them: Accepted on `today` (what
 * Risk__c.Accept_Needs_Accepted_Decision asks of the decision a risk is accepted under), with its expiry,
 * in the risk's governance area when it has one. The owner is the draft's: Acceptance_Decision_Not_Own
 * refuses the risk when it is the risk owner.
 */
export function decisionFields(draft, areaId, today) {
    const fields = {
        [TITLE_FIELD.fieldApiName]: draft.title.trim(),
        [STATUS_FIELD.fieldApiName]: 'Accepted',
        [OWNER_FIELD.fieldApiName]: draft.ownerId,
        [DECIDED_ON_FIELD.fieldApiName]: today,
        [EXPIRES_ON_FIELD.fieldApiName]: draft.expiresOn
    };
    if (areaId) {
        fields[AREA_FIELD.fieldApiName] = areaId;
    }
    return fields;
}

/** Creates the draft's Accepted decision, decided on the user's today; resolves to its id. */
export async function createAcceptanceDecision(draft, areaId) {
    const record = await createRecord({ apiName: DECISION_OBJECT.objectApiName, fields: decisionFields(draft, areaId, userToday()) });
    return record.id;
}

/**
 * Withdraws the decision created from `draft` for a risk whose write was then refused: deletes it, or where
 * the user may not delete decisions (Ownership_Console_User grants no delete), deprecates it, so that no
 * live acceptance is left without its risk. Resolves to undefined, or when both are refused to the message
 * naming the decision left.
 */
export async function withdrawAcceptanceDecision(id, draft) {
    try {
        await deleteRecord(id);
        return undefined;
    } catch {
        try {
            await updateRecord({ fields: { [ID_FIELD.fieldApiName]: id, [STATUS_FIELD.fieldApiName]: 'Deprecated' } });
            return undefined;
        } catch {
            return formatLabel(leftLabel, draft.title.trim());
        }
    }
}

/**
 * The acceptance decision recorded in place from the New risk form or the register's edit panel: title, owner and expiry. The parent owns
 * the draft (it passes it back down as `value`) and the writes; the form only reports each change.
 */
export default class AcceptanceDecisionForm extends LightningElement {
    /** The risk's owner: not offered as the decision's owner. */
    @api riskOwnerId;
    /** The draft, `{ title, ownerId, expiresOn }`. */
    @api value = {};

    labels = {
        legend: legendLabel,
        title: titleLabel,
        owner: ownerLabel,
        ownerHelp: ownerHelpLabel,
        expires: expiresLabel,
        note: noteLabel
    };

    get draft() {
        return this.value ?? {};
    }

    /** Active users other than the risk owner (a second pair of eyes). */
    get ownerFilter() {
        const filter = activeUserFilter();
        if (this.riskOwnerId) {
            filter.criteria.push({ fieldPath: 'Id', operator: 'ne', value: this.riskOwnerId });
        }
        return filter;
    }

    /** No expiry in the past: the risk's validation rule would refuse an expired decision. */
    get earliestExpiry() {
        return userToday();
    }

    handleField(event) {
        event.stopPropagation();
        this.notify({ [event.target.dataset.field]: event.detail.value });
    }

    handleOwnerChange(event) {
        event.stopPropagation();
        this.notify({ ownerId: event.detail.recordId ?? undefined });
    }

    notify(change) {
        this.dispatchEvent(new CustomEvent('change', { detail: { ...this.draft, ...change } }));
    }
}
