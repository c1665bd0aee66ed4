'use strict';
/**
 * Builds dist/ once before the suite (incrementally, so it is quick when nothing changed): tests that start
 * real processes (workers, the CLI, the sidecar) run the compiled JavaScript. Type errors are reported but do
 * not stop the run (tsc still emits); `npm run typecheck` and the lint step are where types are enforced.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '..', '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(
      `\nwarning: the build reported errors (dist/ was still emitted):\n${result.stdout}${result.stderr}\n`,
    );
  }
};
