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
