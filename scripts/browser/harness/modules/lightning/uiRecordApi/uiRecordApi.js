/**
 * lightning/uiRecordApi for the browser harness: writes go to the harness server, which runs the
 * objects' validation rules from their metadata and answers with the UI API's record and error shapes.
 */

/** A JSON request to the harness server; rejects with `{ status, body }` as UI API calls do. */
export function post(path, payload, method = 'POST') {
  return fetch(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: payload === undefined ? undefined : JSON.stringify(payload)
  }).then((response) =>
    response.json().then((body) => {
      if (!response.ok) {
        const error = new Error(body.message);
        return Promise.reject(Object.assign(error, { status: response.status, body }));
      }
      return body;
    })
  );
}

export function createRecord(recordInput) {
  return post('/__harness/records', recordInput);
}

export function updateRecord(recordInput) {
  return post(`/__harness/records/${recordInput.fields.Id}`, recordInput, 'PATCH');
}

export function deleteRecord(recordId) {
  return post(`/__harness/records/${recordId}`, undefined, 'DELETE').then(() => undefined);
}

export function notifyRecordUpdateAvailable() {
  return Promise.resolve();
}

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
