import { Client, credentials, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type {
  MethodDefinition,
  sendUnaryData,
  ServerDuplexStream,
  ServerUnaryCall,
  ServerWritableStream,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { loadSidecarService } from '../../../src/backends/dapr/protocol/load-protocol';

/** A running proxy. */
export interface NoExtensionProxy {
  /** The port workers and clients connect to. */
  readonly port: number;
  /** How many `attempt` fields it removed so far (so a test can show there was something to remove). */
  stripped(): number;
  /** Stops it (open calls are cancelled) and closes its channel upstream. */
  stop(): Promise<void>;
}

/**
 * A gRPC proxy for `TaskHubSidecarService` that forwards every call to a sidecar and drops Weft's `attempt`
 * extension fields both ways (`ActivityRequest.attempt`, `ScheduleTaskAction.attempt`,
 * `TaskScheduledEvent.attempt`), so `weft sidecar` behind it speaks the protocol as durabletask-go (the engine
 * inside daprd) does: messages are decoded and re-encoded, not copied.
 *
 * @param upstreamPort - the sidecar's port on 127.0.0.1
 * @returns the proxy, listening on 127.0.0.1
 */
export async function startNoExtensionProxy(upstreamPort: number): Promise<NoExtensionProxy> {
  const service = loadSidecarService();
  const upstream = new Client(`127.0.0.1:${upstreamPort}`, credentials.createInsecure());
  let count = 0;
  const strip = <T>(message: T): T => {
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
        const record = value as Record<string, unknown>;
        if ('attempt' in record) {
          delete record.attempt;
          count++;
        }
        Object.values(record).forEach(walk);
      }
    };
    walk(message);
    return message;
  };
  const implementation: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(service) as [string, MethodDefinition<object, object>][]) {
    if (method.requestStream) {
      // Streams from the worker are Weft's own (CompleteTasks): refused, as daprd refuses what it does not
      // serve, so the worker falls back to one call per completion, which passes through here.
      implementation[name] = (call: ServerDuplexStream<object, object>) =>
        call.emit('error', { code: status.UNIMPLEMENTED, details: `${name} is not served here` });
    } else if (method.responseStream) {
      implementation[name] = (call: ServerWritableStream<object, object>) => {
        const up = upstream.makeServerStreamRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          strip(call.request),
          call.metadata,
        );
        up.on('metadata', (md) => call.sendMetadata(md));
        up.on('data', (m: object) => call.write(strip(m)));
        up.on('end', () => call.end());
        up.on('error', (err) => call.destroy(err));
        call.on('cancelled', () => up.cancel());
      };
    } else {
      implementation[name] = (call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) => {
        upstream.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          strip(call.request),
          call.metadata,
          (err, response) => callback(err, response && strip(response)),
        );
      };
    }
  }
  const server = new Server();
  server.addService(service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    stripped: () => count,
    stop: async () => {
      server.forceShutdown();
      upstream.close();
    },
  };
}
