import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import USER_ID from '@salesforce/user/Id';
import isConsoleAdmin from '@salesforce/customPermission/Ownership_Console_Accept_Risk';
import AREA_ID_FIELD from '@salesforce/schema/Governance_Area__c.Id';
import LAST_REVIEWED_FIELD from '@salesforce/schema/Governance_Area__c.Last_Reviewed__c';
import { countsFromAggregate } from './healthCounts';
import {
    unwrapEdges,
    pageInfoOf,
    flattenNode,
    formatLabel,
    severityRank,
    severityBadgeClass,
    SEVERITIES,
    PageCollector,
    applyWireResult,
    userToday
} from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Health_Title';
import noRunLabel from '@salesforce/label/c.Health_No_Run';
import noRunAdminLabel from '@salesforce/label/c.Health_No_Run_Admin';
import actionsColumn from '@salesforce/label/c.Health_Column_Actions';
import createRiskLabel from '@salesforce/label/c.Health_Create_Risk';
import createRiskAltLabel from '@salesforce/label/c.Health_Create_Risk_Alt';
import markReviewedLabel from '@salesforce/label/c.Health_Mark_Reviewed';
import markReviewedAltLabel from '@salesforce/label/c.Health_Mark_Reviewed_Alt';
import markedReviewedLabel from '@salesforce/label/c.Health_Marked_Reviewed';
import countsPartialLabel from '@salesforce/label/c.Health_Counts_Partial';
import scoreLabel from '@salesforce/label/c.Health_Score';
import trendLabel from '@salesforce/label/c.Health_Trend';
import trendTextLabel from '@salesforce/label/c.Health_Trend_Text';
import bySeverityLabel from '@salesforce/label/c.Health_Open_By_Severity';
import byLeadLabel from '@salesforce/label/c.Health_Open_By_Lead';
import assignedToMeLabel from '@salesforce/label/c.Health_Assigned_To_Me';
import mttrLabel from '@salesforce/label/c.Health_MTTR';
import mttrValueLabel from '@salesforce/label/c.Health_MTTR_Value';
import mttrNoneLabel from '@salesforce/label/c.Health_MTTR_None';
import pastTargetLabel from '@salesforce/label/c.Health_Past_Target';
import onlyMineLabel from '@salesforce/label/c.Health_Only_Mine';
import severityColumn from '@salesforce/label/c.Health_Column_Severity';
import ruleColumn from '@salesforce/label/c.Health_Column_Rule';
import componentColumn from '@salesforce/label/c.Health_Column_Component';
import areaColumn from '@salesforce/label/c.Health_Column_Area';
import assigneeColumn from '@salesforce/label/c.Health_Column_Assignee';
import ageColumn from '@salesforce/label/c.Health_Column_Age';
import noFindingsLabel from '@salesforce/label/c.Health_No_Findings';
import loadMoreLabel from '@salesforce/label/c.Console_Load_More';
import loadingLabel from '@salesforce/label/c.Console_Loading';

const DAY_MS = 86_400_000;
const LEADS = ['IT', 'SalesOps', 'Joint'];
const TREND_WIDTH = 200;
const TREND_HEIGHT = 40;

/** Rules whose Governance_Area__c findings its Accountable clears by reviewing the area. */
const REVIEW_RULE = 'gov.review-overdue';

