/**
 * `weft purge` of an instance that has not finished says how to purge it anyway (`--force`), the flag the
 * CLI has and the shared error message cannot name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend } from 'weft-workflows';
import { ensureBuilt } from './support/build';
import { runCli } from './support/run-cli';

let dir: string;
let db: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'weft-purge-hint-'));
  db = join(dir, 'weft.db');
  const backend = new SqliteBackend({ path: db });
  await backend.open();
  await backend.createInstance({ instanceId: 'unfinished', name: 'greeting' });
  await backend.close();
}, 240_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('refuses an unfinished instance, naming --force, and keeps it', async () => {
  const result = await runCli(['purge', 'unfinished', '--db', db]);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    "weft: Cannot purge workflow instance 'unfinished': it is PENDING. Terminate it first or wait for it to " +
      'finish. (weft purge --force terminates it, and its children, first.)\n',
  );
  expect((await runCli(['get', 'unfinished', '--db', db])).stdout).toMatch(/^Status: +PENDING$/m);
});
