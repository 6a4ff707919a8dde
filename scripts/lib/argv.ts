import { UsageError } from './errors';

export type FlagSpec = { name: string; short?: string; kind: 'string' | 'boolean' };

/** Parses sf-style flags: `--name value`, `--name=value`, `-x value`; booleans take no value. */
export function parseArgv(argv: string[], specs: FlagSpec[], helpCommand: string): Map<string, string | true> {
  const usageError = (message: string) => new UsageError('InvalidFlag', message, [`Run \`${helpCommand}\` for the flags.`]);
  const values = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      const spec = specs.find((candidate) => candidate.short === arg.slice(1));
      if (!spec) throw usageError(`Unknown flag ${arg}.`);
      name = spec.name;
    } else {
      throw usageError(`Unexpected argument "${arg}": every value follows its flag.`);
    }
    const spec = specs.find((candidate) => candidate.name === name);
    if (!spec) throw usageError(`Unknown flag --${name}.`);
    if (values.has(spec.name)) throw usageError(`--${spec.name} is given more than once.`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw usageError(`--${spec.name} takes no value.`);
      values.set(spec.name, true);
      continue;
    }
    const value = inline ?? argv[index + 1];
    if (inline === undefined) index++;
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('-') && value.length > 1)) {
      throw usageError(`--${spec.name} needs a value.`);
    }
    values.set(spec.name, value);
  }
  return values;
}

export function textFlag(values: Map<string, string | true>, name: string): string | undefined {
  const value = values.get(name);
  return typeof value === 'string' ? value : undefined;
}
