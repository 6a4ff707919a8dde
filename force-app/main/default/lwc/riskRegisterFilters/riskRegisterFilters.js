import { LightningElement, api, wire } from 'lwc';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import { picklistOptions, MASTER_RECORD_TYPE_ID } from 'c/consoleUtils';
import CATEGORY_FIELD from '@salesforce/schema/Risk__c.Category__c';
import searchLabel from '@salesforce/label/c.Risk_Search';
import categoryLabel from '@salesforce/label/c.Risk_Column_Category';
import allCategoriesLabel from '@salesforce/label/c.Risk_All_Categories';
import aboveAppetiteOnlyLabel from '@salesforce/label/c.Risk_Filter_Above_Appetite';
import overdueOnlyLabel from '@salesforce/label/c.Risk_Filter_Overdue';

const SEARCH_DELAY_MS = 300;

/**
 * The risk register's filter bar. The register passes the current filters down and gets each change
 * back as one `filterchange` event holding all of them; a search is reported once typing pauses, so
 * that each keystroke does not start a server query.
 */
export default class RiskRegisterFilters extends LightningElement {
    @api searchTerm = '';
    @api category = '';
    @api aboveAppetiteOnly = false;
    @api overdueOnly = false;

    searchTimer;

    labels = {
        search: searchLabel,
        category: categoryLabel,
        aboveAppetiteOnly: aboveAppetiteOnlyLabel,
        overdueOnly: overdueOnlyLabel
    };

    // The category filter offers the org's picklist values (translated, in the org's order).
    @wire(getPicklistValues, { recordTypeId: MASTER_RECORD_TYPE_ID, fieldApiName: CATEGORY_FIELD })
    categoryPicklist;

    disconnectedCallback() {
        clearTimeout(this.searchTimer);
    }

    get categoryOptions() {
        return picklistOptions(this.categoryPicklist, allCategoriesLabel);
    }

    handleSearchChange(event) {
        const term = (event.detail.value ?? '').trim();
        clearTimeout(this.searchTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => {
            if (term !== this.searchTerm) {
                this.notify({ searchTerm: term });
            }
        }, SEARCH_DELAY_MS);
    }

    handleCategoryChange(event) {
        this.notify({ category: event.detail.value });
    }

    handleAboveAppetiteChange(event) {
        this.notify({ aboveAppetiteOnly: event.target.checked });
    }

    handleOverdueChange(event) {
        this.notify({ overdueOnly: event.target.checked });
    }

    /** Reports only what changed: two changes before the next render must not undo each other. */
    notify(change) {
        this.dispatchEvent(new CustomEvent('filterchange', { detail: change }));
    }
}
