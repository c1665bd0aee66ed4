import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from '../core';
import { defaultLogger, scheduleAfter } from '../core';
import type { WorkflowRuntime } from '../runtime';
import type { WorkflowRouterOptions } from './workflow-router';
import { loadExpress } from './lazy-modules';
import { createWorkflowRouter } from './workflow-router';
import { jsonErrorHandler, routeNotFoundHandler } from './fallback-handlers';

/** Options of {@link serveWorkflows}. */
export interface ServeWorkflowsOptions {
  /** The runtime to serve; started here unless it is already running. */
  runtime: WorkflowRuntime;
  /** Your Express app; the router is mounted on it. Default: a new app with JSON 404 and error handlers. */
  app?: Express;
  /** Port to listen on; 0 lets the OS choose. Default 3000. */
  port?: number;
  /** Address to bind. Default `127.0.0.1`; use `0.0.0.0` to accept connections from other hosts. */
  host?: string;
  /** Where to mount the router. Default `/`. */
  mountPath?: string;
  /** Options of the generated router. */
  router?: Omit<WorkflowRouterOptions, 'shutdownSignal'>;
  /** Close gracefully on SIGINT and SIGTERM. Default true. */
  handleSignals?: boolean;
  /** After this long, connections still open at shutdown are cut. Default 10 000 ms. */
  shutdownTimeoutMs?: number;
  /** Start-up and shutdown lines, and unexpected errors. Default `console`. */
  logger?: Pick<Logger, 'info' | 'error'>;
}

/** A running server made by {@link serveWorkflows}. */
export interface WorkflowServer {
  /** The Express app. */
  readonly app: Express;
  /** The Node HTTP server. */
  readonly server: Server;
  /** The port listened on (the OS-chosen one when `port` was 0). */
  readonly port: number;
  /** The base URL, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish (waiting `?wait=` requests answer at once),
   * then stops the runtime, which finishes in-flight workflow work and closes the engine. Idempotent.
   */
  close(): Promise<void>;
  /** Resolves once the server and the runtime are closed (after `close()` or a signal). */
  readonly closed: Promise<void>;
}

/**
 * Starts the runtime, mounts the generated router on an Express app and listens. On SIGINT/SIGTERM (or
 * `close()`) it stops taking requests, lets in-flight work finish and closes the engine; a second signal
 * during shutdown exits at once.
 *
 * @param options - runtime, app, address and router options
 * @returns the running server
 * @throws the listen error (e.g. `EADDRINUSE`); the runtime is stopped again when it was started here
 * @example
 * const runtime = new WorkflowRuntime({ workflows: [OrderProcessingWorkflow], activities: [...] });
 * const server = await serveWorkflows({ runtime, port: Number(process.env.PORT ?? 3000) });
 * console.log(`listening on ${server.url}`);
 */
export async function serveWorkflows(options: ServeWorkflowsOptions): Promise<WorkflowServer> {
  const { runtime } = options;
  const logger = options.logger ?? defaultLogger();
  const ownApp = options.app === undefined;
  const app = options.app ?? loadExpress()().disable('x-powered-by');
  const shutdown = new AbortController();
  const router = createWorkflowRouter(runtime, {
    ...options.router,
    logger,
    shutdownSignal: shutdown.signal,
  });
  app.use(options.mountPath ?? '/', router);
  if (ownApp) {
    app.use(routeNotFoundHandler());
    app.use(jsonErrorHandler(logger));
  }

  const startedHere = !runtime.isRunning;
  if (startedHere) await runtime.start();
  let server: Server;
  try {
    server = await listen(app, options.port ?? 3000, options.host ?? '127.0.0.1');
  } catch (err) {
    if (startedHere) await runtime.stop();
    throw err;
  }
  const { port, address } = server.address() as AddressInfo;
  const reachable = address === '0.0.0.0' || address === '::' ? 'localhost' : address;
  const host = reachable.includes(':') ? `[${reachable}]` : reachable;

  let closing: Promise<void> | undefined;
  // Once closing, a keep-alive connection is closed as soon as its last response is sent.
  server.on('request', (_req, res: ServerResponse) => {
    res.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const signals: NodeJS.Signals[] = options.handleSignals === false ? [] : ['SIGINT', 'SIGTERM'];
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.error(`weft: ${signal} again during shutdown; exiting now.`);
      process.exit(130);
    }
    logger.info(`weft: ${signal} received; finishing in-flight work…`);
    close().then(
      () => logger.info('weft: stopped.'),
      (err: unknown) => {
        logger.error('weft: shutdown failed', err);
        process.exitCode = 1;
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      );
      shutdown.abort();
      server.closeIdleConnections();
      const cut = scheduleAfter(options.shutdownTimeoutMs ?? 10_000, () => server.closeAllConnections());
      try {
        await stopped;
      } finally {
        cut();
        await runtime.stop();
        for (const signal of signals) process.off(signal, onSignal);
        resolveClosed();
      }
    })();
    return closing;
  };

  return { app, server, port, url: `http://${host}:${port}`, close, closed };
}

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, host);
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}
