/**
 * `weft get` of an instance that has not started (PENDING: a start time ahead, or no worker yet) says that it
 * waits for its start, not for "an external event".
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
  dir = mkdtempSync(join(tmpdir(), 'weft-get-pending-'));
  db = join(dir, 'weft.db');
  const backend = new SqliteBackend({ path: db });
  await backend.open();
  await backend.createInstance({ instanceId: 'later', name: 'greeting', startAt: Date.now() + 3_600_000 });
  await backend.close();
}, 240_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('a PENDING instance waits for its start', async () => {
  const result = await runCli(['get', 'later', '--db', db]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Status: +PENDING$/m);
  expect(result.stdout).toMatch(
    /^Waiting for: +its start \(a start time set with --start-time or startAt, or a worker to run it\)$/m,
  );
  expect(result.stdout).not.toMatch(/external event/);
});
