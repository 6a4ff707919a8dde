import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { createRecord, deleteRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import { unwrapEdges, pageInfoOf, flattenNode, formatLabel, PageCollector, applyWireResult } from 'c/consoleUtils';
import {
    ROLES,
    buildModel,
    chipsOf,
    filterAreas,
    columnsFor,
    countWithGaps,
    normalizePageSize,
    pageCount,
    clampPage,
    pageSlice,
    moveCell,
    columnsInView,
    columnWindow,
    windowCovers,
    windowHolding
} from 'c/raciMatrixModel';
import RACI_OBJECT from '@salesforce/schema/RACI_Assignment__c';
import AREA_FIELD from '@salesforce/schema/RACI_Assignment__c.Governance_Area__c';
import ROLE_FIELD from '@salesforce/schema/RACI_Assignment__c.Role__c';
import ASSIGNEE_FIELD from '@salesforce/schema/RACI_Assignment__c.Assignee__c';
import titleLabel from '@salesforce/label/c.Raci_Title';
import captionLabel from '@salesforce/label/c.Raci_Caption';
import areaColumnLabel from '@salesforce/label/c.Raci_Area_Column';
import noResponsibleLabel from '@salesforce/label/c.Raci_Gap_No_Responsible';
import accountableInactiveLabel from '@salesforce/label/c.Raci_Gap_Accountable_Inactive';
import reviewOverdueLabel from '@salesforce/label/c.Raci_Gap_Review_Overdue';
import accountableLabel from '@salesforce/label/c.Raci_Role_Accountable';
import responsibleLabel from '@salesforce/label/c.Raci_Role_Responsible';
import consultedLabel from '@salesforce/label/c.Raci_Role_Consulted';
import informedLabel from '@salesforce/label/c.Raci_Role_Informed';
import assignLabel from '@salesforce/label/c.Raci_Assign';
import removeLabel from '@salesforce/label/c.Raci_Remove';
import assignTitleLabel from '@salesforce/label/c.Raci_Assign_Title';
import emptyLabel from '@salesforce/label/c.Raci_Empty';
import pageLabel from '@salesforce/label/c.Raci_Page';
import previousLabel from '@salesforce/label/c.Raci_Previous';
import nextLabel from '@salesforce/label/c.Raci_Next';
import inactiveLabel from '@salesforce/label/c.Raci_Inactive';
import summaryLabel from '@salesforce/label/c.Raci_Summary';
import assignedLabel from '@salesforce/label/c.Raci_Assigned';
import removedLabel from '@salesforce/label/c.Raci_Removed';
import writeErrorLabel from '@salesforce/label/c.Raci_Write_Error';
import noAreasLabel from '@salesforce/label/c.Raci_No_Areas';
import legendLabel from '@salesforce/label/c.Raci_Legend';
import legendGapLabel from '@salesforce/label/c.Raci_Legend_Gap';
import removedUndoLabel from '@salesforce/label/c.Raci_Removed_Undo';
import undoLabel from '@salesforce/label/c.Raci_Undo';
import restoredLabel from '@salesforce/label/c.Raci_Restored';
import gridHelpLabel from '@salesforce/label/c.Raci_Grid_Help';
import loadingLabel from '@salesforce/label/c.Console_Loading';

const ROLE_LABELS = {
    Accountable: accountableLabel,
    Responsible: responsibleLabel,
    Consulted: consultedLabel,
    Informed: informedLabel
};
const GAP_LABELS = {
    'no-responsible': noResponsibleLabel,
    'accountable-inactive': accountableInactiveLabel,
    'review-overdue': reviewOverdueLabel
};
// 300 areas fit in one or two pages; the matrix needs every area to know every person (its columns).
const AREA_PAGE_SIZE = 200;

function chipClass(letter) {
    return `slds-badge raci-chip raci-chip_${letter.toLowerCase()}`;
}

export default class RaciMatrix extends LightningElement {
    /** On a Governance_Area__c record page: show that area only. */
    @api recordId;
    /** Lead filter applied first: All, SalesOps, IT or Joint. */
    @api defaultLead = 'All';
    /** Areas shown per page of the matrix. */
    @api rowsPerPage = 50;

    after = null;
    pages = new PageCollector();
    model;
    filteredAreas = [];
    columns = [];
    /** The person columns rendered, `[start, end)` of columns: those in view and a few either side. */
    columnRange = { start: 0, end: 0 };
    /** A person column's width and the room right of the area column, in px, once the grid has been laid out. */
    view;
    visibleColumns = [];
    /** Inline widths of the cells that stand for the columns not rendered, left and right; null for none. */
    leftSpacerStyle = null;
    rightSpacerStyle = null;
    visibleRows = [];
    pageIndex = 0;
    errors;
    writeErrors;
    isLoading = true;
    isSaving = false;
    statusMessage = '';

    lead = '';
    category = '';
    myAreasOnly = false;
    gapsOnly = false;
    personId = '';
    /** The last removal, kept so it can be undone: `{ areaId, role, userId, text }`. */
    lastRemoval;
    /** The grid cell that holds the grid's one tab stop: `{ row, col }` in the visible window. */
    activeCell = { row: 0, col: 0 };
    focusPending = false;

    assigning;

    labels = {
        title: titleLabel,
        areaColumn: areaColumnLabel,
        empty: emptyLabel,
        previous: previousLabel,
        next: nextLabel,
        loading: loadingLabel,
        writeError: writeErrorLabel,
        legend: legendLabel,
        legendGap: legendGapLabel,
        undo: undoLabel,
        gridHelp: gridHelpLabel
    };

    legendRoles = Object.entries(ROLES).map(([value, role]) => ({
        key: value,
        letter: role.letter,
        label: ROLE_LABELS[value],
        chipClass: chipClass(role.letter)
    }));

    /** Row parts that only change with the data or the columns, per area id: a page change reuses them. */
    rowCache = new Map();

    connectedCallback() {
        // The design attribute's datasource lists the leads; "All" is no filter.
        this.lead = this.defaultLead && this.defaultLead !== 'All' ? this.defaultLead : '';
    }

    get variables() {
        const where = this.recordId ? { Id: { eq: this.recordId } } : { Status__c: { ne: 'Retired' } };
        return { first: AREA_PAGE_SIZE, after: this.after, where };
    }

    @wire(graphql, {
        query: gql`
            query raciMatrix($first: Int, $after: String, $where: Governance_Area__c_Filter) {
                uiapi {
                    query {
                        Governance_Area__c(first: $first, after: $after, where: $where, orderBy: { Name: { order: ASC } }) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    Area_Key__c {
                                        value
                                    }
                                    Category__c {
                                        value
                                    }
                                    Lead__c {
                                        value
                                    }
                                    Review_Overdue__c {
                                        value
                                    }
                                    Accountable__c {
                                        value
                                    }
                                    Accountable__r {
                                        Name {
                                            value
                                        }
                                        IsActive {
                                            value
                                        }
                                    }
                                    RACI_Assignments__r(first: 100) {
                                        edges {
                                            node {
                                                Id
                                                Role__c {
                                                    value
                                                }
                                                Assignee__c {
                                                    value
                                                }
                                                Assignee__r {
                                                    Name {
                                                        value
                                                    }
                                                    IsActive {
                                                        value
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            pageInfo {
                                hasNextPage
                                endCursor
                            }
                        }
                    }
                }
            }
        `,
        variables: '$variables'
    })
    wiredAreas(result) {
        applyWireResult(this, result, (data) => {
            const connection = data.uiapi.query.Governance_Area__c;
            this.pages.add(this.after, unwrapEdges(connection), result.refresh);
            this.model = buildModel(this.pages.all.map(flattenNode));
            this.applyFilters(false);
            const { hasNextPage, endCursor } = pageInfoOf(connection);
            if (hasNextPage && endCursor) {
                this.after = endCursor;
            } else {
                this.isLoading = false;
            }
        });
    }

    /** Recomputes the filtered areas and their people (columns); O(areas + assignments). */
    applyFilters(resetPage = true) {
        if (!this.model) {
            return;
        }
        this.filteredAreas = filterAreas(this.model, {
            lead: this.lead,
            category: this.category,
            gapsOnly: this.gapsOnly,
            holderIds: [this.myAreasOnly ? USER_ID : '', this.personId]
        });
        this.columns = columnsFor(this.model, this.filteredAreas, this.personId).map((person, index) => ({
            ...person,
            ariaColIndex: index + 2,
            label: person.isActive ? person.name : `${person.name} (${inactiveLabel})`,
            headerClass: person.isActive ? 'raci-col' : 'raci-col slds-text-color_error'
        }));
        // New data or new columns: every cached row is stale.
        this.rowCache = new Map();
        if (resetPage) {
            this.pageIndex = 0;
            this.activeCell = { row: 0, col: 0 };
            const scroller = this.template.querySelector('.raci-scroller');
            if (scroller && scroller.scrollLeft !== 0) {
                scroller.scrollLeft = 0;
            }
        }
        this.columnRange = this.windowAtScroll();
        this.pageIndex = clampPage(this.pageIndex, this.filteredAreas.length, this.pageSize);
        this.buildVisibleRows();
    }

    /**
     * Materialises only the rows of the current page. Each area's cells are built once per data or
     * column change (rowCache) with no tab stop; a page change only looks them up, and the row that
     * holds the tab stop gets copies with it. Rows are keyed by their slot in the window and chips by
     * their place in the cell, so a page change patches the rendered rows instead of rebuilding them.
     */
    buildVisibleRows() {
        const rows = pageSlice(this.filteredAreas, this.pageIndex, this.pageSize);
        const { start, end } = this.columnRange;
        const active = {
            row: Math.min(this.activeCell.row, Math.max(rows.length - 1, 0)),
            col: Math.min(this.activeCell.col, this.columns.length)
        };
        // The tab stop is always on a rendered cell: scrolled out of the window, it moves to the first column in it.
        if (active.col > 0 && (active.col - 1 < start || active.col - 1 >= end)) {
            active.col = start + 1;
        }
        this.activeCell = active;
        this.visibleColumns = this.columns.slice(start, end);
        this.leftSpacerStyle = start > 0 ? this.spacerStyle(start) : null;
        this.rightSpacerStyle = end < this.columns.length ? this.spacerStyle(this.columns.length - end) : null;
        this.visibleRows = rows.map((area, slot) => {
            const cached = this.cachedRow(area);
            const isActiveRow = active.row === slot;
            const cells = cached.cells.slice(start, end);
            return {
                ...cached,
                slot: `slot-${slot}`,
                rowIndex: slot,
                tabIndex: isActiveRow && active.col === 0 ? '0' : '-1',
                cells: isActiveRow && active.col > 0 ? this.withTabStop(cells, active.col) : cells
            };
        });
    }

    /** The width of the person columns not rendered on one side, so the scroll range stays the whole matrix. */
    spacerStyle(columns) {
        const width = `${columns * this.view.columnWidth}px`;
        return `width: ${width}; min-width: ${width}; max-width: ${width}; padding: 0;`;
    }

    /** Measures the laid-out grid: a person column's width, and the room right of the sticky area column. */
    measureView() {
        const scroller = this.template.querySelector('.raci-scroller');
        const person = this.template.querySelector('.raci-grid thead th.raci-col');
        const area = this.template.querySelector('.raci-grid thead th.raci-area-header');
        const columnWidth = person?.getBoundingClientRect().width ?? 0;
        const width = (scroller?.clientWidth ?? 0) - (area?.getBoundingClientRect().width ?? 0);
        return columnWidth > 0 && width > 0 ? { columnWidth, width } : undefined;
    }

    /** The columns to render for where the scroller stands now. */
    windowAtScroll() {
        return columnWindow(this.columns.length, this.template.querySelector('.raci-scroller')?.scrollLeft ?? 0, this.view);
    }

    /** Renders the columns the scroll brought into view, if the window does not hold them already. */
    handleScroll(event) {
        this.view = this.measureView() ?? this.view;
        const inView = columnsInView(this.columns.length, event.target.scrollLeft, this.view);
        if (inView && !windowCovers(this.columnRange, inView)) {
            this.columnRange = this.windowAtScroll();
            this.buildVisibleRows();
        }
    }

    withTabStop(cells, col) {
        return cells.map((cell) => (cell.col === col ? { ...cell, tabIndex: '0' } : cell));
    }

    cachedRow(area) {
        let cached = this.rowCache.get(area.id);
        if (!cached) {
            cached = {
                id: area.id,
                name: area.name,
                key: area.key,
                gaps: area.gaps.map((gap) => ({ key: gap, label: GAP_LABELS[gap] })),
                hasGaps: area.gaps.length > 0,
                assignLabel: formatLabel(assignLabel, area.name),
                cells: this.columns.map((person, index) => ({
                    key: person.id,
                    col: index + 1,
                    ariaColIndex: person.ariaColIndex,
                    tabIndex: '-1',
                    chips: chipsOf(this.model, area.id, person.id).map((chip, place) => this.toChip(chip, place, area, person))
                }))
            };
            this.rowCache.set(area.id, cached);
        }
        return cached;
    }

    toChip(chip, place, area, person) {
        const roleText = ROLE_LABELS[chip.role] ?? chip.role;
        return {
            // By place, not by assignment: the next page's chips reuse these elements.
            key: `chip-${place}`,
            letter: chip.letter,
            roleLabel: roleText,
            assignmentId: chip.assignmentId,
            removable: chip.removable,
            removeLabel: formatLabel(removeLabel, roleText, person.name, area.name),
            // The × must stay visible on the dark Accountable and Responsible chips.
            removeClass: `remove slds-button slds-button_icon slds-button_icon-bare${
                chip.letter === 'R' || chip.letter === 'A' ? ' slds-button_icon-inverse' : ''
            }`,
            chipClass: chipClass(chip.letter),
            role: chip.role,
            userId: person.id,
            personName: person.name,
            areaName: area.name
        };
    }

    get pageSize() {
        return normalizePageSize(this.rowsPerPage);
    }

    get pageCount() {
        return pageCount(this.filteredAreas.length, this.pageSize);
    }

    get pageText() {
        return formatLabel(pageLabel, this.pageIndex + 1, Math.max(this.pageCount, 1));
    }

    get isFirstPage() {
        return this.pageIndex === 0;
    }

    get isLastPage() {
        return this.pageIndex >= this.pageCount - 1;
    }

    get hasRows() {
        return this.visibleRows.length > 0;
    }

    get isEmpty() {
        return !!this.model && this.filteredAreas.length === 0 && !this.isLoading;
    }

    get hasFilters() {
        return !!(this.lead || this.category || this.myAreasOnly || this.gapsOnly || this.personId);
    }

    /** "Nothing matches these filters" only when a filter is set; otherwise there are no areas at all. */
    get emptyText() {
        return this.hasFilters ? emptyLabel : noAreasLabel;
    }

    /** The people of the data, for the person filter. */
    get people() {
        return this.model?.people ?? [];
    }

    get undoText() {
        return this.lastRemoval?.text ?? '';
    }

    get showFilters() {
        return !this.recordId;
    }

    /** The area column and every person's, rendered or not. */
    get colCount() {
        return this.columns.length + 1;
    }

    get caption() {
        return formatLabel(captionLabel, this.filteredAreas.length, this.columns.length);
    }

    get summaryText() {
        return formatLabel(summaryLabel, this.filteredAreas.length, countWithGaps(this.filteredAreas));
    }

    handleFilterChange(event) {
        ({
            lead: this.lead = this.lead,
            category: this.category = this.category,
            personId: this.personId = this.personId,
            myAreasOnly: this.myAreasOnly = this.myAreasOnly,
            gapsOnly: this.gapsOnly = this.gapsOnly
        } = event.detail);
        this.applyFilters();
    }

    handlePreviousPage() {
        if (!this.isFirstPage) {
            this.showPage(this.pageIndex - 1);
        }
    }

    handleNextPage() {
        if (!this.isLastPage) {
            this.showPage(this.pageIndex + 1);
        }
    }

    showPage(index) {
        // A new page starts at its top, not where the last page was scrolled to. Scrolled now, before
        // the new rows render: the layout is still clean, whereas scrolling after the render would force
        // a layout of the whole new page in the middle of the frame (most of a page change's time).
        const scroller = this.template.querySelector('.raci-scroller');
        if (scroller && scroller.scrollTop !== 0) {
            scroller.scrollTop = 0;
        }
        this.pageIndex = index;
        this.buildVisibleRows();
    }

    renderedCallback() {
        // All columns render until the grid is laid out once; then only those in view and a few either side.
        if (!this.view && this.visibleRows.length > 0) {
            this.view = this.measureView();
            if (this.view) {
                this.columnRange = this.windowAtScroll();
                this.buildVisibleRows();
            }
        }
        if (this.focusPending) {
            this.focusPending = false;
            this.template.querySelector('.raci-grid [tabindex="0"]')?.focus();
        }
    }

    /** Roving tabindex: the grid is one tab stop; arrows, Home/End and PageUp/PageDown move within it. */
    handleGridKeydown(event) {
        const { row, col } = this.activeCell;
        const next = moveCell(this.activeCell, event.key, this.visibleRows.length - 1, this.columns.length);
        if (next) {
            event.preventDefault();
            if (next.col > 0) {
                this.columnRange = windowHolding(this.columnRange, next.col - 1, this.columns.length);
            }
            this.activeCell = next;
            this.focusPending = true;
            this.buildVisibleRows();
            return;
        }
        const area = this.visibleRows[row];
        if (!area) {
            return;
        }
        if (event.key === 'Enter' && col === 0) {
            event.preventDefault();
            this.openAssign(area.id);
        } else if ((event.key === 'Delete' || event.key === 'Backspace') && col > 0) {
            const chip = area.cells.find((cell) => cell.col === col)?.chips.find((candidate) => candidate.removable);
            if (chip) {
                event.preventDefault();
                this.remove(chip, area.id);
            }
        }
    }

    /** A click in the grid moves its tab stop there, so Tab out and back returns to the same cell. */
    handleCellFocus(event) {
        // One focusin listener on the grid rather than one focus listener on each of its thousands of cells.
        const cell = event.target.closest('[data-col]');
        if (!cell) {
            return;
        }
        const row = Number(cell.dataset.row);
        const col = Number(cell.dataset.col);
        if (row !== this.activeCell.row || col !== this.activeCell.col) {
            this.activeCell = { row, col };
            this.buildVisibleRows();
        }
    }

    handleAssignClick(event) {
        this.openAssign(event.currentTarget.dataset.areaId);
    }

    openAssign(areaId) {
        const area = this.filteredAreas.find((candidate) => candidate.id === areaId);
        this.writeErrors = undefined;
        this.assigning = { areaId, title: formatLabel(assignTitleLabel, area.name), role: 'Responsible', userId: null };
    }

    handleAssignChange(event) {
        this.assigning = { ...this.assigning, ...event.detail };
    }

    handleAssignCancel() {
        this.assigning = undefined;
    }

    async handleAssignSave() {
        const { areaId, role, userId } = this.assigning;
        const saved = await this.write(
            () =>
                createRecord({
                    apiName: RACI_OBJECT.objectApiName,
                    fields: {
                        [AREA_FIELD.fieldApiName]: areaId,
                        [ROLE_FIELD.fieldApiName]: role,
                        [ASSIGNEE_FIELD.fieldApiName]: userId
                    }
                }),
            areaId,
            assignedLabel
        );
        if (saved) {
            this.assigning = undefined;
        }
    }

    handleRemoveClick(event) {
        const { assignmentId, areaId } = event.currentTarget.dataset;
        const row = this.visibleRows.find((candidate) => candidate.id === areaId);
        const chip = row?.cells.flatMap((cell) => cell.chips).find((candidate) => candidate.assignmentId === assignmentId);
        return chip ? this.remove(chip, areaId) : undefined;
    }

    /** Removes at once and offers Undo, which re-creates the same assignment. */
    async remove(chip, areaId) {
        const removed = await this.write(() => deleteRecord(chip.assignmentId), areaId, removedLabel);
        if (removed) {
            this.lastRemoval = {
                areaId,
                role: chip.role,
                userId: chip.userId,
                text: formatLabel(removedUndoLabel, chip.personName, chip.roleLabel, chip.areaName)
            };
        }
    }

    async handleUndo() {
        const { areaId, role, userId } = this.lastRemoval;
        const restored = await this.write(
            () =>
                createRecord({
                    apiName: RACI_OBJECT.objectApiName,
                    fields: { [AREA_FIELD.fieldApiName]: areaId, [ROLE_FIELD.fieldApiName]: role, [ASSIGNEE_FIELD.fieldApiName]: userId }
                }),
            areaId,
            restoredLabel
        );
        if (restored) {
            this.lastRemoval = undefined;
        }
    }

    /** Runs one write, then re-fetches the page that holds the area so the matrix shows the server's state. */
    async write(operation, areaId, doneLabel) {
        this.isSaving = true;
        this.writeErrors = undefined;
        this.statusMessage = '';
        try {
            await operation();
            this.statusMessage = doneLabel;
            await this.pages.refreshWhere((node) => node.Id === areaId);
            return true;
        } catch (error) {
            this.writeErrors = error;
            return false;
        } finally {
            this.isSaving = false;
        }
    }
}
