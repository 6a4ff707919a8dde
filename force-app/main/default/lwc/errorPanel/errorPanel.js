import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import errorTitle from '@salesforce/label/c.Error_Panel_Title';
import showDetailsLabel from '@salesforce/label/c.Error_Panel_Show_Details';

export default class ErrorPanel extends LightningElement {
    /** Single or array of LDS, GraphQL or JavaScript errors */
    @api errors;
    /** Summary shown above the details */
    @api friendlyMessage = errorTitle;

    viewDetails = false;
    labels = { showDetails: showDetailsLabel };

    get errorMessages() {
        return reduceErrors(this.errors);
    }

    get hasDetails() {
        return this.errorMessages.length > 0;
    }

    handleShowDetailsClick() {
        this.viewDetails = !this.viewDetails;
    }
}
