import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from '@lwc/compiler';
import { listComponents } from './helpers/lwcSources';

// DiagnosticLevel from @lwc/errors: 0 Fatal, 1 Error, 2 Warning, 3 Log.
const ERROR_LEVEL = 1;

function compileErrors(file: string, componentName: string): string[] {
  try {
    const { warnings = [] } = transformSync(fs.readFileSync(file, 'utf8'), path.basename(file), { name: componentName, namespace: 'c' });
    return warnings
      .filter((warning) => Number(warning.level) <= ERROR_LEVEL)
      .map((warning) => `${path.basename(file)}: ${warning.message}`);
  } catch (error) {
    return [`${path.basename(file)}: ${(error as Error).message}`];
  }
}

describe('every component compiles with the LWC compiler', () => {
  const components = listComponents();

  it('finds the components', () => {
    expect(components.length).toBeGreaterThan(0);
  });

  it('reports a template error (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwc-compile-'));
    const file = path.join(dir, 'broken.html');
    fs.writeFileSync(file, '<template><div lwc:if={a}></div><p lwc:else={b}></p></template>');
    expect(compileErrors(file, 'broken').length).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(components.map((component) => [component.name, component.files]))('%s', (name, files) => {
    const errors = files.flatMap((file) => compileErrors(file, name));
    expect({ component: name, errors }).toEqual({ component: name, errors: [] });
  });
});
