/**
 * The next steps `weft new` prints can be pasted into a shell as they are: no `cd .` when the project is the
 * current folder, and a folder name with a space is quoted.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './support/build';
import { runCli } from './support/run-cli';

let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'weft-new-steps-'));
}, 240_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('weft new . prints the steps without a cd', async () => {
  const here = join(dir, 'here');
  mkdirSync(here);
  const result = await runCli(['new', '.'], { cwd: here });
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(
    'Created . from the worker template (10 files).\n\n  npm install\n  npm test\n  npm start\n',
  );
});

it("weft new 'my app' quotes the folder in the cd line", async () => {
  const result = await runCli(['new', 'my app'], { cwd: dir });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("\n  cd 'my app'\n  npm install\n");
});
