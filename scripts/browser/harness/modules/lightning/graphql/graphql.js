/**
 * lightning/graphql for the browser harness: the wire adapter posts the query and its variables to the
 * harness server, which answers from the sample data as the UI API GraphQL endpoint would.
 */
import { post } from 'lightning/uiRecordApi';

/** The platform's gql parses the query; the harness sends its text to the server, which parses it. */
export function gql(strings, ...values) {
  return strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
}

export class graphql {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    this.connected = false;
    this.config = undefined;
    this.generation = 0;
  }

  connect() {
    this.connected = true;
    this.fetch();
  }

  disconnect() {
    this.connected = false;
  }

  update(config) {
    this.config = config;
    this.fetch();
  }

  fetch() {
    if (!this.connected || !this.config || !this.config.query) {
      return Promise.resolve();
    }
    // A later config wins over a slower earlier answer, as the platform's adapter does.
    const generation = ++this.generation;
    const { query, variables } = this.config;
    return post('/__harness/graphql', { query, variables: variables ?? {} }).then(
      (response) => {
        if (generation !== this.generation || !this.connected) {
          return;
        }
        const refresh = () => this.fetch();
        if (response.errors && response.errors.length) {
          this.dataCallback({ data: undefined, errors: response.errors, refresh });
        } else {
          this.dataCallback({ data: response.data, errors: undefined, refresh });
        }
      },
      (error) => {
        if (generation === this.generation) {
          this.dataCallback({ data: undefined, errors: [{ message: error.message }], refresh: () => this.fetch() });
        }
      }
    );
  }
}
