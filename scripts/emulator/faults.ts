import type { ApiCall, FaultKind, FaultRule } from './types';

type ArmedFault = FaultRule & { seen: number; fired: number };

/** Decides, call by call, whether a configured fault fires. */
export class FaultPlan {
  private rules: ArmedFault[] = [];

  public set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule, seen: 0, fired: 0 }));
  }

  public next(call: ApiCall): FaultKind | undefined {
    for (const rule of this.rules) {
      if (!matchesCall(rule, call)) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.after ?? 0)) continue;
      if (rule.fired >= (rule.times ?? 1)) continue;
      rule.fired += 1;
      return rule.fault;
    }
    return undefined;
  }
}

function matchesCall(rule: FaultRule, call: ApiCall): boolean {
  const { method, path, kind, object } = rule.match;
  const read = [call.object, ...(call.subqueryObjects ?? [])].map((name) => name?.toLowerCase());
  if (object && !read.includes(object.toLowerCase())) return false;
  if (method && method.toUpperCase() !== call.method) return false;
  if (kind && kind !== call.kind) return false;
  if (path instanceof RegExp && !path.test(call.path)) return false;
  if (typeof path === 'string' && !call.path.includes(path)) return false;
  return true;
}

/** The status and body Salesforce answers with for each fault (a timeout answers nothing). */
export function faultResponse(fault: Exclude<FaultKind, 'timeout' | 'truncated-json'>): {
  status: number;
  body: string;
  contentType: string;
} {
  const json = (status: number, errorCode: string, message: string) => ({
    status,
    body: JSON.stringify([{ message, errorCode }]),
    contentType: 'application/json;charset=UTF-8'
  });
  switch (fault) {
    case '500':
      return json(
        500,
        'UNKNOWN_EXCEPTION',
        'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)'
      );
    case '503':
      return { status: 503, body: '<html><body><h1>Service Unavailable</h1></body></html>', contentType: 'text/html' };
    case 'REQUEST_LIMIT_EXCEEDED':
      return json(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    case 'INVALID_SESSION_ID':
      return json(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    case 'INVALID_QUERY_LOCATOR':
      return json(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    case 'INVALID_FIELD':
      return json(400, 'INVALID_FIELD', "No such column 'Injected__c' on entity 'Unknown'.");
    case 'INVALID_TYPE':
      return json(
        400,
        'INVALID_TYPE',
        "sObject type is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name."
      );
    case 'UNKNOWN_EXCEPTION':
      return json(
        500,
        'UNKNOWN_EXCEPTION',
        'An unexpected error occurred. Please include this ErrorId if you contact support: 987654321-54321 (-987654321)'
      );
    case 'QUERY_TIMEOUT':
      return json(400, 'QUERY_TIMEOUT', 'Your query request was running for too long.');
    case 'CONCURRENT_REQUEST_LIMIT':
      return json(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.');
    case 'malformed-json':
      return {
        status: 200,
        body: '{"totalSize": 1, "done": true, "records": [{"attributes": ',
        contentType: 'application/json;charset=UTF-8'
      };
  }
}
