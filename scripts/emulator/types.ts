/** A record as the emulator stores it: flat fields, lookups as ids (`ProfileId`, `Accountable__c`). */
export type StoredRecord = Record<string, unknown> & { Id: string };

export type Dataset = {
  orgId: string;
  /** The user the access token belongs to. */
  user: { id: string; username: string; name: string; email: string };
  /** REST sObjects by API name. */
  sobjects: Record<string, StoredRecord[]>;
  /** Tooling API objects by API name. */
  tooling: Record<string, StoredRecord[]>;
  /** Fields each object describes, when the records do not show them all (e.g. a field that is always null). */
  fields?: Record<string, string[]>;
  /** Fields this org does not have (an older API version, a feature not enabled): describe and queries lack them. */
  missingFields?: Record<string, string[]>;
  /** Field-level security: fields the running user cannot see (left out of describe, INVALID_FIELD when queried). */
  hiddenFields?: Record<string, string[]>;
  /** Lookup targets for custom relationships: relationships[object][field] = target object. */
  relationships?: Record<string, Record<string, string>>;
};

export type CallKind =
  | 'query'
  | 'queryMore'
  | 'tooling-query'
  | 'tooling-queryMore'
  | 'describe'
  | 'composite'
  /** POST .../composite and .../tooling/composite (scripts/emulator/composite.ts): one call however many subrequests. */
  | 'composite-query'
  | 'tooling-composite-query'
  | 'userinfo'
  | 'versions'
  | 'limits'
  | 'sobject'
  | 'other';

export type FaultKind =
  | '500'
  | '503'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'INVALID_SESSION_ID'
  | 'INVALID_QUERY_LOCATOR'
  | 'INVALID_FIELD'
  /** The object does not exist in this org (a feature not enabled, e.g. PermissionSetGroup). */
  | 'INVALID_TYPE'
  /** Salesforce's internal error (HTTP 500, errorCode UNKNOWN_EXCEPTION), here with its own name so a test can make it persist on one object. */
  | 'UNKNOWN_EXCEPTION'
  /** A query that ran too long on the server (HTTP 400, QUERY_TIMEOUT). */
  | 'QUERY_TIMEOUT'
  /** Too many long-running requests at once (HTTP 403 REQUEST_LIMIT_EXCEEDED, ConcurrentRequests): unlike the daily limit, it passes. */
  | 'CONCURRENT_REQUEST_LIMIT'
  /** Accepted and never answered. */
  | 'timeout'
  | 'malformed-json'
  | 'truncated-json';

export type FaultRule = {
  /** `object`: the sObject a query reads (its FROM) or a describe names, e.g. `LoginHistory`. */
  match: { method?: string; path?: RegExp | string; kind?: CallKind; object?: string };
  fault: FaultKind;
  /** Let the first N matching calls through. */
  after?: number;
  /** How many matching calls fail (default 1; Infinity for all). */
  times?: number;
};

/**
 * `object` is the query's FROM (or the sObject a path names); `subqueryObjects` what its semi- and anti-joins read;
 * `soql` the query text as sent (a Query More names its cursor, not a query).
 */
export type ApiCall = { method: string; path: string; kind: CallKind; object?: string; subqueryObjects?: string[]; soql?: string };
