/**
 * lightning-record-picker for the browser harness (the base component is not open source): a
 * lightning-combobox of the records the filter admits, read from the harness's GraphQL endpoint, firing
 * `change` with `detail.recordId` as the platform's picker does.
 */
import { LightningElement, api } from 'lwc';
import { post } from 'lightning/uiRecordApi';

export default class RecordPicker extends LightningElement {
  @api label;
  @api objectApiName;
  @api filter;
  @api required = false;
  @api placeholder = 'Search...';
  @api
  get value() {
    return this.selected;
  }
  set value(recordId) {
    this.selected = recordId ?? '';
  }

  selected = '';
  options = [];

  connectedCallback() {
    const where = {};
    (this.filter?.criteria ?? []).forEach((criterion) => {
      where[criterion.fieldPath] = { [criterion.operator]: criterion.value };
    });
    const query = `query picker($where: ${this.objectApiName}_Filter) { uiapi { query { ${this.objectApiName}(first: 200, where: $where, orderBy: { Name: { order: ASC } }) { edges { node { Id Name { value } } } } } } }`;
    post('/__harness/graphql', { query, variables: { where } }).then((response) => {
      const edges = response.data?.uiapi?.query?.[this.objectApiName]?.edges ?? [];
      this.options = edges.map(({ node }) => ({ label: node.Name.value ?? node.Id, value: node.Id }));
    });
  }

  handleChange(event) {
    event.stopPropagation();
    this.selected = event.detail.value;
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId: this.selected || null } }));
  }
}