function daysBetween(from, to) {
    return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

export default class HealthOverview extends LightningElement {
    /** Days within which a finding should be resolved (the MTTR target). */
    @api mttrTargetDays = 5;
    /** Findings fetched per page. */
    @api pageSize = 200;

    runs = [];
    after = null;
    hasNextPage = false;
    endCursor;
    errors;
    isLoading = true;
    onlyMine = false;
    pages = new PageCollector();
    /** Counts over every finding in the org (aggregate query); null until it answers or when it fails. */
    counts = null;
    countsErrors;
    refreshFindings;
    refreshCounts;
    /** The finding a risk is being created from, `{ key, name, areaId }`. */
    riskSource;
    reviewErrors;

    labels = {
        title: titleLabel,
        noRun: isConsoleAdmin ? noRunAdminLabel : noRunLabel,
        actions: actionsColumn,
        createRisk: createRiskLabel,
        markReviewed: markReviewedLabel,
        countsPartial: countsPartialLabel,
        score: scoreLabel,
        trend: trendLabel,
        bySeverity: bySeverityLabel,
        byLead: byLeadLabel,
        assignedToMe: assignedToMeLabel,
        mttr: mttrLabel,
        pastTarget: pastTargetLabel,
        onlyMine: onlyMineLabel,
        severity: severityColumn,
        rule: ruleColumn,
        component: componentColumn,
        area: areaColumn,
        assignee: assigneeColumn,
        age: ageColumn,
        noFindings: noFindingsLabel,
        loadMore: loadMoreLabel,
        loading: loadingLabel
    };

    get variables() {
        return { first: Number(this.pageSize) || 200, after: this.after };
    }

    /** Fixed when the component connects: the wire re-reads only on refresh, not on every render. */
    countVariables;

    connectedCallback() {
        const target = Number(this.mttrTargetDays) || 5;
        this.countVariables = { userId: USER_ID, breachedBefore: new Date(Date.now() - target * DAY_MS).toISOString() };
    }

    @wire(graphql, {
        query: gql`
            query healthCounts($userId: ID, $breachedBefore: DateTime) {
                uiapi {
                    aggregate {
                        open: Health_Finding__c(
                            where: { Status__c: { eq: "Open" } }
                            groupBy: { Severity__c: { group: true }, Lead__c: { group: true } }
                        ) {
                            edges {
                                node {
                                    aggregate {
                                        Severity__c {
                                            value
                                        }
                                        Lead__c {
                                            value
                                        }
                                        Id {
                                            count {
                                                value
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        mine: Health_Finding__c(where: { and: [{ Status__c: { eq: "Open" } }, { Assigned_To__c: { eq: $userId } }] }) {
                            edges {
                                node {
                                    aggregate {
                                        Id {
                                            count {
                                                value
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        pastTarget: Health_Finding__c(
                            where: { and: [{ Status__c: { eq: "Open" } }, { First_Detected__c: { lt: { value: $breachedBefore } } }] }
                        ) {
                            edges {
                                node {
                                    aggregate {
                                        Id {
                                            count {
                                                value
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        resolved: Health_Finding__c(where: { Status__c: { eq: "Resolved" } }) {
                            edges {
                                node {
                                    aggregate {
                                        Age_Days__c {
                                            avg {
                                                value
                                            }
                                        }
                                        Id {
                                            count {
                                                value
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `,
        variables: '$countVariables'
    })
    wiredCounts(result) {
        this.refreshCounts = result.refresh;
        if (result.errors) {
            // The page's counts stay usable: the tab says they cover the loaded findings only.
            this.counts = null;
            this.countsErrors = result.errors;
            return;
        }
        const counts = countsFromAggregate(result.data);
        if (counts) {
            this.counts = counts;
            this.countsErrors = undefined;
        }
    }

    @wire(graphql, {
        query: gql`
            query healthOverview($first: Int, $after: String) {
                uiapi {
                    query {
                        Health_Check_Run__c(first: 30, orderBy: { Run_At__c: { order: DESC } }) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    Score__c {
                                        value
                                    }
                                    Grade__c {
                                        value
                                    }
                                    Run_At__c {
                                        value
                                    }
                                }
                            }
                        }
                        Health_Finding__c(first: $first, after: $after, orderBy: { First_Detected__c: { order: ASC } }) {
                            edges {
                                node {
                                    Id
                                    Rule_Id__c {
                                        value
                                    }
                                    Finding_Key__c {
                                        value
                                    }
                                    Title__c {
                                        value
                                    }
                                    Severity__c {
                                        value
                                    }
                                    Lead__c {
                                        value
                                    }
                                    Status__c {
                                        value
                                    }
                                    Component_Type__c {
                                        value
                                    }
                                    Component_Name__c {
                                        value
                                    }
                                    First_Detected__c {
                                        value
                                    }
                                    Resolved_On__c {
                                        value
                                    }
                                    Assigned_To__c {
                                        value
                                    }
                                    Assigned_To__r {
                                        Name {
                                            value
                                        }
                                    }
                                    Governance_Area__c {
                                        value
                                    }
                                    Governance_Area__r {
                                        Name {
                                            value
                                        }
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
    wiredHealth(result) {
        this.refreshFindings = result.refresh;
        applyWireResult(this, result, (data) => {
            this.runs = unwrapEdges(data.uiapi.query.Health_Check_Run__c).map(flattenNode);
            const findings = data.uiapi.query.Health_Finding__c;
            this.pages.add(this.after, unwrapEdges(findings).map(flattenNode), result.refresh);
            ({ hasNextPage: this.hasNextPage, endCursor: this.endCursor } = pageInfoOf(findings));
            this.isLoading = false;
        });
    }

    get latestRun() {
        return this.runs[0];
    }

    get hasRun() {
        return Boolean(this.latestRun);
    }

    get showNoRun() {
        return !this.isLoading && !this.errors && !this.hasRun;
    }

    get trendPoints() {
        const scores = [...this.runs].reverse().map((run) => Number(run.Score__c) || 0);
        if (scores.length < 2) {
            return '';
        }
        const step = TREND_WIDTH / (scores.length - 1);
        return scores.map((score, i) => `${Math.round(i * step)},${Math.round(TREND_HEIGHT - (score / 100) * TREND_HEIGHT)}`).join(' ');
    }

    get hasTrend() {
        return this.trendPoints !== '';
    }

    get trendText() {
        return formatLabel(
            trendTextLabel,
            [...this.runs]
                .reverse()
                .map((run) => run.Score__c)
                .join(', ')
        );
    }

    get openFindings() {
        return this.pages.all.filter((finding) => finding.Status__c === 'Open');
    }

    /** True when the counts cover only the loaded findings (the aggregate query failed). */
    get countsPartial() {
        return Boolean(this.countsErrors);
    }

    get severityCounts() {
        return SEVERITIES.map((severity) => ({
            severity,
            count: this.counts
                ? (this.counts.bySeverity[severity] ?? 0)
                : this.openFindings.filter((finding) => finding.Severity__c === severity).length,
            badgeClass: severityBadgeClass(severity)
        }));
    }

    get leadCounts() {
        return LEADS.map((lead) => ({
            lead,
            count: this.counts ? (this.counts.byLead[lead] ?? 0) : this.openFindings.filter((finding) => finding.Lead__c === lead).length
        }));
    }

    get assignedToMeCount() {
        return this.counts ? this.counts.mine : this.openFindings.filter((finding) => finding.Assigned_To__c === USER_ID).length;
    }

    /** Mean time to resolve: resolved − first detected, averaged over resolved findings, in days. */
    get mttrDays() {
        if (this.counts) {
            return this.counts.mttrDays;
        }
        const resolved = this.pages.all.filter(
            (finding) => finding.Status__c === 'Resolved' && finding.Resolved_On__c && finding.First_Detected__c
        );
        if (resolved.length === 0) {
            return null;
        }
        const total = resolved.reduce((sum, finding) => sum + daysBetween(finding.First_Detected__c, finding.Resolved_On__c), 0);
        return Math.round((total / resolved.length) * 10) / 10;
    }

    get mttrText() {
        return this.mttrDays === null ? mttrNoneLabel : formatLabel(mttrValueLabel, this.mttrDays, this.mttrTargetDays);
    }

    get mttrClass() {
        return this.mttrDays !== null && this.mttrDays > this.mttrTargetDays
            ? 'slds-text-heading_medium slds-text-color_error mttr'
            : 'slds-text-heading_medium mttr';
    }

    get pastTargetCount() {
        if (this.counts) {
            return this.counts.pastTarget;
        }
        const now = new Date().toISOString();
        return this.openFindings.filter(
            (finding) => finding.First_Detected__c && daysBetween(finding.First_Detected__c, now) > this.mttrTargetDays
        ).length;
    }

    get findingRows() {
        const now = new Date().toISOString();
        return this.openFindings
            .filter((finding) => !this.onlyMine || finding.Assigned_To__c === USER_ID)
            .sort((a, b) => severityRank(a.Severity__c) - severityRank(b.Severity__c))
            .map((finding) => {
                const age = finding.First_Detected__c ? Math.floor(daysBetween(finding.First_Detected__c, now)) : null;
                const canReview =
                    finding.Rule_Id__c === REVIEW_RULE &&
                    finding.Component_Type__c === 'Governance_Area__c' &&
                    Boolean(finding.Governance_Area__c);
                return {
                    id: finding.Id,
                    canReview,
                    createRiskAlt: formatLabel(createRiskAltLabel, finding.Finding_Key__c ?? finding.Rule_Id__c),
                    markReviewedAlt: formatLabel(markReviewedAltLabel, finding.Component_Name__c ?? ''),
                    severity: finding.Severity__c,
                    badgeClass: severityBadgeClass(finding.Severity__c),
                    rule: finding.Rule_Id__c,
                    component: `${finding.Component_Type__c ?? ''} ${finding.Component_Name__c ?? ''}`.trim(),
                    area: finding.Governance_Area__r?.Name ?? '',
                    assignee: finding.Assigned_To__r?.Name ?? '',
                    age,
                    ageClass: age !== null && age > this.mttrTargetDays ? 'slds-text-color_error' : ''
                };
            });
    }

    get hasFindingRows() {
        return this.findingRows.length > 0;
    }

    handleOnlyMine(event) {
        this.onlyMine = event.target.checked;
    }

    handleLoadMore() {
        this.after = this.endCursor;
    }

    handleRetry() {
        this.errors = undefined;
        this.isLoading = true;
        return Promise.all([this.refreshFindings?.(), this.refreshCounts?.()]);
    }

    findingById(id) {
        return this.pages.all.find((finding) => finding.Id === id);
    }

    /** The finding key, not the rule id: an accepted risk then covers this one finding, never its whole rule. */
    handleCreateRisk(event) {
        const finding = this.findingById(event.currentTarget.dataset.id);
        this.riskSource = {
            key: finding.Finding_Key__c,
            name: [finding.Title__c, finding.Component_Name__c].filter(Boolean).join(': ').slice(0, 80),
            areaId: finding.Governance_Area__c ?? undefined
        };
    }

    handleRiskCancel() {
        this.riskSource = undefined;
    }

    handleRiskCreated() {
        this.riskSource = undefined;
    }

    /** The area's Accountable reviewed it: Last_Reviewed__c today (the one field the user set may edit). */
    async handleMarkReviewed(event) {
        const finding = this.findingById(event.currentTarget.dataset.id);
        this.reviewErrors = undefined;
        try {
            await updateRecord({
                fields: {
                    [AREA_ID_FIELD.fieldApiName]: finding.Governance_Area__c,
                    [LAST_REVIEWED_FIELD.fieldApiName]: userToday()
                }
            });
            this.dispatchEvent(
                new ShowToastEvent({ title: formatLabel(markedReviewedLabel, finding.Governance_Area__r?.Name ?? ''), variant: 'success' })
            );
        } catch (error) {
            this.reviewErrors = error;
        }
    }
}
