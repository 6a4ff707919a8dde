/**
 * A field of an API record as text: the REST API gives scalars (string, number, boolean) or null.
 * Null or absent is ''; anything structured is shown as its JSON, never as "[object Object]".
 */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}
