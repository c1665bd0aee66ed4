import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadExpress } from '../http/lazy-modules';
import type { WorkflowClient } from '../client';
import type { DashboardOptions } from './dashboard-router';
import { createDashboardRouter } from './dashboard-router';

/** Options of {@link startDashboardServer}. */
export interface DashboardServerOptions extends DashboardOptions {
  /** Port; 0 lets the OS choose. Default 8080. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
}

/** A running dashboard server. */
export interface DashboardServer {
  /** The address it serves, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Serves the dashboard on its own HTTP server (what `weft dashboard` runs).
 *
 * @param client - a client on the backend to show
 * @param options - port, host, read-only, title
 */
export async function startDashboardServer(
  client: WorkflowClient,
  options: DashboardServerOptions = {},
): Promise<DashboardServer> {
  const app = loadExpress()();
  app.disable('x-powered-by');
  app.use('/', createDashboardRouter(client, options));
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 8080, host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
