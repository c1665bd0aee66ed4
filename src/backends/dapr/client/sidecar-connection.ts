import { Client, credentials, Metadata } from '@grpc/grpc-js';
import type {
  CallOptions,
  ChannelOptions,
  ClientDuplexStream,
  ClientReadableStream,
  MethodDefinition,
} from '@grpc/grpc-js';
import { loadSidecarService } from '../protocol/load-protocol';
import type { SidecarServiceDefinition } from '../protocol/load-protocol';
import type {
  SidecarRpcTypes,
  SidecarUnaryRpc,
  WireGetWorkItemsRequest,
  WireTaskCompletion,
  WireTaskCompletionResult,
  WireWorkItem,
  WireCall,
  WireCallResult,
} from '../protocol/wire-types';
import type { SidecarAddress } from './sidecar-address';
import { CallChannel } from './call-channel';

/** Per-call options. */
export interface SidecarCallOptions {
  /** Fails the call with DEADLINE_EXCEEDED after this many ms. */
  timeoutMs?: number;
}

/**
 * A typed gRPC channel to `TaskHubSidecarService`: one method per call shape, the API token added to
 * every call; unary calls share one `Calls` stream where the sidecar serves it (Weft extension).
 */
export class SidecarConnection {
  private readonly client: Client;
  private readonly service: SidecarServiceDefinition;
  /** Unary calls other than `Hello` go as messages of one `Calls` stream where the sidecar has it. */
  private readonly calls = new CallChannel(this);

  /**
   * @param address - where the sidecar listens and its token
   * @param channelOptions - extra grpc-js channel options
   */
  constructor(
    readonly address: SidecarAddress,
    channelOptions: ChannelOptions = {},
  ) {
    this.service = loadSidecarService();
    const target = `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
    this.client = new Client(
      target,
      address.secure ? credentials.createSsl() : credentials.createInsecure(),
      {
        'grpc.max_receive_message_length': 64 * 1024 * 1024,
        'grpc.max_send_message_length': 64 * 1024 * 1024,
        'grpc.initial_reconnect_backoff_ms': 100,
        'grpc.max_reconnect_backoff_ms': 2000,
        ...channelOptions,
      },
    );
  }

  /** `host:port` for messages. */
  get target(): string {
    return `${this.address.host}:${this.address.port}`;
  }

  /**
   * Calls a unary RPC: as a message of the `Calls` stream where the sidecar has it (see {@link CallChannel}),
   * else as a call of its own. Either way it ends as the call would (the same response, the same status).
   *
   * @param rpc - the method name
   * @param request - the request message
   * @param options - deadline
   * @returns the response message
   * @throws (rejects) the call's status as a grpc-js `ServiceError`
   */
  async call<K extends SidecarUnaryRpc>(
    rpc: K,
    request: SidecarRpcTypes[K][0],
    options: SidecarCallOptions = {},
  ): Promise<SidecarRpcTypes[K][1]> {
    const method = this.service[rpc] as unknown as MethodDefinition<
      SidecarRpcTypes[K][0],
      SidecarRpcTypes[K][1]
    >;
    if (!this.calls.carries(rpc)) return this.unaryCall(method, request, options.timeoutMs);
    let bytes: Buffer;
    try {
      bytes = method.requestSerialize(request);
    } catch {
      // grpc-js reports a request it cannot encode as the call's status.
      return this.unaryCall(method, request, options.timeoutMs);
    }
    const response = await this.calls.send(rpc, bytes, options.timeoutMs, (timeoutMs) =>
      this.unaryCall<Buffer, Buffer>(
        { ...method, requestSerialize: (b: Buffer) => b, responseDeserialize: (b: Buffer) => b } as never,
        bytes,
        timeoutMs,
      ),
    );
    return method.responseDeserialize(response);
  }

  /** How many calls went as messages of the `Calls` stream so far (for tests and diagnostics). */
  get streamedCalls(): number {
    return this.calls.sent;
  }

  private unaryCall<Req, Res>(
    method: MethodDefinition<Req, Res>,
    request: Req,
    timeoutMs: number | undefined,
  ): Promise<Res> {
    const callOptions: CallOptions = {};
    if (timeoutMs !== undefined) callOptions.deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest<Req, Res>(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        this.metadata(),
        callOptions,
        (err, response) => (err ? reject(err) : resolve(response as Res)),
      );
    });
  }

  /**
   * Opens the `GetWorkItems` server stream.
   *
   * @param request - the worker's capabilities
   * @returns the stream of work items
   */
  openWorkItems(request: WireGetWorkItemsRequest = {}): ClientReadableStream<WireWorkItem> {
    const method = this.service.GetWorkItems;
    return this.client.makeServerStreamRequest<WireGetWorkItemsRequest, WireWorkItem>(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      this.metadata(),
      {},
    );
  }

  /**
   * Opens the `CompleteTasks` stream (Weft extension). Completions are written encoded (a `Buffer`, see
   * {@link SidecarConnection.encodeCompletion}); results arrive decoded.
   *
   * @returns the duplex stream
   */
  openCompletions(): ClientDuplexStream<Buffer, WireTaskCompletionResult> {
    const method = this.service.CompleteTasks;
    return this.client.makeBidiStreamRequest<Buffer, WireTaskCompletionResult>(
      method.path,
      (bytes: Buffer) => bytes,
      method.responseDeserialize,
      this.metadata(),
      {},
    );
  }

  /**
   * Encodes a `TaskCompletion` for {@link SidecarConnection.openCompletions}.
   *
   * @param completion - the message
   * @returns its bytes
   */
  encodeCompletion(completion: WireTaskCompletion): Buffer {
    return this.service.CompleteTasks.requestSerialize(completion);
  }

  /**
   * Opens the `Calls` stream (Weft extension): calls are written encoded, results arrive decoded.
   *
   * @returns the duplex stream
   */
  openCalls(): ClientDuplexStream<Buffer, WireCallResult> {
    const method = this.service.Calls;
    return this.client.makeBidiStreamRequest<Buffer, WireCallResult>(
      method.path,
      (bytes: Buffer) => bytes,
      method.responseDeserialize,
      this.metadata(),
      {},
    );
  }

  /**
   * Encodes a `Call` for {@link SidecarConnection.openCalls}.
   *
   * @param call - the message
   * @returns its bytes
   */
  encodeCall(call: WireCall): Buffer {
    return this.service.Calls.requestSerialize(call);
  }

  /** Closes the channel; calls in flight fail with CANCELLED. */
  close(): void {
    this.calls.close();
    this.client.close();
  }

  private metadata(): Metadata {
    const metadata = new Metadata();
    if (this.address.apiToken) metadata.set('dapr-api-token', this.address.apiToken);
    return metadata;
  }
}
