export { DaprSidecarBackend } from './dapr-sidecar-backend';
export type { DaprSidecarBackendOptions } from './dapr-sidecar-backend';
export { resolveSidecarAddress } from './client/sidecar-address';
export type { SidecarAddress, SidecarAddressOptions } from './client/sidecar-address';
export { startSidecarServer } from './server/sidecar-server';
export type { SidecarServer, SidecarServerOptions } from './server/sidecar-server';
export { GRPC_STATUS_BY_ERROR_CODE } from './grpc-errors';
export { findProtoDir } from './protocol/load-protocol';
