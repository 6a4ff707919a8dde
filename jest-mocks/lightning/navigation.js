/**
 * lightning/navigation for jest: records what a component asked to navigate to, so tests can assert
 * it (the sfdx-lwc-jest stub's Navigate does nothing). Same shape as lwc-recipes' mock.
 */
export const CurrentPageReference = jest.fn();

let lastPageReference;
let lastReplace;
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace) {
      lastPageReference = pageReference;
      lastReplace = replace;
    }
    [GenerateUrl](pageReference) {
      lastPageReference = pageReference;
      return Promise.resolve(`https://www.example.com/${pageReference.attributes?.recordId ?? ''}`);
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** The page reference of the last navigation, and whether it replaced the history entry. */
export const getNavigateCalledWith = () => ({ pageReference: lastPageReference, replace: lastReplace });
