import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { unwrapEdges, flattenNode, formatLabel, formatDate, applyWireResult } from 'c/consoleUtils';
import titleLabel from '@salesforce/label/c.Scorecard_Title';
import summaryLabel from '@salesforce/label/c.Scorecard_Summary';
import noRunsLabel from '@salesforce/label/c.Scorecard_No_Runs';
import metricColumn from '@salesforce/label/c.Scorecard_Column_Metric';
import valueColumn from '@salesforce/label/c.Scorecard_Column_Value';
import targetColumn from '@salesforce/label/c.Scorecard_Column_Target';
import statusColumn from '@salesforce/label/c.Scorecard_Column_Status';
import trendColumn from '@salesforce/label/c.Scorecard_Column_Trend';
import computedFromColumn from '@salesforce/label/c.Scorecard_Column_Computed_From';
import metLabel from '@salesforce/label/c.Scorecard_Met';
import missedLabel from '@salesforce/label/c.Scorecard_Missed';
import noDataLabel from '@salesforce/label/c.Scorecard_No_Data';
import improvingLabel from '@salesforce/label/c.Scorecard_Improving';
import worseningLabel from '@salesforce/label/c.Scorecard_Worsening';
import unchangedLabel from '@salesforce/label/c.Scorecard_Unchanged';
import singleRunLabel from '@salesforce/label/c.Scorecard_Single_Run';
import trendTextLabel from '@salesforce/label/c.Scorecard_Trend_Text';
import atMostLabel from '@salesforce/label/c.Scorecard_At_Most';
import atLeastLabel from '@salesforce/label/c.Scorecard_At_Least';
import mttdLabel from '@salesforce/label/c.Scorecard_Metric_MTTD';
import mttrLabel from '@salesforce/label/c.Scorecard_Metric_MTTR';
import deployFrequencyLabel from '@salesforce/label/c.Scorecard_Metric_Deploy_Frequency';
import changeFailureLabel from '@salesforce/label/c.Scorecard_Metric_Change_Failure';
import leadTimeLabel from '@salesforce/label/c.Scorecard_Metric_Lead_Time';
import securityReviewLabel from '@salesforce/label/c.Scorecard_Metric_Security_Review';
import forecastLabel from '@salesforce/label/c.Scorecard_Metric_Forecast';
import hoursLabel from '@salesforce/label/c.Scorecard_Unit_Hours';
import daysLabel from '@salesforce/label/c.Scorecard_Unit_Days';
import perWeekLabel from '@salesforce/label/c.Scorecard_Unit_Per_Week';
import ratioLabel from '@salesforce/label/c.Scorecard_Unit_Ratio';
import loadingLabel from '@salesforce/label/c.Console_Loading';

/** The health check's metric ids (Health_Metric__c.Metric_Id__c) in the order the scorecard lists them. */
export const METRICS = [
    { id: 'mttd-hours', label: mttdLabel, higherIsBetter: false },
    { id: 'mttr-days', label: mttrLabel, higherIsBetter: false },
    { id: 'deploy-frequency-per-week', label: deployFrequencyLabel, higherIsBetter: true },
    { id: 'change-failure-rate', label: changeFailureLabel, higherIsBetter: false },
    { id: 'lead-time-days', label: leadTimeLabel, higherIsBetter: false },
    { id: 'security-review-days', label: securityReviewLabel, higherIsBetter: false },
    { id: 'forecast-accuracy', label: forecastLabel, higherIsBetter: true }
];

const UNIT_LABELS = { hours: hoursLabel, days: daysLabel, 'per-week': perWeekLabel, ratio: ratioLabel };
const SPARK = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A value in its unit, as the CLI's scorecard prints it: whole hours, ratios as whole percentages. */
export function formatMetricValue(value, unit) {
    if (value === null || value === undefined) {
        return '–';
    }
    const shown = unit === 'ratio' ? Math.round(value * 100) : unit === 'hours' ? Math.round(value) : Math.round(value * 10) / 10;
    return formatLabel(UNIT_LABELS[unit] ?? '{0}', shown);
}

/** Bars scaled between the lowest and highest value; a run without the value is a dot. */
export function sparkline(values) {
    const known = values.filter((value) => value !== null);
    const low = Math.min(...known);
    const span = Math.max(...known) - low;
    return values
        .map((value) => {
            if (value === null) {
                return '·';
            }
            return SPARK[span === 0 ? 3 : Math.round(((value - low) / span) * (SPARK.length - 1))];
        })
        .join('');
}

/**
 * One row per metric: the newest run's record against its target, and the values of the runs
 * oldest first. The direction compares the last two runs that have a value, judged by whether
 * higher is better for that metric.
 * @param {Array} runs Health_Check_Run__c records, newest first, each with its Health_Metrics__r.
 */
