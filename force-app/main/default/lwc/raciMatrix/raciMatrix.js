import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { createRecord, deleteRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import { unwrapEdges, pageInfoOf, flattenNode, formatLabel, PageCollector } from 'c/consoleUtils';
import RACI_OBJECT from '@salesforce/schema/RACI_Assignment__c';
import AREA_FIELD from '@salesforce/schema/RACI_Assignment__c.Governance_Area__c';
import ROLE_FIELD from '@salesforce/schema/RACI_Assignment__c.Role__c';
import ASSIGNEE_FIELD from '@salesforce/schema/RACI_Assignment__c.Assignee__c';
import titleLabel from '@salesforce/label/c.Raci_Title';
import captionLabel from '@salesforce/label/c.Raci_Caption';
import areaColumnLabel from '@salesforce/label/c.Raci_Area_Column';
import leadLabel from '@salesforce/label/c.Raci_Lead_Filter';
import allLeadsLabel from '@salesforce/label/c.Raci_All_Leads';
import categoryLabel from '@salesforce/label/c.Raci_Category_Filter';
import allCategoriesLabel from '@salesforce/label/c.Raci_All_Categories';
import myAreasLabel from '@salesforce/label/c.Raci_My_Areas';
import gapsOnlyLabel from '@salesforce/label/c.Raci_Gaps_Only';
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
import roleLabel from '@salesforce/label/c.Raci_Role';
import personLabel from '@salesforce/label/c.Raci_Person';
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
import personFilterLabel from '@salesforce/label/c.Raci_Person_Filter';
import allPeopleLabel from '@salesforce/label/c.Raci_All_People';
import legendLabel from '@salesforce/label/c.Raci_Legend';
import legendGapLabel from '@salesforce/label/c.Raci_Legend_Gap';
import removedUndoLabel from '@salesforce/label/c.Raci_Removed_Undo';
import undoLabel from '@salesforce/label/c.Raci_Undo';
import restoredLabel from '@salesforce/label/c.Raci_Restored';
import gridHelpLabel from '@salesforce/label/c.Raci_Grid_Help';
import loadingLabel from '@salesforce/label/c.Console_Loading';
import saveLabel from '@salesforce/label/c.Console_Save';
import cancelLabel from '@salesforce/label/c.Console_Cancel';

const LEADS = ['SalesOps', 'IT', 'Joint'];
const CATEGORIES = [
    'Revenue Process',
    'Data and Fields',
    'Automation',
    'Reporting',
    'Adoption',
    'Identity and Access',
    'Platform Security',
    'Compliance',
    'Integration',
    'Release Management',
    'Data Protection',
    'AI',
    'Governance'
];
const ROLES = {
    Accountable: { letter: 'A', label: accountableLabel, order: 0 },
    Responsible: { letter: 'R', label: responsibleLabel, order: 1 },
    Consulted: { letter: 'C', label: consultedLabel, order: 2 },
    Informed: { letter: 'I', label: informedLabel, order: 3 }
};
const ASSIGNABLE_ROLES = ['Responsible', 'Consulted', 'Informed'];
// 300 areas fit in one or two pages; the matrix needs every area to know every person (its columns).
const AREA_PAGE_SIZE = 200;
const EMPTY_CELL = Object.freeze([]);

function toArea(record) {
    const accountable = record.Accountable__r;
    const assignments = (record.RACI_Assignments__r ?? []).map((assignment) => ({
        id: assignment.Id,
        role: assignment.Role__c,
        userId: assignment.Assignee__c,
        user: assignment.Assignee__r
    }));
    const gaps = [];
    if (!assignments.some((assignment) => assignment.role === 'Responsible')) {
        gaps.push({ key: 'no-responsible', label: noResponsibleLabel });
    }
    if (!accountable || accountable.IsActive !== true) {
        gaps.push({ key: 'accountable-inactive', label: accountableInactiveLabel });
    }
    if (record.Review_Overdue__c === true) {
        gaps.push({ key: 'review-overdue', label: reviewOverdueLabel });
    }
    return {
        id: record.Id,
        name: record.Name,
        key: record.Area_Key__c,
        category: record.Category__c,
        lead: record.Lead__c,
        accountableId: record.Accountable__c,
        accountable,
        assignments,
        gaps,
        assignLabel: formatLabel(assignLabel, record.Name)
    };
}

/**
 * Builds, once per data change, what every render needs: the people (columns) and, per area,
 * a map from person to that person's role chips, so a render only looks up the visible cells.
 */
function buildModel(records) {
    const areas = records.map(toArea);
    const people = new Map();
    const cellsByArea = new Map();
    const addPerson = (id, user) => {
        if (id && !people.has(id)) {
            people.set(id, { id, name: user?.Name ?? id, isActive: user?.IsActive !== false });
        }
    };
    areas.forEach((area) => {
        const cells = new Map();
        const addChip = (userId, role, assignmentId) => {
            if (!userId) {
                return;
            }
            if (!cells.has(userId)) {
                cells.set(userId, []);
            }
            cells.get(userId).push({ role, assignmentId });
        };
        addPerson(area.accountableId, area.accountable);
        addChip(area.accountableId, 'Accountable', null);
        area.assignments.forEach((assignment) => {
            addPerson(assignment.userId, assignment.user);
            addChip(assignment.userId, assignment.role, assignment.id);
        });
        cells.forEach((chips) => chips.sort((a, b) => (ROLES[a.role]?.order ?? 9) - (ROLES[b.role]?.order ?? 9)));
        cellsByArea.set(area.id, cells);
    });
    // Natural order: "Person 2" before "Person 19", as people read a list of names.
    const sortedPeople = [...people.values()].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' })
    );
    return { areas, people: sortedPeople, cellsByArea };
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
    scrollPending = false;

    assigning;

    labels = {
        title: titleLabel,
        areaColumn: areaColumnLabel,
        lead: leadLabel,
        category: categoryLabel,
        myAreas: myAreasLabel,
        gapsOnly: gapsOnlyLabel,
        role: roleLabel,
        person: personLabel,
        empty: emptyLabel,
        previous: previousLabel,
        next: nextLabel,
        loading: loadingLabel,
        save: saveLabel,
        cancel: cancelLabel,
        writeError: writeErrorLabel,
        personFilter: personFilterLabel,
        legend: legendLabel,
        legendGap: legendGapLabel,
        undo: undoLabel,
        gridHelp: gridHelpLabel
    };

    legendRoles = Object.entries(ROLES).map(([value, role]) => ({
        key: value,
        letter: role.letter,
        label: role.label,
        chipClass: `slds-badge raci-chip raci-chip_${role.letter.toLowerCase()}`
    }));

    connectedCallback() {
        this.lead = LEADS.includes(this.defaultLead) ? this.defaultLead : '';
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
    wiredAreas({ data, errors, refresh }) {
        if (errors) {
            this.errors = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.errors = undefined;
        const connection = data.uiapi.query.Governance_Area__c;
        this.pages.add(this.after, unwrapEdges(connection), refresh);
        this.model = buildModel(this.pages.all.map(flattenNode));
        this.applyFilters(false);
        const { hasNextPage, endCursor } = pageInfoOf(connection);
        if (hasNextPage && endCursor) {
            this.after = endCursor;
        } else {
            this.isLoading = false;
        }
    }

    /** Recomputes the filtered areas and their people (columns); O(areas + assignments). */
    applyFilters(resetPage = true) {
        if (!this.model) {
            return;
        }
        const areas = this.model.areas.filter(
            (area) =>
                (!this.lead || area.lead === this.lead) &&
                (!this.category || area.category === this.category) &&
                (!this.gapsOnly || area.gaps.length > 0) &&
                (!this.myAreasOnly || this.model.cellsByArea.get(area.id).has(USER_ID)) &&
                (!this.personId || this.model.cellsByArea.get(area.id).has(this.personId))
        );
        const shown = new Set();
        areas.forEach((area) => this.model.cellsByArea.get(area.id).forEach((chips, userId) => shown.add(userId)));
        this.filteredAreas = areas;
        // One person chosen: their column only, a pivot of the areas they hold a role in.
        this.columns = this.model.people
            .filter((person) => shown.has(person.id) && (!this.personId || person.id === this.personId))
            .map((person) => ({
                ...person,
                label: person.isActive ? person.name : `${person.name} (${inactiveLabel})`,
                headerClass: person.isActive ? '' : 'slds-text-color_error'
            }));
        if (resetPage) {
            this.pageIndex = 0;
            this.activeCell = { row: 0, col: 0 };
        }
        this.pageIndex = Math.min(this.pageIndex, Math.max(this.pageCount - 1, 0));
        this.buildVisibleRows();
    }

    /**
     * Materialises only the rows of the current page: O(rows on screen × columns). Rows are keyed by
     * their slot in the window, so a page change patches the rendered rows instead of rebuilding them.
     */
    buildVisibleRows() {
        const size = this.pageSize;
        const start = this.pageIndex * size;
        const rows = this.filteredAreas.slice(start, start + size);
        const active = {
            row: Math.min(this.activeCell.row, Math.max(rows.length - 1, 0)),
            col: Math.min(this.activeCell.col, this.columns.length)
        };
        this.activeCell = active;
        this.visibleRows = rows.map((area, slot) => {
            const cells = this.model.cellsByArea.get(area.id);
            return {
                ...area,
                slot: `slot-${slot}`,
                rowIndex: slot,
                hasGaps: area.gaps.length > 0,
                tabIndex: active.row === slot && active.col === 0 ? '0' : '-1',
                cells: this.columns.map((person, index) => ({
                    key: person.id,
                    col: index + 1,
                    tabIndex: active.row === slot && active.col === index + 1 ? '0' : '-1',
                    chips: (cells.get(person.id) ?? EMPTY_CELL).map((chip) => this.toChip(chip, area, person))
                }))
            };
        });
    }

    toChip(chip, area, person) {
        const role = ROLES[chip.role] ?? { letter: '?', label: chip.role };
        return {
            key: chip.assignmentId ?? `${area.id}-accountable`,
            letter: role.letter,
            roleLabel: role.label,
            assignmentId: chip.assignmentId,
            removable: !!chip.assignmentId,
            removeLabel: formatLabel(removeLabel, role.label, person.name, area.name),
            // The × must stay visible on the dark Accountable and Responsible chips.
            removeVariant: role.letter === 'R' || role.letter === 'A' ? 'bare-inverse' : 'bare',
            chipClass: `slds-badge raci-chip raci-chip_${role.letter.toLowerCase()}`,
            role: chip.role,
            userId: person.id,
            personName: person.name,
            areaName: area.name
        };
    }

    get pageSize() {
        return Math.max(Number(this.rowsPerPage) || 50, 1);
    }

    get pageCount() {
        return Math.ceil(this.filteredAreas.length / this.pageSize);
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

    get personOptions() {
        const people = this.model?.people ?? [];
        return [{ label: allPeopleLabel, value: '' }, ...people.map((person) => ({ label: person.name, value: person.id }))];
    }

    get undoText() {
        return this.lastRemoval?.text ?? '';
    }

    get showFilters() {
        return !this.recordId;
    }

    get caption() {
        return formatLabel(captionLabel, this.filteredAreas.length, this.columns.length);
    }

    get summaryText() {
        const withGaps = this.filteredAreas.filter((area) => area.gaps.length > 0).length;
        return formatLabel(summaryLabel, this.filteredAreas.length, withGaps);
    }

    get leadOptions() {
        return [{ label: allLeadsLabel, value: '' }, ...LEADS.map((value) => ({ label: value, value }))];
    }

    get categoryOptions() {
        return [{ label: allCategoriesLabel, value: '' }, ...CATEGORIES.map((value) => ({ label: value, value }))];
    }

    get roleOptions() {
        return ASSIGNABLE_ROLES.map((value) => ({ label: ROLES[value].label, value }));
    }

    get userFilter() {
        return { criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }] };
    }

    get cannotSaveAssignment() {
        return this.isSaving || !this.assigning?.userId || !this.assigning?.role;
    }

    handleLeadChange(event) {
        this.lead = event.detail.value;
        this.applyFilters();
    }

    handleCategoryChange(event) {
        this.category = event.detail.value;
        this.applyFilters();
    }

    handleMyAreasChange(event) {
        this.myAreasOnly = event.target.checked;
        this.applyFilters();
    }

    handleGapsOnlyChange(event) {
        this.gapsOnly = event.target.checked;
        this.applyFilters();
    }

    handlePersonFilterChange(event) {
        this.personId = event.detail.value;
        this.applyFilters();
    }

    handlePreviousPage() {
        if (!this.isFirstPage) {
            this.pageIndex--;
            this.buildVisibleRows();
            this.scrollPending = true;
        }
    }

    handleNextPage() {
        if (!this.isLastPage) {
            this.pageIndex++;
            this.buildVisibleRows();
            this.scrollPending = true;
        }
    }

    renderedCallback() {
        if (this.scrollPending) {
            this.scrollPending = false;
            // A new page starts at its top, not where the last page was scrolled to.
            const scroller = this.template.querySelector('.raci-scroller');
            if (scroller) {
                scroller.scrollTop = 0;
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
        const lastRow = this.visibleRows.length - 1;
        const lastCol = this.columns.length;
        const moves = {
            ArrowUp: { row: row - 1, col },
            ArrowDown: { row: row + 1, col },
            ArrowLeft: { row, col: col - 1 },
            ArrowRight: { row, col: col + 1 },
            Home: { row, col: 0 },
            End: { row, col: lastCol },
            PageUp: { row: 0, col },
            PageDown: { row: lastRow, col }
        };
        const next = moves[event.key];
        if (next) {
            event.preventDefault();
            this.activeCell = { row: Math.max(0, Math.min(next.row, lastRow)), col: Math.max(0, Math.min(next.col, lastCol)) };
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
            const chip = area.cells[col - 1].chips.find((candidate) => candidate.removable);
            if (chip) {
                event.preventDefault();
                this.remove(chip, area.id);
            }
        }
    }

    /** A click in the grid moves its tab stop there, so Tab out and back returns to the same cell. */
    handleCellFocus(event) {
        const row = Number(event.currentTarget.dataset.row);
        const col = Number(event.currentTarget.dataset.col);
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

    handleRoleChange(event) {
        this.assigning = { ...this.assigning, role: event.detail.value };
    }

    handlePersonChange(event) {
        this.assigning = { ...this.assigning, userId: event.detail.recordId ?? null };
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
