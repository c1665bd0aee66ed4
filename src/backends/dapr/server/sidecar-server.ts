import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { Backend, Logger, WorkerHandle } from '../../../core';
import { defaultLogger } from '../../../core';
import { loadSidecarService } from '../protocol/load-protocol';
import { createSidecarHandlers } from './sidecar-handlers';
import { withTolerantDeserializers } from './request-limits';
import { LIMITS } from '../../../core/limits';
import { WorkDispatcher } from './work-dispatcher';
import { HeldAnswers } from './complete-tasks-stream';
import { withPreEncodedWorkItems } from './work-item-encoder';

/** Options of {@link startSidecarServer}. */
export interface SidecarServerOptions {
  /**
   * The engine that holds the state (`weft sidecar` passes a `SqliteBackend`). The server opens it, runs
   * its worker, and closes it on stop.
   */
  backend: Backend;
  /** Port to listen on; 0 lets the OS choose. Default 50001. */
  port?: number;
  /** Address to bind. Default 127.0.0.1. */
  host?: string;
  /** When set, every call must carry it as `dapr-api-token`. */
  apiToken?: string;
  /** Workflow steps handed to workers at once. Default 256. */
  maxConcurrentWorkflows?: number;
  /** Activities handed to workers at once. Default 256. */
  maxConcurrentActivities?: number;
  /** Diagnostics. Default `console`. */
  logger?: Logger;
  /**
   * Largest message the server accepts (a worker's step completion, a request), bytes. Default
   * {@link LIMITS.receiveMessageBytes} (16 MiB). A worker's completion over it is refused with
   * RESOURCE_EXHAUSTED; Weft's worker then fails the step naming the size.
   */
  receiveMessageBytes?: number;
  /**
   * Largest message the server sends (a work item with its history), bytes. Default
   * {@link LIMITS.sendMessageBytes} (64 MiB). A work item over it is not sent: the instance (or the
   * activity) fails with a `SizeLimitExceededError` naming the size. Set it to what your workers accept
   * (Dapr SDKs default to 4 MiB) so a too-large history fails instead of breaking their stream.
   */
  sendMessageBytes?: number;
  /**
   * How long the answer to a completion taken from a `CompleteTasks` stream (Weft extension) may be held
   * to go with others' in one message, ms. Default 10. Nothing waits on it but the worker's bookkeeping.
   */
  deferAnswerMs?: number;
}

/** A running sidecar. */
export interface SidecarServer {
  /** The port it listens on. */
  readonly port: number;
  /** The engine behind it. */
  readonly backend: Backend;
  /** Stops serving: in-flight work is abandoned (it resumes on the next start), then the file is closed. */
  stop(): Promise<void>;
}

/**
 * Serves the durabletask `TaskHubSidecarService` protocol from a {@link Backend} (the embedded SQLite
 * engine for `weft sidecar`), so any Dapr workflow SDK (and Weft's `DaprSidecarBackend`) can use Weft as
 * its local engine.
 *
 * @param options - backend, address, token and limits
 * @returns the running server
 * @throws {@link StorageError} when the backend cannot be opened; an Error when the port cannot be bound
 */
export async function startSidecarServer(options: SidecarServerOptions): Promise<SidecarServer> {
  const logger = options.logger ?? defaultLogger();
  const backend = options.backend;
  await backend.open();
  const sendMessageBytes = options.sendMessageBytes ?? LIMITS.sendMessageBytes;
  const dispatcher = new WorkDispatcher(logger, sendMessageBytes);
  const heldAnswers = new HeldAnswers();
  dispatcher.onItemWritten = (peer) => heldAnswers.send(peer);
  const server = new Server({
    // Channelz (gRPC's introspection service, not served here) would track every call and socket.
    'grpc.enable_channelz': 0,
    'grpc.max_receive_message_length': options.receiveMessageBytes ?? LIMITS.receiveMessageBytes,
    'grpc.max_send_message_length': sendMessageBytes,
  });
  server.addService(
    withPreEncodedWorkItems(withTolerantDeserializers(loadSidecarService())),
    createSidecarHandlers({
      backend,
      dispatcher,
      apiToken: options.apiToken || undefined,
      sendMessageBytes,
      deferAnswerMs: options.deferAnswerMs,
      heldAnswers,
    }),
  );
  const host = options.host ?? '127.0.0.1';
  // grpc-js's own listener leaves Nagle's algorithm on for accepted sockets, so a small work item or
  // Complete answer written while an earlier segment is unacknowledged waits for the peer's (delayed) ACK.
  // Our listener accepts with TCP_NODELAY and hands each socket to the gRPC server.
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  const listener = createServer({ noDelay: true }, (socket) => injector.injectConnection(socket));
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(options.port ?? 50001, host, () => {
        listener.off('error', reject);
        resolve((listener.address() as AddressInfo).port);
      });
    });
  } catch (err) {
    await backend.close();
    throw new Error(
      `Cannot listen on ${host}:${options.port ?? 50001}: ${(err as Error).message}. Is another sidecar using the port? Choose another with --port.`,
      { cause: err },
    );
  }
  const worker: WorkerHandle = backend.startWorker(dispatcher, {
    maxConcurrentWorkflows: options.maxConcurrentWorkflows ?? 256,
    maxConcurrentActivities: options.maxConcurrentActivities ?? 256,
  });
  let stopped: Promise<void> | undefined;
  return {
    port,
    backend,
    stop: () =>
      (stopped ??= (async () => {
        dispatcher.close();
        await worker.stop();
        listener.close();
        await new Promise<void>((resolve) => {
          // Waits on the engine end within a second; whatever is left is cut off.
          const force = setTimeout(() => {
            server.forceShutdown();
            injector.destroy();
            resolve();
          }, 1000);
          server.tryShutdown(() => {
            clearTimeout(force);
            injector.destroy();
            resolve();
          });
        });
        await backend.close();
      })()),
  };
}
