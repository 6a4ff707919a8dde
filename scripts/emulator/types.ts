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
  | 'timeout'
  | 'malformed-json'
  | 'truncated-json';

export type FaultRule = {
  match: { method?: string; path?: RegExp | string; kind?: CallKind };
  fault: FaultKind;
  /** Let the first N matching calls through. */
  after?: number;
  /** How many matching calls fail (default 1; Infinity for all). */
  times?: number;
};

export type ApiCall = { method: string; path: string; kind: CallKind };
