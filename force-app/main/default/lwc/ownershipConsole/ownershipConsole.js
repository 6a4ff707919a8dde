import { LightningElement } from 'lwc';
import raciLabel from '@salesforce/label/c.Console_Tab_Raci';
import risksLabel from '@salesforce/label/c.Console_Tab_Risks';
import decisionsLabel from '@salesforce/label/c.Console_Tab_Decisions';
import healthLabel from '@salesforce/label/c.Console_Tab_Health';
import integrationsLabel from '@salesforce/label/c.Console_Tab_Integrations';
import operatingModelLabel from '@salesforce/label/c.Console_Tab_Operating_Model';

/** The ownership console app page: every part of the console, a tab each. */
export default class OwnershipConsole extends LightningElement {
    labels = {
        raci: raciLabel,
        risks: risksLabel,
        decisions: decisionsLabel,
        health: healthLabel,
        integrations: integrationsLabel,
        operatingModel: operatingModelLabel
    };

    handleDecisionCreated() {
        return this.template.querySelector('c-decision-log')?.refresh();
    }
}