export function scorecardRows(runs) {
    const oldestFirst = [...runs].reverse();
    return METRICS.map((metric) => {
        const records = oldestFirst.map((run) => (run.Health_Metrics__r ?? []).find((record) => record.Metric_Id__c === metric.id));
        const latest = [...records].reverse().find(Boolean);
        if (!latest) {
            return null;
        }
        const values = records.map((record) => record?.Value__c ?? null);
        const known = values.filter((value) => value !== null);
        let direction = known.length === 0 ? 'none' : 'single';
        let movement = 'flat';
        if (known.length >= 2) {
            const change = known[known.length - 1] - known[known.length - 2];
            movement = change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
            direction = change === 0 ? 'unchanged' : change > 0 === metric.higherIsBetter ? 'improving' : 'worsening';
        }
        return { metric, latest, values, direction, movement };
    }).filter(Boolean);
}

export default class OperatingScorecard extends LightningElement {
    /** How many of the latest runs the trend spans. */
    @api runCount = 8;

    runs = [];
    errors;
    isLoading = true;

    labels = {
        title: titleLabel,
        noRuns: noRunsLabel,
        metric: metricColumn,
        value: valueColumn,
        target: targetColumn,
        status: statusColumn,
        trend: trendColumn,
        computedFrom: computedFromColumn,
        loading: loadingLabel
    };

    get variables() {
        return { runs: Math.min(Math.max(Number(this.runCount) || 8, 1), 30) };
    }

    @wire(graphql, {
        query: gql`
            query operatingScorecard($runs: Int) {
                uiapi {
                    query {
                        Health_Check_Run__c(first: $runs, orderBy: { Run_At__c: { order: DESC } }) {
                            edges {
                                node {
                                    Id
                                    Run_At__c {
                                        value
                                    }
                                    Health_Metrics__r(first: 20) {
                                        edges {
                                            node {
                                                Id
                                                Metric_Id__c {
                                                    value
                                                }
                                                Value__c {
                                                    value
                                                }
                                                Target__c {
                                                    value
                                                }
                                                Unit__c {
                                                    value
                                                }
                                                Status__c {
                                                    value
                                                }
                                                Computed_From__c {
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
            }
        `,
        variables: '$variables'
    })
    wiredRuns(result) {
        applyWireResult(this, result, (data) => {
            // Runs pushed before metrics were stored carry none: they neither count as runs of the trend nor as data.
            this.runs = unwrapEdges(data.uiapi.query.Health_Check_Run__c)
                .map(flattenNode)
                .filter((run) => (run.Health_Metrics__r ?? []).length > 0);
            this.isLoading = false;
        });
    }

    get hasData() {
        return !this.isLoading && !this.errors && this.rows.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.errors && this.rows.length === 0;
    }

    get summary() {
        const latest = this.runs[0];
        const metrics = latest?.Health_Metrics__r ?? [];
        const met = metrics.filter((record) => record.Status__c === 'met').length;
        return formatLabel(summaryLabel, met, metrics.length, formatDate(latest?.Run_At__c));
    }

    get rows() {
        const status = { met: metLabel, missed: missedLabel, 'no-data': noDataLabel };
        // The arrow follows the value; its colour and the words say whether that is better or worse.
        const directions = {
            improving: { text: improvingLabel, tone: 'slds-text-color_success' },
            worsening: { text: worseningLabel, tone: 'slds-text-color_error' },
            unchanged: { text: unchangedLabel, tone: 'slds-text-color_weak' },
            single: { text: singleRunLabel, tone: 'slds-text-color_weak' },
            none: { text: noDataLabel, tone: 'slds-text-color_weak' }
        };
        const arrows = { up: '↗', down: '↘', flat: '→' };
        return scorecardRows(this.runs).map(({ metric, latest, values, direction, movement }) => {
            const unit = latest.Unit__c;
            const shown = { ...directions[direction], arrow: direction === 'single' || direction === 'none' ? '' : arrows[movement] };
            const known = values.filter((value) => value !== null);
            return {
                key: metric.id,
                id: metric.id,
                label: metric.label,
                value: formatMetricValue(latest.Value__c, unit),
                target: formatLabel(metric.higherIsBetter ? atLeastLabel : atMostLabel, formatMetricValue(latest.Target__c, unit)),
                status: status[latest.Status__c] ?? latest.Status__c,
                badgeClass:
                    latest.Status__c === 'met'
                        ? 'slds-badge slds-theme_success status'
                        : latest.Status__c === 'missed'
                          ? 'slds-badge slds-theme_error status'
                          : 'slds-badge status',
                arrow: shown.arrow,
                arrowClass: `arrow slds-m-right_xx-small ${shown.tone}`,
                sparkline: known.length > 0 ? sparkline(values) : '',
                trendText: formatLabel(
                    trendTextLabel,
                    shown.text,
                    values.length,
                    values.map((value) => formatMetricValue(value, unit)).join(', ')
                ),
                computedFrom: latest.Computed_From__c
            };
        });
    }
}
