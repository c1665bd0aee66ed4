'use strict';
/**
 * Builds dist/ once before the suite (incrementally, so it is quick when nothing changed): tests that start
 * real processes (workers, the CLI, the sidecar) run the compiled JavaScript.
 */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
};
