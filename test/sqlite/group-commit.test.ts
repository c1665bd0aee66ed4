import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteBackend,
  WorkflowAlreadyExistsError,
  WorkflowClient,
  WorkflowNotFoundError,
} from 'weft-workflows';

describe('group commit', () => {
  let dir: string;
  let backend: SqliteBackend;
  let client: WorkflowClient;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-group-'));
    backend = new SqliteBackend({ path: join(dir, 'weft.db') });
    client = new WorkflowClient({ backend });
    await backend.open();
  });
  afterEach(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits many operations in one transaction; one that fails fails alone', async () => {
    const before = backend.commitCount;
    const ids = ['a', 'b', 'a', 'c', 'b', 'd'];
    const results = await Promise.allSettled([
      ...ids.map((id) => client.scheduleNewWorkflow('wf', id, { instanceId: id })),
      client.raiseEvent('missing', 'evt'),
    ]);
    const outcome = results.map((r) =>
      r.status === 'fulfilled' ? 'ok' : (r.reason as Error).constructor.name,
    );
    expect(outcome).toEqual([
      'ok',
      'ok',
      WorkflowAlreadyExistsError.name,
      'ok',
      WorkflowAlreadyExistsError.name,
      'ok',
      WorkflowNotFoundError.name,
    ]);
    // the optimistic transaction was rolled back and the batch re-run with savepoints: still one commit
    expect(backend.commitCount - before).toBe(1);
    const listed = (await client.listWorkflows()).items.map((s) => [s.instanceId, s.input]).sort();
    expect(listed).toEqual([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'c'],
      ['d', 'd'],
    ]);
  });

  it('needs one commit for a batch in which nothing fails', async () => {
    const before = backend.commitCount;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.scheduleNewWorkflow('wf', i, { instanceId: `n${i}` })),
    );
    expect(backend.commitCount - before).toBe(1);
    expect((await client.listWorkflows({ pageSize: 100 })).items).toHaveLength(50);
  });
});
