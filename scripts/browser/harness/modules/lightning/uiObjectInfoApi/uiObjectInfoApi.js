/**
 * lightning/uiObjectInfoApi for the browser harness: picklist values come from the fields' metadata
 * through the harness server, in the shape of the UI API's picklist-values resource.
 */

/** Wire adapter: `{ values: [{ label, value }], defaultValue }` of a picklist field, from its metadata. */
export class getPicklistValues {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }

  connect() {}

  disconnect() {}

  update(config) {
    const field = config && config.fieldApiName;
    if (!field || !field.objectApiName || !field.fieldApiName) {
      return;
    }
    fetch(`/__harness/picklists/${field.objectApiName}/${field.fieldApiName}`)
      .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
      .then(({ ok, body }) => this.dataCallback(ok ? { data: body, error: undefined } : { data: undefined, error: { body } }));
  }
}

/** Wire adapter: the harness has one record type per object, the master one. */
export class getObjectInfo {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }

  connect() {}

  disconnect() {}

  update(config) {
    const objectApiName = config && config.objectApiName && (config.objectApiName.objectApiName ?? config.objectApiName);
    if (objectApiName) {
      this.dataCallback({ data: { apiName: objectApiName, defaultRecordTypeId: '012000000000000AAA' }, error: undefined });
    }
  }
}
