/**
 * npm run console:preview: the console built for production and served on 127.0.0.1 with the sample
 * org's data, so an admin can look at it before installing it. Writes go to an in-memory copy only.
 */
import { buildConsole } from './build';
import { startHarnessServer } from './server';
import { parseArgs } from 'node:util';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4173' }, 'accept-permission': { type: 'boolean', default: true } },
    strict: true,
    allowNegative: true
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number (0-65535), got "${values.port}"\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write('Building the console (lightning-base-components, SLDS) ...\n');
  const dir = await buildConsole({ production: true });
  const server = await startHarnessServer(dir, { port, permissions: values['accept-permission'] ? ['Ownership_Console_Accept_Risk'] : [] });
  process.stdout.write(`Ownership Console preview: ${server.url}  (Ctrl+C to stop)\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
