// jsforce reads its socket timeout once, when it loads: set it before @salesforce/core is imported,
// so a server that accepts a call and never answers ends in a retry instead of a hang.
process.env.HTTP_TIMEOUT ??= '30000';

export const HTTP_TIMEOUT_MS = Number(process.env.HTTP_TIMEOUT);
