// Stryker's buildCommand, run inside its sandbox (.stryker-tmp/sandbox-*). Stryker links the project's
// node_modules into the sandbox only when it is a real folder; in a checkout where node_modules is itself a
// link (git worktrees sharing one install), code that opens files by path under node_modules (the org
// emulator reads @salesforce/types' .d.ts files) would find nothing. This links it the same way.
const { existsSync, realpathSync, symlinkSync } = require('node:fs');
const { join } = require('node:path');

const project = join(process.cwd(), '..', '..', 'node_modules');
if (!existsSync('node_modules') && existsSync(project)) symlinkSync(realpathSync(project), 'node_modules', 'junction');
