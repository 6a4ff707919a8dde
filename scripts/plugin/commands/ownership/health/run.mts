/**
 * `sf ownership health run`: the health check as an sf command. This file is ESM (.mts, its types
 * stripped by Node 22) because @salesforce/sf-plugins-core is ESM; the check itself is the project's
 * CommonJS TypeScript, loaded through tsx, so both front ends call the same main().
 */
import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { require as tsxRequire } from 'tsx/cjs/api';
import { register as registerTsxEsm } from 'tsx/esm/api';
import type { HealthCheckResult } from '../../../../health/result.js';

// main() loads some modules with import() (the reporters, the org collector): tsx resolves those too.
registerTsxEsm();
const { main } = tsxRequire('../../../../health/cli.ts', import.meta.url) as typeof import('../../../../health/cli.js');
const { SPECS, USAGE } = tsxRequire('../../../../health/flags.ts', import.meta.url) as typeof import('../../../../health/flags.js');

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('crm-ownership-console', 'ownership.health.run');

/** Flag summaries as `npm run health -- --help` words them (continuation lines joined): one text, two front ends. */
function summaries(): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  for (const line of USAGE.split('\n')) {
    const flag = /^ {2}(?:-\w, | {4})--([\w-]+)(?:=\S+)?\s+(\S.*)$/.exec(line);
    if (flag) {
      current = flag[1];
      out.set(current, flag[2].trim());
    } else if (current && /^ {20,}\S/.test(line)) out.set(current, `${out.get(current)} ${line.trim()}`);
    else current = undefined;
  }
  return out;
}

/** The flags of npm run health, declared to oclif; --json and --help are the sf CLI's own. */
function healthFlags() {
  // Typed loosely on purpose: the set is built from SPECS at load time, and run() reads it by name.
  const flags: Record<string, unknown> = {};
  const summary = summaries();
  for (const spec of SPECS) {
    if (spec.name === 'json' || spec.name === 'help') continue;
    const common = { summary: summary.get(spec.name) ?? spec.name, ...(spec.short ? { char: spec.short as 'o' } : {}) };
    flags[spec.name] = spec.kind === 'boolean' ? Flags.boolean(common) : Flags.string(common);
  }
  return flags as Record<string, ReturnType<typeof Flags.string>>;
}

/** Back to argv for the one implementation behind both `npm run health` and this command. */
function toArgv(values: Record<string, unknown>): string[] {
  const argv: string[] = [];
  for (const spec of SPECS) {
    const value = values[spec.name];
    if (value === undefined || value === false || spec.name === 'json') continue;
    argv.push(spec.kind === 'boolean' ? `--${spec.name}` : `--${spec.name}=${String(value)}`);
  }
  return argv;
}

type Envelope = { status: number; result?: HealthCheckResult; name?: string; message?: string; actions?: string[]; exitCode?: number };

export default class HealthRun extends SfCommand<HealthCheckResult | undefined> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = healthFlags();

  public async run(): Promise<HealthCheckResult | undefined> {
    const { flags } = await this.parse(HealthRun);
    const argv = toArgv(flags as Record<string, unknown>);
    if (this.jsonEnabled()) return this.runForJson(argv);

    // The table, the summary line and errors are written by the same main as npm run health;
    // the spinner stops as soon as it writes.
    this.spinner.start(messages.getMessage('spinner.start'));
    const through = (stream: NodeJS.WriteStream) =>
      Object.assign(Object.create(stream) as NodeJS.WriteStream, {
        write: (chunk: string | Uint8Array) => {
          this.spinner.stop();
          return stream.write(chunk);
        }
      });
    const code = await main(argv, { stdout: through(process.stdout), stderr: through(process.stderr) });
    this.spinner.stop();
    process.exitCode = code;
    return undefined;
  }

  /** The project's rule, stricter than sf's default: no stack trace in any output, the JSON error included. */
  public override logJson(json: unknown): void {
    if (json && typeof json === 'object' && 'stack' in json) {
      const { stack: _stack, cause: _cause, ...rest } = json as Record<string, unknown>;
      super.logJson(rest);
      return;
    }
    super.logJson(json);
  }

  /** --json: main's envelope becomes the sf envelope; an error envelope becomes an SfError with its actions. */
  private async runForJson(argv: string[]): Promise<HealthCheckResult> {
    let stdout = '';
    const capture = { write: (chunk: string | Uint8Array) => ((stdout += chunk.toString()), true) } as unknown as NodeJS.WritableStream;
    const code = await main([...argv, '--json'], { stdout: capture, stderr: process.stderr });
    let envelope: Envelope;
    try {
      envelope = JSON.parse(stdout) as Envelope;
    } catch {
      throw new SfError(
        messages.getMessage('error.noResult'),
        'HealthCheckOutputError',
        messages.getMessages('error.noResult.actions'),
        code || 1
      );
    }
    if (!envelope.result)
      throw new SfError(
        envelope.message ?? 'The health check failed.',
        envelope.name ?? 'HealthCheckError',
        envelope.actions ?? [],
        envelope.exitCode ?? code
      );
    process.exitCode = code;
    return envelope.result;
  }
}
