import { LightningElement } from 'lwc';
import raciLabel from '@salesforce/label/c.Console_Tab_Raci';
import risksLabel from '@salesforce/label/c.Console_Tab_Risks';
import decisionsLabel from '@salesforce/label/c.Console_Tab_Decisions';
import healthLabel from '@salesforce/label/c.Console_Tab_Health';
import integrationsLabel from '@salesforce/label/c.Console_Tab_Integrations';
import sectionLabel from '@salesforce/label/c.Console_Section';
import operatingModelLabel from '@salesforce/label/c.Console_Tab_Operating_Model';
import newRiskLabel from '@salesforce/label/c.Risk_Form_New';

// Five tabs do not fit a phone's width: the tab bar would hide some behind an overflow menu.
const NARROW_QUERY = '(max-width: 30em)';

/** The ownership console app page: every part of the console, a tab each (a section picker on phones). */
export default class OwnershipConsole extends LightningElement {
    labels = {
        raci: raciLabel,
        risks: risksLabel,
        decisions: decisionsLabel,
        health: healthLabel,
        integrations: integrationsLabel,
        section: sectionLabel,
        operatingModel: operatingModelLabel,
        newRisk: newRiskLabel
    };

    // New risk (s12w): the form above the heat map and register; after a create both are mounted
    // afresh (a new key), so they read the new risk without knowing about the form.
    isCreatingRisk = false;
    riskViewGeneration = 0;

    get riskViews() {
        return [{ key: `risk-views-${this.riskViewGeneration}` }];
    }

    handleNewRisk() {
        this.isCreatingRisk = true;
    }

    handleRiskFormClose() {
        this.isCreatingRisk = false;
    }

    handleRiskCreated() {
        this.isCreatingRisk = false;
        this.riskViewGeneration += 1;
    }

    activeTab = 'raci';
    isNarrow = false;
    media;

    connectedCallback() {
        if (typeof window.matchMedia === 'function') {
            this.media = window.matchMedia(NARROW_QUERY);
            this.isNarrow = this.media.matches;
            this.mediaListener = (event) => {
                this.isNarrow = event.matches;
            };
            this.media.addEventListener('change', this.mediaListener);
        }
    }

    disconnectedCallback() {
        this.media?.removeEventListener('change', this.mediaListener);
    }

    get sectionOptions() {
        return [
            { label: raciLabel, value: 'raci' },
            { label: risksLabel, value: 'risks' },
            { label: decisionsLabel, value: 'decisions' },
            { label: healthLabel, value: 'health' },
            { label: integrationsLabel, value: 'integrations' },
            { label: operatingModelLabel, value: 'operating-model' }
        ];
    }

    get showRaci() {
        return this.activeTab === 'raci';
    }

    get showRisks() {
        return this.activeTab === 'risks';
    }

    get showDecisions() {
        return this.activeTab === 'decisions';
    }

    get showHealth() {
        return this.activeTab === 'health';
    }

    get showIntegrations() {
        return this.activeTab === 'integrations';
    }

    get showOperatingModel() {
        return this.activeTab === 'operating-model';
    }

    handleSectionChange(event) {
        this.activeTab = event.detail.value;
    }

    handleTabActive(event) {
        this.activeTab = event.target.value;
    }

    handleDecisionCreated() {
        return this.template.querySelector('c-decision-log')?.refresh();
    }
}
