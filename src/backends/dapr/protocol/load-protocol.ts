import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import type * as ProtoLoader from '@grpc/proto-loader';
import { StorageError } from '../../../errors';
import type { SidecarRpc, SidecarRpcTypes } from './wire-types';

/** The service's entry file inside the `proto/` folder shipped with the package. */
const SERVICE_FILE = 'orchestrator_service.proto';

/** How messages are decoded: see `wire-types.ts`. */
const LOADER_OPTIONS: ProtoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: Number,
  defaults: false,
  oneofs: true,
};

/** `TaskHubSidecarService` with each method typed by its request and response. */
export type SidecarServiceDefinition = ServiceDefinition & {
  [K in SidecarRpc]: MethodDefinition<SidecarRpcTypes[K][0], SidecarRpcTypes[K][1]>;
};

let cached: SidecarServiceDefinition | undefined;

/**
 * Finds the `proto/` folder: the package root's, looked up from this file (works from `src/` and `dist/src/`),
 * or `WEFT_PROTO_DIR` when set.
 *
 * @returns the folder holding the `.proto` files
 * @throws {@link StorageError} when it cannot be found
 */
export function findProtoDir(): string {
  const fromEnv = process.env.WEFT_PROTO_DIR;
  if (fromEnv && existsSync(join(fromEnv, SERVICE_FILE))) return fromEnv;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, SERVICE_FILE))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new StorageError(
    `Cannot find Weft's protocol files (proto/${SERVICE_FILE}) above ${__dirname}; reinstall the package or set WEFT_PROTO_DIR.`,
  );
}

/**
 * Loads (once) the `TaskHubSidecarService` definition from the package's own `.proto` files.
 *
 * @returns the service definition, usable by both a gRPC client and a server
 */
export function loadSidecarService(): SidecarServiceDefinition {
  if (!cached) {
    const protoDir = findProtoDir();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const protoLoader = require('@grpc/proto-loader') as typeof ProtoLoader;
    const definition = protoLoader.loadSync(SERVICE_FILE, { ...LOADER_OPTIONS, includeDirs: [protoDir] });
    cached = definition.TaskHubSidecarService as unknown as SidecarServiceDefinition;
  }
  return cached;
}
