import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { LWC_DIR, PROJECT_ROOT } from './helpers/lwcSources';

jest.setTimeout(180_000);

interface LintMessage {
  file: string;
  line: number;
  column: number;
  ruleId: string | null;
  message: string;
  severity: number;
}

// ESLint loads eslint.config.js with a dynamic import(), which jest's VM cannot run: lint in a child Node process.
const LINT_SCRIPT = `
const { ESLint } = require('eslint');
const [cwd, config, target, text, textPath] = process.argv.slice(1);
(async () => {
    const eslint = new ESLint({ cwd, overrideConfigFile: config });
    const results = text ? await eslint.lintText(text, { filePath: textPath }) : await eslint.lintFiles([target]);
    const messages = results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, line: m.line, column: m.column, ruleId: m.ruleId, message: m.message, severity: m.severity })));
    process.stdout.write(JSON.stringify({ files: results.length, messages }));
})().catch((error) => { process.stderr.write(String(error && error.message)); process.exit(2); });
`;

function lint(text = '', textPath = ''): { files: number; messages: LintMessage[] } {
  const output = execFileSync(
    process.execPath,
    ['-e', LINT_SCRIPT, PROJECT_ROOT, path.join(PROJECT_ROOT, 'eslint.config.js'), LWC_DIR, text, textPath],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    }
  );
  return JSON.parse(output) as { files: number; messages: LintMessage[] };
}

describe('ESLint with the LWC rules', () => {
  it('passes on force-app/main/default/lwc with the project configuration', () => {
    const { files, messages } = lint();
    expect(files).toBeGreaterThan(0);
    const errors = messages
      .filter((message) => message.severity === 2)
      .map(
        (message) =>
          `${path.relative(PROJECT_ROOT, message.file)}:${message.line}:${message.column} ${message.ruleId ?? 'parse'} ${message.message}`
      );
    expect(errors).toEqual([]);
  });

  it('applies the LWC rules to components (the check can fail)', () => {
    const source =
      "import { LightningElement, api } from 'lwc';\nexport default class Probe extends LightningElement {\n    @api onclick;\n}\n";
    const { messages } = lint(source, path.join(LWC_DIR, 'probe/probe.js'));
    expect(messages.map((message) => message.ruleId)).toContain('@lwc/lwc/valid-api');
  });
});
