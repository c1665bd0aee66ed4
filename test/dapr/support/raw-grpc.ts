import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { loadSidecarService } from '../../../src/backends/dapr/protocol/load-protocol';
import type { SidecarRpc } from '../../../src/backends/dapr/protocol/wire-types';

/** How a raw call ended: its status code and message (0 and '' on success). */
export interface RawOutcome {
  code: number;
  details: string;
}

/**
 * A gRPC client to `TaskHubSidecarService` that sends request bytes as they are (no protobuf encoding), so
 * tests can send undecodable or hand-built messages.
 */
export class RawSidecarClient {
  private readonly client: Client;

  /** @param port - the sidecar's port on 127.0.0.1 */
  constructor(port: number) {
    this.client = new Client(`127.0.0.1:${port}`, credentials.createInsecure(), {
      'grpc.max_send_message_length': -1,
      'grpc.max_receive_message_length': -1,
    });
  }

  /** The protobuf encoding of a request object of a method. */
  static encode(method: SidecarRpc, request: object): Buffer {
    return (loadSidecarService()[method].requestSerialize as (r: object) => Buffer)(request);
  }

  /**
   * Sends bytes to a unary method and waits for its status.
   *
   * @param method - the RPC
   * @param bytes - the request message bytes
   * @param deadlineMs - fails with DEADLINE_EXCEEDED (4) after this long
   */
  unary(method: SidecarRpc, bytes: Buffer, deadlineMs = 10_000, token?: string): Promise<RawOutcome> {
    const metadata = new Metadata();
    if (token) metadata.set('dapr-api-token', token);
    return new Promise((resolve) => {
      this.client.makeUnaryRequest(
        loadSidecarService()[method].path,
        (b: Buffer) => b,
        (b: Buffer) => b,
        bytes,
        metadata,
        { deadline: Date.now() + deadlineMs },
        (err) => resolve(err ? { code: err.code, details: err.details } : { code: 0, details: '' }),
      );
    });
  }

  /**
   * Opens the server-streaming GetWorkItems with the given bytes and reports how it ends (or `open` when it
   * is still open after the first status or message is due, i.e. it was accepted).
   */
  stream(bytes: Buffer, deadlineMs = 2000): Promise<RawOutcome> {
    return new Promise((resolve) => {
      const call = this.client.makeServerStreamRequest(
        loadSidecarService().GetWorkItems.path,
        (b: Buffer) => b,
        (b: Buffer) => b,
        bytes,
        new Metadata(),
        { deadline: Date.now() + deadlineMs },
      );
      call.on('data', () => {});
      call.on('error', (err: { code: number; details: string }) =>
        resolve({ code: err.code, details: err.details }),
      );
      call.on('end', () => resolve({ code: 0, details: '' }));
    });
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }
}
