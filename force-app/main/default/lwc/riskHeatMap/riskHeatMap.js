import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { publish, MessageContext } from 'lightning/messageService';
import RISK_FILTER_CHANNEL from '@salesforce/messageChannel/Risk_Filter__c';
import { unwrapEdges, pageInfoOf, riskLevel, levelClass, formatLabel, PageCollector, applyWireResult } from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Risk_Heat_Map_Title';
import captionLabel from '@salesforce/label/c.Risk_Heat_Map_Caption';
import basisLabel from '@salesforce/label/c.Risk_Basis';
import inherentLabel from '@salesforce/label/c.Risk_Basis_Inherent';
import residualLabel from '@salesforce/label/c.Risk_Basis_Residual';
import likelihoodLabel from '@salesforce/label/c.Risk_Likelihood';
import impactLabel from '@salesforce/label/c.Risk_Impact';
import cellLabel from '@salesforce/label/c.Risk_Heat_Map_Cell';
import aboveAppetiteLabel from '@salesforce/label/c.Risk_Above_Appetite';
import clearFilterLabel from '@salesforce/label/c.Risk_Clear_Filter';
import emptyLabel from '@salesforce/label/c.Risk_Heat_Map_Empty';
import unscoredLabel from '@salesforce/label/c.Risk_Heat_Map_Unscored';
import unscoredOneLabel from '@salesforce/label/c.Risk_Heat_Map_Unscored_One';
import selectedLabel from '@salesforce/label/c.Risk_Heat_Map_Selected';
import loadingLabel from '@salesforce/label/c.Console_Loading';
import lowLabel from '@salesforce/label/c.Risk_Level_Low';
import mediumLabel from '@salesforce/label/c.Risk_Level_Medium';
import highLabel from '@salesforce/label/c.Risk_Level_High';
import criticalLabel from '@salesforce/label/c.Risk_Level_Critical';

const SCALE = [1, 2, 3, 4, 5];
const LEVEL_LABELS = { Low: lowLabel, Medium: mediumLabel, High: highLabel, Critical: criticalLabel };
// UI API GraphQL returns at most 2000 records a page; the heat map follows the cursor to the end.
const PAGE_SIZE = 2000;

function emptyGrid() {
    return new Array(SCALE.length * SCALE.length).fill(0);
}

function cellIndex(likelihood, impact) {
    return (likelihood - 1) * SCALE.length + (impact - 1);
}

function onScale(value) {
    return Number.isInteger(value) && value >= 1 && value <= SCALE.length;
}

/**
 * Counts risks per likelihood × impact cell, for both bases, in one pass.
 * @param {Object[]} nodes Risk__c GraphQL nodes
 */
function aggregateRisks(nodes) {
    const counts = { inherent: emptyGrid(), residual: emptyGrid() };
    const unscored = { inherent: 0, residual: 0 };
    for (const node of nodes) {
        const inherentL = node.Inherent_Likelihood__c?.value;
        const inherentI = node.Inherent_Impact__c?.value;
        const residualL = node.Residual_Likelihood__c?.value;
        const residualI = node.Residual_Impact__c?.value;
        if (onScale(inherentL) && onScale(inherentI)) {
            counts.inherent[cellIndex(inherentL, inherentI)]++;
        } else {
            unscored.inherent++;
        }
        if (onScale(residualL) && onScale(residualI)) {
            counts.residual[cellIndex(residualL, residualI)]++;
        } else {
            unscored.residual++;
        }
    }
    return { counts, unscored, total: nodes.length };
}

export default class RiskHeatMap extends LightningElement {
    /** Basis shown first: inherent or residual. */
    @api defaultBasis = 'residual';
    /** Scores at or above this are outlined as above appetite (matches Above_Appetite__c at 10). */
    @api riskAppetite = 10;

    basis;
    after = null;
    aggregate;
    errors;
    isLoading = true;
    selectedCell;
    pages = new PageCollector();

    @wire(MessageContext) messageContext;

    labels = {
        title: titleLabel,
        basis: basisLabel,
        likelihood: likelihoodLabel,
        impact: impactLabel,
        clearFilter: clearFilterLabel,
        empty: emptyLabel,
        loading: loadingLabel
    };

    connectedCallback() {
        this.basis = this.defaultBasis === 'inherent' ? 'inherent' : 'residual';
    }

