/**
 * `weft workflow <command>` runs `weft <command>`, so the Dapr CLI's `dapr workflow list` (and Temporal's
 * `temporal workflow …`) habit works; `weft workflow` alone and `--help` show the commands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend } from 'weft-workflows';
import { ensureBuilt } from './support/build';
import { parseTable, runCli } from './support/run-cli';

let dir: string;
let db: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'weft-prefix-'));
  db = join(dir, 'weft.db');
  const backend = new SqliteBackend({ path: db });
  await backend.open();
  await backend.createInstance({ instanceId: 'prefixed-1', name: 'greeting' });
  await backend.close();
}, 240_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('weft workflow list is weft list', async () => {
  const plain = await runCli(['list', '--db', db]);
  const prefixed = await runCli(['workflow', 'list', '--db', db]);
  expect(prefixed.stderr).toBe('');
  expect(prefixed.code).toBe(0);
  expect(parseTable(prefixed.stdout).map((row) => row.slice(0, 3))).toEqual(
    parseTable(plain.stdout).map((row) => row.slice(0, 3)),
  );
  expect(parseTable(prefixed.stdout)[1].slice(0, 2)).toEqual(['greeting', 'prefixed-1']);
});

it('weft workflow get answers as weft get, errors included', async () => {
  const found = await runCli(['workflow', 'get', 'prefixed-1', '--db', db]);
  expect(found.code).toBe(0);
  expect(found.stdout).toMatch(/^Instance ID: +prefixed-1$/m);
  const missing = await runCli(['workflow', 'get', 'nope', '--db', db]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toBe("weft: No workflow instance with id 'nope' exists.\n");
});

it('weft workflow --help lists the commands', async () => {
  const help = await runCli(['workflow', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^ {2}list\|ls \[options\]/m);
  expect(help.stdout).toMatch(/weft workflow <command>/);
});
