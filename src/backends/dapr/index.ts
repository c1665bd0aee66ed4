import type { SidecarServer, SidecarServerOptions } from './server/sidecar-server';

export { DaprSidecarBackend } from './dapr-sidecar-backend';
export type { DaprSidecarBackendOptions } from './dapr-sidecar-backend';
export { resolveSidecarAddress } from './client/sidecar-address';
export type { SidecarAddress, SidecarAddressOptions } from './client/sidecar-address';
export type { SidecarServer, SidecarServerOptions } from './server/sidecar-server';
export { GRPC_STATUS_BY_ERROR_CODE } from './grpc-errors';
export { findProtoDir } from './protocol/load-protocol';

/**
 * Serves the durabletask `TaskHubSidecarService` protocol from a backend (`weft sidecar` passes the
 * embedded SQLite engine). The gRPC server is loaded on first call.
 *
 * @param options - backend, address, token and limits
 * @returns the running server
 * @throws {@link StorageError} when the backend cannot be opened; an Error when the port cannot be bound
 */
export function startSidecarServer(options: SidecarServerOptions): Promise<SidecarServer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = require('./server/sidecar-server') as typeof import('./server/sidecar-server');
  return server.startSidecarServer(options);
}