    get variables() {
        return { first: PAGE_SIZE, after: this.after };
    }

    @wire(graphql, {
        query: gql`
            query riskHeatMap($first: Int, $after: String) {
                uiapi {
                    query {
                        Risk__c(first: $first, after: $after, where: { Status__c: { ne: "Closed" } }) {
                            edges {
                                node {
                                    Id
                                    Inherent_Likelihood__c {
                                        value
                                    }
                                    Inherent_Impact__c {
                                        value
                                    }
                                    Residual_Likelihood__c {
                                        value
                                    }
                                    Residual_Impact__c {
                                        value
                                    }
                                }
                            }
                            pageInfo {
                                hasNextPage
                                endCursor
                            }
                            totalCount
                        }
                    }
                }
            }
        `,
        variables: '$variables'
    })
    wiredRisks(result) {
        applyWireResult(this, result, (data) => {
            const connection = data.uiapi.query.Risk__c;
            this.pages.add(this.after, unwrapEdges(connection));
            this.aggregate = aggregateRisks(this.pages.all);
            const { hasNextPage, endCursor } = pageInfoOf(connection);
            if (hasNextPage && endCursor) {
                this.after = endCursor;
            } else {
                this.isLoading = false;
            }
        });
    }

    get basisOptions() {
        return [
            { label: inherentLabel, value: 'inherent' },
            { label: residualLabel, value: 'residual' }
        ];
    }

    get caption() {
        return formatLabel(captionLabel, this.basis === 'inherent' ? inherentLabel : residualLabel);
    }

    get hasData() {
        return !!this.aggregate && this.aggregate.total > 0;
    }

    get isEmpty() {
        return !this.isLoading && !!this.aggregate && this.aggregate.total === 0;
    }

    get unscoredText() {
        const count = this.aggregate?.unscored[this.basis] ?? 0;
        if (count === 0) {
            return '';
        }
        return count === 1 ? unscoredOneLabel : formatLabel(unscoredLabel, count);
    }

    get selectedText() {
        return this.selectedCell ? formatLabel(selectedLabel, this.selectedCell.likelihood, this.selectedCell.impact) : '';
    }

    get impactHeaders() {
        return SCALE.map((impact) => ({ key: `impact-${impact}`, label: String(impact) }));
    }

    get rows() {
        const counts = this.aggregate.counts[this.basis];
        // Highest likelihood on top, as risk matrices are read.
        return [...SCALE].reverse().map((likelihood) => ({
            key: `likelihood-${likelihood}`,
            label: String(likelihood),
            cells: SCALE.map((impact) => this.buildCell(likelihood, impact, counts[cellIndex(likelihood, impact)]))
        }));
    }

    buildCell(likelihood, impact, count) {
        const score = likelihood * impact;
        const level = riskLevel(score);
        const aboveAppetite = score >= this.riskAppetite;
        const isSelected = this.selectedCell?.likelihood === likelihood && this.selectedCell?.impact === impact;
        const levelText = aboveAppetite ? `${LEVEL_LABELS[level]}, ${aboveAppetiteLabel}` : LEVEL_LABELS[level];
        return {
            key: `cell-${likelihood}-${impact}`,
            likelihood,
            impact,
            count,
            pressed: String(isSelected),
            ariaLabel: formatLabel(cellLabel, likelihood, impact, count, levelText),
            cellClass: `heat-cell ${levelClass(level)}${aboveAppetite ? ' heat-cell_above-appetite' : ''}`,
            buttonClass: `heat-button slds-button${isSelected ? ' heat-button_selected' : ''}${count === 0 ? ' heat-button_zero' : ''}`
        };
    }

    handleBasisChange(event) {
        this.basis = event.detail.value;
        if (this.selectedCell) {
            this.selectedCell = undefined;
            this.publishFilter(null, null);
        }
    }

    handleCellClick(event) {
        const likelihood = Number(event.currentTarget.dataset.likelihood);
        const impact = Number(event.currentTarget.dataset.impact);
        this.selectedCell = { likelihood, impact };
        this.publishFilter(likelihood, impact);
    }

    handleClearClick() {
        this.selectedCell = undefined;
        this.publishFilter(null, null);
    }

    publishFilter(likelihood, impact) {
        publish(this.messageContext, RISK_FILTER_CHANNEL, { likelihood, impact, basis: this.basis });
    }
}
