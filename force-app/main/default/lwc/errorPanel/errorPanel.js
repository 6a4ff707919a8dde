import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import errorTitle from '@salesforce/label/c.Error_Panel_Title';
import showDetailsLabel from '@salesforce/label/c.Error_Panel_Show_Details';
import retryLabel from '@salesforce/label/c.Error_Panel_Retry';

export default class ErrorPanel extends LightningElement {
    /** Single or array of LDS, GraphQL or JavaScript errors */
    @api errors;
    /** Summary shown above the details */
    @api friendlyMessage = errorTitle;
    /** Offers a Try again button that fires `retry`: the parent re-reads (a wire's refresh). */
    @api showRetry = false;

    viewDetails = false;
    labels = { showDetails: showDetailsLabel, retry: retryLabel };

    get errorMessages() {
        return reduceErrors(this.errors);
    }

    get hasDetails() {
        return this.errorMessages.length > 0;
    }

    handleRetryClick() {
        this.viewDetails = false;
        this.dispatchEvent(new CustomEvent('retry'));
    }

    handleShowDetailsClick() {
        this.viewDetails = !this.viewDetails;
    }
}
