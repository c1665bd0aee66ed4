/**
 * Makes sure dist/ holds the CLI for the test files that run `node bin/weft.js` as a subprocess. The
 * suite's globalSetup (test/support/global-setup.js) builds before every run; this only builds when the
 * CLI is missing from dist/ (e.g. a test file run with a jest config without that setup). Several jest
 * workers may call it at once: a lock directory makes one build while the others wait.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
const MAIN_JS = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const LOCK = join(REPO_ROOT, 'dist', '.test-build.lock');

function isFresh(): boolean {
  try {
    statSync(MAIN_JS);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Makes sure dist/ holds a build of the current sources. */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  for (;;) {
    if (isFresh()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another worker is building; a lock older than 3 minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      await sleep(250);
      continue;
    }
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
      });
    } catch (err) {
      // tsc emits despite type errors elsewhere in the tree; only a missing CLI is fatal.
      try {
        statSync(MAIN_JS);
      } catch {
        throw err;
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}
