import { join } from 'node:path';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { LIMITS } from 'weft-workflows';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { startSidecarProcess, tempDir } from './support/sidecar-process';
import type { SidecarProcess } from './support/sidecar-process';
import { RawSidecarClient } from './support/raw-grpc';

jest.setTimeout(60_000);

/** The status of a call that must fail. */
async function failure(call: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await call;
  } catch (err) {
    return err as { code: number; details: string };
  }
  throw new Error('the call succeeded');
}

describe('weft sidecar: input limits and undecodable requests', () => {
  const tmp = tempDir('weft-dapr-limits-');
  let sidecar: SidecarProcess;
  let conn: SidecarConnection;
  let raw: RawSidecarClient;

  beforeAll(async () => {
    sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') });
    conn = new SidecarConnection({ host: '127.0.0.1', port: sidecar.port, secure: false });
    raw = new RawSidecarClient(sidecar.port);
  });

  afterAll(async () => {
    conn?.close();
    raw?.close();
    await sidecar?.stop();
    tmp.remove();
  });

  const ids = async () => (await conn.call('ListInstanceIDs', {})).instanceIds ?? [];

  it('refuses long ids, long names and large inputs with INVALID_ARGUMENT naming the limit, storing nothing', async () => {
    const before = await ids();
    const longId = 'i'.repeat(1024 * 1024);
    const cases: [object, RegExp][] = [
      [{ instanceId: longId, name: 'wf' }, /instanceId has 1048576 characters, over the limit of 1024/],
      [
        { instanceId: 'ok', name: 'n'.repeat(1024 * 1024) },
        /name has 1048576 characters, over the limit of 1024/,
      ],
      [
        { instanceId: 'ok', name: 'wf', input: { value: JSON.stringify('x'.repeat(3 * 1024 * 1024)) } },
        /input is 3145730 bytes, over the payload limit of 2097152 bytes/,
      ],
      [
        { instanceId: 'ok', name: 'wf', input: { value: `${'['.repeat(1300)}${']'.repeat(1300)}` } },
        /more than 64 levels deep/,
      ],
    ];
    for (const [request, message] of cases) {
      const err = await failure(conn.call('StartInstance', request));
      expect(err.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(err.details).toMatch(message);
      expect(Buffer.byteLength(err.details)).toBeLessThanOrEqual(1024);
    }
    expect(await ids()).toEqual(before);
  });

  it('answers GetInstanceHistory and PurgeInstances for a missing 89,002-character id, and the connection still answers Hello', async () => {
    const id = 'h'.repeat(89_002);
    for (const method of [
      'GetInstanceHistory',
      'PurgeInstances',
      'GetInstance',
      'TerminateInstance',
    ] as const) {
      const err = await failure(conn.call(method, { instanceId: id }, { timeoutMs: 10_000 }));
      expect(err.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(err.details).toMatch(/over the limit of 1024: 'h{32}…' \(89002 characters\)/);
    }
    await expect(conn.call('Hello', {}, { timeoutMs: 10_000 })).resolves.toEqual({});
  });

  it('cuts a status message quoting a long multi-byte id so its trailer is delivered', async () => {
    const id = '😀'.repeat(LIMITS.instanceIdLength / 2);
    const err = await failure(
      conn.call('RerunWorkflowFromEvent', { sourceInstanceID: id, eventID: 1 }, { timeoutMs: 10_000 }),
    );
    expect(err.code).toBe(GrpcStatus.NOT_FOUND);
    expect(Buffer.byteLength(err.details)).toBeLessThanOrEqual(1024);
    expect(err.details).toMatch(/^No workflow instance with id '😀+…$/u);
  });

  it('answers undecodable requests with INVALID_ARGUMENT, not INTERNAL', async () => {
    const garbage = Buffer.from([0xff, 0xff]);
    for (const method of ['StartInstance', 'GetInstance', 'RaiseEvent', 'PurgeInstances', 'Hello'] as const) {
      const outcome = await raw.unary(method, garbage);
      expect(outcome.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(outcome.details).toMatch(
        new RegExp(`The ${method} request \\(2 bytes\\) is not a valid protobuf message`),
      );
    }
    expect((await raw.stream(garbage)).code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect((await raw.unary('Hello', Buffer.alloc(0))).code).toBe(GrpcStatus.OK);
  });

  it('refuses a message over the receive limit with RESOURCE_EXHAUSTED before decoding it', async () => {
    const bytes = RawSidecarClient.encode('StartInstance', {
      instanceId: 'x'.repeat(LIMITS.receiveMessageBytes + 16),
      name: 'wf',
    });
    expect((await raw.unary('StartInstance', bytes)).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect((await raw.unary('Hello', Buffer.alloc(0))).code).toBe(GrpcStatus.OK);
  });
});
