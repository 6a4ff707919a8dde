/**
 * Compiles the console for a real browser: our components with @lwc/rollup-plugin, against Salesforce's
 * open-source base components (lightning-base-components) under synthetic shadow (as Lightning
 * Experience runs them, so the SLDS stylesheet reaches into every component). The platform modules that
 * have no open-source implementation (lightning/graphql, lightning/uiRecordApi, lightning/uiObjectInfoApi, lightning/messageService,
 * lightning/navigation, lightning/platformShowToastEvent, lightning-record-picker) come from
 * scripts/browser/harness and answer from the harness server; labels come from the labels file,
 * @salesforce/schema imports become `{ objectApiName, fieldApiName }` as the platform compiles them.
 */
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup, type Plugin } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import { transform } from 'esbuild';
import { XMLParser } from 'fast-xml-parser';
import { HARNESS_USER, PROJECT_ROOT } from './store';

const LWC_DIR = join(PROJECT_ROOT, 'force-app', 'main', 'default', 'lwc');
const HARNESS_DIR = join(PROJECT_ROOT, 'scripts', 'browser', 'harness');
const LBC_DIR = join(PROJECT_ROOT, 'node_modules', 'lightning-base-components');
export const SLDS_ASSETS = join(PROJECT_ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
export const BUILD_DIR = join(PROJECT_ROOT, '.browser-build');

export type BuildOptions = { production: boolean };

/** The custom labels by name, as the labels file states them (placeholders kept). */
export function readLabels(): Map<string, string> {
  const parser = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false });
  const xml = parser.parse(
    readFileSync(join(PROJECT_ROOT, 'force-app', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml'), 'utf8')
  ) as {
    CustomLabels: { labels: Array<{ fullName: string; value: string }> };
  };
  return new Map(xml.CustomLabels.labels.map((label) => [label.fullName, String(label.value)]));
}

const VIRTUAL = '\0console-virtual:';
// ElementInternals is not available under synthetic shadow (LWC throws), which Lightning Experience runs:
// the combobox takes its synthetic-shadow path there, so the harness closes that gate too.
const CLOSED_GATES = new Set(['@salesforce/gate/bc.260.enableComboboxElementInternals']);

/** @salesforce/* scoped modules: labels, schema, user, message channels, and the base components' own. */
function salesforceScopedModules(labels: Map<string, string>): Plugin {
  return {
    name: 'salesforce-scoped-modules',
    resolveId(source) {
      if (!source.startsWith('@salesforce/')) return null;
      if (CLOSED_GATES.has(source)) return VIRTUAL + source;
      const file = scopedFile(source);
      if (existsSync(file)) return file;
      // Labels, schema, user and channels are ours; gates and access checks go to the base components' stubs.
      return /^@salesforce\/(label|schema|user|messageChannel|customPermission)\//.test(source) ? VIRTUAL + source : null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const source = id.slice(VIRTUAL.length);
      if (CLOSED_GATES.has(source)) return 'export default { isOpen: () => false };';
      const [, kind, rest] = /^@salesforce\/([^/]+)\/(.*)$/.exec(source) ?? [];
      if (kind === 'label') {
        const name = rest.replace(/^c\./, '');
        const text = labels.get(name);
        if (rest.startsWith('c.') && text === undefined)
          this.error(`${source}: no label ${name} in force-app/main/default/labels/CustomLabels.labels-meta.xml`);
        return `export default ${JSON.stringify(text ?? rest)};`;
      }
      if (kind === 'schema') {
        const [objectApiName, ...field] = rest.split('.');
        return `export default ${JSON.stringify(field.length ? { objectApiName, fieldApiName: field.join('.') } : { objectApiName })};`;
      }
      if (kind === 'user') return `export default ${JSON.stringify(rest === 'Id' ? HARNESS_USER.Id : null)};`;
      if (kind === 'messageChannel') return `export default ${JSON.stringify(rest)};`;
      // The harness user's custom permissions: the server writes them into the page before app.js runs.
      if (kind === 'customPermission')
        return `export default Boolean((globalThis.__harnessPermissions || []).includes(${JSON.stringify(rest)}));`;
      return 'export default undefined;';
    }
  };
}

/** Gates the base components' package does not list: open, as its own gate stub answers. */
function unlistedGates(): Plugin {
  return {
    name: 'unlisted-gates',
    resolveId(source) {
      if (source.startsWith('@salesforce/gate/')) return join(LBC_DIR, 'external', 'gateStub.js');
      if (source.startsWith('@salesforce/accessCheck/')) return join(LBC_DIR, 'external', 'flagStub.js');
      return null;
    }
  };
}

/** lightning-base-components ships its scoped imports as files named `@salesforce-i18n-locale.js`. */
function scopedFile(source: string): string {
  return join(LBC_DIR, 'scopedImports', `${source.replace(/\//g, '-')}.js`);
}

/** Replaces process.env.NODE_ENV and import.meta.env.SSR (read by the base components) as a bundler's define would. */
function nodeEnv(production: boolean): Plugin {
  const value = JSON.stringify(production ? 'production' : 'development');
  return {
    name: 'node-env',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV') && !code.includes('import.meta.env')) return null;
      return { code: code.replace(/process\.env\.NODE_ENV/g, value).replace(/import\.meta\.env\.SSR/g, 'false'), map: null };
    }
  };
}

/** Alias records: c/<name> for our components, the harness's platform modules before the base components'. */
function moduleRecords(): Array<{ name: string; path: string } | { npm: string } | { dir: string }> {
  const components = readdirSync(LWC_DIR)
    .filter((name) => existsSync(join(LWC_DIR, name, `${name}.js`)))
    .map((name) => ({ name: `c/${name}`, path: join(LWC_DIR, name, `${name}.js`) }));
  const harnessRoot = join(HARNESS_DIR, 'modules', 'lightning');
  const harness = readdirSync(harnessRoot).map((name) => ({ name: `lightning/${name}`, path: join(harnessRoot, name, `${name}.js`) }));
  return [...harness, ...components, { npm: 'lightning-base-components' }];
}

/** Builds the console into .browser-build/<mode>/app.js and returns that folder. */
export async function buildConsole(options: BuildOptions): Promise<string> {
  const outDir = join(BUILD_DIR, options.production ? 'production' : 'development');
  const warnings: string[] = [];
  const bundle = await rollup({
    input: join(HARNESS_DIR, 'main.js'),
    plugins: [
      salesforceScopedModules(readLabels()),
      nodeEnv(options.production),
      lwc({ rootDir: HARNESS_DIR, modules: moduleRecords(), enableDynamicComponents: true, apiVersion: 62 }),
      unlistedGates()
    ],
    onwarn(warning) {
      // The base components' own circular imports are theirs; anything about our code is reported.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      warnings.push(warning.message);
    }
  });
  const { output } = await bundle.generate({
    format: 'iife',
    name: 'OwnershipConsoleHarness',
    inlineDynamicImports: true,
    sourcemap: !options.production
  });
  await bundle.close();
  let code = output[0].code;
  if (options.production) code = (await transform(code, { minify: true, target: 'es2020' })).code;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'app.js'), code);
  writeFileSync(join(outDir, 'warnings.txt'), warnings.join('\n'));
  return outDir;
}
