import type { ClientReadableStream, Metadata } from '@grpc/grpc-js';
import type { Logger } from '../../../core';
import { scheduleAfter } from '../../../core';
import type { WireWorkItem } from '../protocol/wire-types';
import {
  NEXT_STEP_FEATURE,
  SIDECAR_FEATURES_HEADER,
  STATEFUL_HISTORY_CAPABILITY,
} from '../protocol/capabilities';
import { backoffDelay } from './backoff';
import type { BackoffOptions } from './backoff';
import type { SidecarConnection } from './sidecar-connection';

/** What a {@link WorkItemStream} tells its worker. */
export interface WorkItemStreamEvents {
  /**
   * The stream opened (its headers arrived).
   *
   * @param features - whether the sidecar takes next steps (its `weft-sidecar-features` header)
   */
  opened(features: { nextStep: boolean }): void;
  /**
   * A work item arrived.
   *
   * @param item - the item
   * @param streamId - the stream it came on (items of a closed stream are handed out again by the sidecar)
   */
  item(item: WireWorkItem, streamId: number): void;
  /**
   * The stream closed (a reconnect is scheduled unless stopping).
   *
   * @param streamId - the stream that closed
   */
  closed(streamId: number): void;
}

/**
 * Keeps a worker's `GetWorkItems` stream open: `Hello` first, then the stream with the stateful-history
 * capability; when it drops (or `Hello` goes unanswered), reconnects with exponential backoff and jitter,
 * warning on the first failure and every tenth.
 */
export class WorkItemStream {
  private stream: ClientReadableStream<WireWorkItem> | undefined;
  private streamId = 0;
  private failures = 0;
  private cancelReconnect: (() => void) | undefined;
  private stopped = false;
  private isConnected = false;
  private connectedWaiters: (() => void)[] = [];

  /**
   * Connects at once.
   *
   * @param connection - the channel to the sidecar
   * @param events - the worker's handlers
   * @param logger - diagnostics
   * @param backoff - reconnect delays
   */
  constructor(
    private readonly connection: SidecarConnection,
    private readonly events: WorkItemStreamEvents,
    private readonly logger: Logger,
    private readonly backoff: BackoffOptions = {},
  ) {
    void this.connect();
  }

  /** True while the stream is open. */
  get connected(): boolean {
    return this.isConnected;
  }

  /** Resolves once the stream is open. */
  whenConnected(): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Closes the stream and opens a new one (the sidecar hands out again what the old one carried). */
  reconnect(): void {
    this.stream?.cancel();
  }

  /** Closes the stream for good. */
  stop(): void {
    this.stopped = true;
    this.cancelReconnect?.();
    this.stream?.cancel();
    this.stream = undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connection.call('Hello', {}, { timeoutMs: 5000 });
    } catch (err) {
      this.scheduleReconnect(
        `the sidecar at ${this.connection.target} did not answer Hello (${describe(err)})`,
      );
      return;
    }
    if (this.stopped) return;
    const id = ++this.streamId;
    // Stateful: the runtime keeps live executions, so a step usually needs only its new events; the sidecar
    // then sends the history as a delta, and a step that needs the rest reads it (see SidecarWorker).
    const stream = this.connection.openWorkItems({ capabilities: [STATEFUL_HISTORY_CAPABILITY] });
    this.stream = stream;
    let closed = false;
    const onClosed = (reason: string) => {
      if (closed) return;
      closed = true;
      this.isConnected = false;
      if (this.stream === stream) this.stream = undefined;
      this.events.closed(id);
      if (!this.stopped) this.scheduleReconnect(reason);
    };
    stream.on('metadata', (headers: Metadata) => {
      const nextStep = headers
        .get(SIDECAR_FEATURES_HEADER)
        .some((v) => v.toString().split(',').includes(NEXT_STEP_FEATURE));
      this.failures = 0;
      this.isConnected = true;
      this.events.opened({ nextStep });
      for (const resolve of this.connectedWaiters.splice(0)) resolve();
    });
    stream.on('data', (item: WireWorkItem) => this.events.item(item, id));
    stream.on('error', (err: unknown) => onClosed(`the work item stream failed (${describe(err)})`));
    stream.on('end', () => onClosed('the sidecar closed the work item stream'));
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.failures, this.backoff);
    this.failures += 1;
    if (this.failures === 1 || this.failures % 10 === 0) {
      this.logger.warn(`Weft worker: ${reason}; reconnecting in ${delay} ms.`);
    }
    this.cancelReconnect = scheduleAfter(delay, () => void this.connect());
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
