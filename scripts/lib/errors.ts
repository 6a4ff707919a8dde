/**
 * Named errors with an action for the user, in the style of @salesforce/core's SfError:
 * the CLI prints `Error (Name): message` and each action, never a stack trace.
 */
export class ConsoleError extends Error {
  public readonly actions: string[];
  /** Process exit code: 2 for usage and input errors, 1 for everything else. */
  public readonly exitCode: number;

  public constructor(name: string, message: string, actions: string[] = [], exitCode = 1) {
    super(message);
    this.name = name;
    this.actions = actions;
    this.exitCode = exitCode;
  }
}

/** A flag, file or argument the user gave is wrong: exit 2. */
export class UsageError extends ConsoleError {
  public constructor(name: string, message: string, actions: string[] = []) {
    super(name, message, actions, 2);
  }
}

/** Renders any thrown value for a terminal: name, message, actions; no stack. */
export function formatError(error: unknown): string {
  if (error instanceof ConsoleError) {
    const lines = [`Error (${error.name}): ${error.message}`];
    if (error.actions.length > 0) {
      lines.push('', 'Try this:', ...error.actions.map((action) => `  - ${action}`));
    }
    return lines.join('\n');
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return `Error (${name}): ${message}`;
}

export function exitCodeOf(error: unknown): number {
  return error instanceof ConsoleError ? error.exitCode : 1;
}
