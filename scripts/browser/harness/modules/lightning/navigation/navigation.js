/**
 * lightning/navigation for the browser harness: records each navigation on window.__harness so the
 * browser tests can assert where a click leads (there is no Lightning Experience to navigate).
 */
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

function record(pageReference) {
  window.__harness = window.__harness ?? {};
  window.__harness.navigations = [...(window.__harness.navigations ?? []), pageReference];
}

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference) {
      record(pageReference);
    }

    [GenerateUrl](pageReference) {
      return Promise.resolve(`#/${pageReference.attributes?.recordId ?? ''}`);
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }

  connect() {
    this.dataCallback({ type: 'standard__navItemPage', attributes: { apiName: 'Ownership_Console' }, state: {} });
  }

  disconnect() {}

  update() {}
}
