import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const SCHEMAS = join(__dirname, 'schemas');

export type CiFormat = 'github-workflow' | 'gitlab-ci';

function validator(format: CiFormat) {
  // The published schemas use editor keywords (markdownDescription) that strict mode would refuse.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, `${format}.json`), 'utf8')) as object);
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? ''}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`;
}

/** Validates CI YAML text against the vendored schema of its format; returns the problems (none when valid). */
export function lintCi(format: CiFormat, text: string): string[] {
  const document: unknown = parse(text);
  const validate = validator(format);
  return validate(document) ? [] : (validate.errors ?? []).map(describe);
}
