import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMAS = join(__dirname, 'schemas');
const MULTITOOL = join(ROOT, 'node_modules', '.bin', 'sarif-multitool');

/**
 * Checks the multitool may report and why they do not apply to this tool:
 * SARIF2005 asks for `tool.driver.informationUri`, and the project has no public home page to give.
 */
export const MULTITOOL_ACCEPTED = new Set(['SARIF2005']);

let sarifSchema: ReturnType<Ajv['compile']> | undefined;

/** The official SARIF 2.1.0 schema with format checks on (uri, uri-reference, date-time); errors as text, none when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!sarifSchema) {
    const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
    // Draft-04's `id` names the schema; every $ref in it is local, so ignoring it changes nothing.
    ajv.removeKeyword('id');
    ajv.addKeyword('id');
    addFormats(ajv);
    sarifSchema = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8')) as object);
  }
  return sarifSchema(log) ? [] : (sarifSchema.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

type MultitoolResult = { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } };

/**
 * Microsoft's validator (`sarif-multitool validate`, from npm) on every file at once, with its
 * findings read from the SARIF log it writes. Returns what it reported beyond MULTITOOL_ACCEPTED.
 */
export function multitoolFindings(texts: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sarif-validate-'));
  try {
    const files = texts.map((text, index) => {
      const file = join(dir, `report-${index}.sarif`);
      writeFileSync(file, text);
      return file;
    });
    const output = join(dir, 'validation.sarif');
    execFileSync(MULTITOOL, ['validate', ...files, '--output', output], { encoding: 'utf8', stdio: 'pipe' });
    const log = JSON.parse(readFileSync(output, 'utf8')) as { runs: Array<{ results?: MultitoolResult[] }> };
    return log.runs
      .flatMap((run) => run.results ?? [])
      .filter((result) => !MULTITOOL_ACCEPTED.has(result.ruleId))
      .map(
        (result) => `${result.ruleId} ${result.level ?? 'warning'}: ${result.message.text ?? (result.message.arguments ?? []).join('; ')}`
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both validators on each SARIF text: the schema errors and the multitool's findings, empty when all pass. */
export function sarifProblems(texts: string[]): string[] {
  const schema = texts.flatMap((text, index) => sarifSchemaErrors(JSON.parse(text)).map((error) => `report ${index}: ${error}`));
  return [...schema, ...multitoolFindings(texts)];
}

/** The JUnit XSD Jenkins' xUnit plugin validates against, run by libxml2 (xmllint-wasm). */
export async function junitProblems(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: readFileSync(join(SCHEMAS, 'junit-10.xsd'), 'utf8') }]
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
