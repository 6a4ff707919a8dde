import { LightningElement, api, wire } from 'lwc';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import { picklistOptions, MASTER_RECORD_TYPE_ID } from 'c/consoleUtils';
import LEAD_FIELD from '@salesforce/schema/Governance_Area__c.Lead__c';
import CATEGORY_FIELD from '@salesforce/schema/Governance_Area__c.Category__c';
import leadLabel from '@salesforce/label/c.Raci_Lead_Filter';
import allLeadsLabel from '@salesforce/label/c.Raci_All_Leads';
import categoryLabel from '@salesforce/label/c.Raci_Category_Filter';
import allCategoriesLabel from '@salesforce/label/c.Raci_All_Categories';
import personFilterLabel from '@salesforce/label/c.Raci_Person_Filter';
import allPeopleLabel from '@salesforce/label/c.Raci_All_People';
import myAreasLabel from '@salesforce/label/c.Raci_My_Areas';
import gapsOnlyLabel from '@salesforce/label/c.Raci_Gaps_Only';

/**
 * The RACI matrix's filter bar. It holds no filter state of its own: the matrix passes the current
 * filters down and gets each change back as a `filterchange` event holding the filter that changed.
 */
export default class RaciMatrixFilters extends LightningElement {
    @api lead = '';
    @api category = '';
    @api personId = '';
    @api myAreasOnly = false;
    @api gapsOnly = false;
    /** The matrix's people, `[{ id, name }]` in the order the columns show them. */
    @api people = [];

    labels = {
        lead: leadLabel,
        category: categoryLabel,
        personFilter: personFilterLabel,
        myAreas: myAreasLabel,
        gapsOnly: gapsOnlyLabel
    };

    // The lead and category filters offer the org's picklist values (translated, in the org's order).
    @wire(getPicklistValues, { recordTypeId: MASTER_RECORD_TYPE_ID, fieldApiName: LEAD_FIELD })
    leadPicklist;

    @wire(getPicklistValues, { recordTypeId: MASTER_RECORD_TYPE_ID, fieldApiName: CATEGORY_FIELD })
    categoryPicklist;

    get leadOptions() {
        return picklistOptions(this.leadPicklist, allLeadsLabel);
    }

    get categoryOptions() {
        return picklistOptions(this.categoryPicklist, allCategoriesLabel);
    }

    get personOptions() {
        return [{ label: allPeopleLabel, value: '' }, ...(this.people ?? []).map((person) => ({ label: person.name, value: person.id }))];
    }

    handleLeadChange(event) {
        this.notify({ lead: event.detail.value });
    }

    handleCategoryChange(event) {
        this.notify({ category: event.detail.value });
    }

    handlePersonChange(event) {
        this.notify({ personId: event.detail.value });
    }

    handleMyAreasChange(event) {
        this.notify({ myAreasOnly: event.target.checked });
    }

    handleGapsOnlyChange(event) {
        this.notify({ gapsOnly: event.target.checked });
    }

    /** Reports only what changed: two changes before the next render must not undo each other. */
    notify(change) {
        this.dispatchEvent(new CustomEvent('filterchange', { detail: change }));
    }
}
