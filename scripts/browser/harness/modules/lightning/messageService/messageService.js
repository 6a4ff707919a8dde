/** lightning/messageService for the browser harness: one in-page bus, as Lightning Message Service is within a page. */
const subscribers = new Map();
let nextId = 0;

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

export class MessageContext {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }

  connect() {
    this.dataCallback({ harness: true });
  }

  disconnect() {}

  update() {}
}

export function publish(messageContext, channel, message) {
  (subscribers.get(channel) ?? new Map()).forEach((listener) => listener(message));
}

export function subscribe(messageContext, channel, listener) {
  if (!subscribers.has(channel)) {
    subscribers.set(channel, new Map());
  }
  const id = ++nextId;
  subscribers.get(channel).set(id, listener);
  return { id, channel };
}

export function unsubscribe(subscription) {
  if (subscription) {
    subscribers.get(subscription.channel)?.delete(subscription.id);
  }
}

export function createMessageContext() {
  return { harness: true };
}

export function releaseMessageContext() {}
