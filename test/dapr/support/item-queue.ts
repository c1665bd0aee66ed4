import type { Metadata } from '@grpc/grpc-js';
import type { SidecarConnection } from '../../../src/backends/dapr/client/sidecar-connection';
import type { WireWorkItem } from '../../../src/backends/dapr/protocol/wire-types';

/** The items of one `GetWorkItems` stream, handed out one at a time in the order they arrived. */
export interface ItemQueue {
  /** The stream's response headers (the sidecar's capabilities). */
  headers: Promise<Metadata>;
  /** The next item (waits for it when none is waiting). */
  next(): Promise<WireWorkItem>;
  /** Cancels the stream (the sidecar sees the worker leave). */
  close(): void;
}

/**
 * Opens a `GetWorkItems` stream as a worker that advertises `capabilities` (none, as the official SDKs,
 * when left out) and queues its items.
 */
export function itemQueue(connection: SidecarConnection, capabilities: number[] = []): ItemQueue {
  const stream = connection.openWorkItems({ capabilities });
  const items: WireWorkItem[] = [];
  const waiters: ((item: WireWorkItem) => void)[] = [];
  stream.on('data', (item: WireWorkItem) => {
    const waiter = waiters.shift();
    if (waiter) waiter(item);
    else items.push(item);
  });
  stream.on('error', () => {});
  return {
    headers: new Promise((resolve) => stream.once('metadata', resolve)),
    next: (): Promise<WireWorkItem> => {
      const item = items.shift();
      return item ? Promise.resolve(item) : new Promise((resolve) => waiters.push(resolve));
    },
    close: () => stream.cancel(),
  };
}
