import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import type { HistoryEvent } from '../../../core';
import { historyEventToWire } from '../convert/history-event-converter';
import { loadSidecarService } from '../protocol/load-protocol';
import { historyEventType } from '../protocol/message-types';
import type { WireWorkItem } from '../protocol/wire-types';
import { sameEvent } from './same-event';

/** Field tags (field number << 3 | 2, length-delimited) of the messages assembled here. */
const TAG = {
  /** `WorkItem.workflowRequest` = 1; `WorkflowRequest.instanceId` = 1. */
  first: 0x0a,
  /** `WorkflowRequest.pastEvents` = 3. */
  pastEvents: 0x1a,
  /** `WorkflowRequest.newEvents` = 4. */
  newEvents: 0x22,
  /** `WorkflowRequest.cachedHistory` = 9. */
  cachedHistory: 0x4a,
  /** `WorkItem.completionToken` = 10. */
  completionToken: 0x52,
} as const;

/** `CachedHistory.eventCount` = 1, a varint. */
const EVENT_COUNT_TAG = 0x08;

/** The committed history of one instance as sent last, each event encoded (its length prefix, then the message). */
interface CachedHistory {
  events: Buffer[];
  bytes: number;
  /** Identifies the execution the events belong to (its first event). */
  first: string;
  /** The last kept event as it was encoded: the same object next time needs no encoding to be compared. */
  last?: HistoryEvent;
  /**
   * The new events of the step sent last, encoded: once committed they follow the kept events, so the next
   * step reuses their encoding for the events that equal them.
   */
  sent?: { events: readonly HistoryEvent[]; encoded: Buffer[]; bytes: number };
}

/** Options of {@link WorkItemEncoder}. */
export interface WorkItemEncoderOptions {
  /** Most instances whose encoded history is kept. Default 1000. */
  maxInstances?: number;
  /** Most bytes of encoded history kept over all instances. Default 64 MiB. */
  maxBytes?: number;
}

/**
 * Encodes the sidecar's work items. A workflow step carries its instance's whole history (`pastEvents`),
 * which the official SDKs replay on every step; the history only grows between steps, so the encoder keeps
 * each instance's events as encoded last time and encodes only the events it has not sent before: a step
 * costs its new events, not its history. The `WorkItem` is assembled from the encoded parts (protobuf
 * messages concatenate); what it decodes to is exactly what encoding the whole message gives.
 */
export class WorkItemEncoder {
  private readonly cache = new Map<string, CachedHistory>();
  private cachedBytes = 0;
  private readonly maxInstances: number;
  private readonly maxBytes: number;
  private readonly service = loadSidecarService();
  /** `HistoryEvent`, encoded straight from its wire object (see {@link historyEventType}). */
  private readonly historyEvent = historyEventType();
  private readonly encodeItem = this.service.GetWorkItems.responseSerialize;

  /** @param options - cache bounds */
  constructor(options: WorkItemEncoderOptions = {}) {
    this.maxInstances = options.maxInstances ?? 1000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /**
   * Encodes a workflow step's `WorkItem`.
   *
   * @param instanceId - the instance
   * @param pastEvents - its committed history
   * @param newEvents - the step's new events
   * @param completionToken - the item's token
   * @param held - when above 0, the worker holds the first `held` events: they are left out and
   *   `cachedHistory.eventCount` says so
   * @returns the encoded `WorkItem`, and the size in bytes it has with the whole history (what a worker
   *   that holds nothing receives, so what the send limit is checked against)
   */
  workflowItem(
    instanceId: string,
    pastEvents: readonly HistoryEvent[],
    newEvents: readonly HistoryEvent[],
    completionToken: string,
    held = 0,
  ): { bytes: Buffer; fullBytes: number } {
    const entry = this.pastEvents(instanceId, pastEvents);
    const past = entry.events;
    const parts: Buffer[] = [];
    pushString(parts, TAG.first, instanceId);
    for (let i = held; i < past.length; i++) parts.push(TAG_BYTE.pastEvents, past[i]);
    const sent: Buffer[] = [];
    let sentBytes = 0;
    for (const event of newEvents) {
      const encoded = this.encodeEvent(event, instanceId);
      sent.push(encoded);
      sentBytes += encoded.length;
      parts.push(TAG_BYTE.newEvents, encoded);
    }
    if (this.cache.get(instanceId) === entry) {
      entry.sent = { events: newEvents, encoded: sent, bytes: sentBytes };
      entry.bytes += sentBytes;
      this.cachedBytes += sentBytes;
    }
    let fullRequest = 0;
    for (const part of parts) fullRequest += part.length;
    for (let i = 0; i < held; i++) fullRequest += 1 + past[i].length;
    if (held > 0) {
      const count = Buffer.concat([Buffer.of(EVENT_COUNT_TAG), varint(held)]);
      parts.push(TAG_BYTE.cachedHistory, varint(count.length), count);
    }
    const request = Buffer.concat(parts);
    const token: Buffer[] = [];
    pushString(token, TAG.completionToken, completionToken);
    const bytes = Buffer.concat([TAG_BYTE.first, varint(request.length), request, ...token]);
    const tokenBytes = token.reduce((n, b) => n + b.length, 0);
    return { bytes, fullBytes: 1 + varint(fullRequest).length + fullRequest + tokenBytes };
  }

  /**
   * Encodes any other `WorkItem` (an activity) as a whole.
   *
   * @param item - the message
   * @returns its bytes
   */
  item(item: WireWorkItem): Buffer {
    return this.encodeItem(item);
  }

  /**
   * Drops what is kept of an instance (it finished, or its step was abandoned).
   *
   * @param instanceId - the instance
   */
  forget(instanceId: string): void {
    const entry = this.cache.get(instanceId);
    if (!entry) return;
    this.cachedBytes -= entry.bytes;
    this.cache.delete(instanceId);
  }

  /** Number of instances whose history is kept (for tests). */
  get size(): number {
    return this.cache.size;
  }

  /**
   * The encoded past events: those sent before reused when they are the same history, the rest encoded
   * (or, for the events the last step brought, their encoding then when they are equal).
   */
  private pastEvents(instanceId: string, pastEvents: readonly HistoryEvent[]): CachedHistory {
    let entry = this.cache.get(instanceId);
    this.forget(instanceId);
    if (entry?.sent) entry.bytes -= entry.sent.bytes;
    const first = pastEvents.length > 0 ? fingerprint(pastEvents[0]) : '';
    if (
      !entry ||
      (entry.events.length > 0 && entry.first !== first) ||
      entry.events.length > pastEvents.length ||
      // The history only grows; a different event where the kept ones end means another history (a rerun,
      // an id used again): start over.
      (entry.events.length > 0 &&
        entry.last !== pastEvents[entry.events.length - 1] &&
        !sameEncoding(
          entry.events[entry.events.length - 1],
          pastEvents[entry.events.length - 1],
          this,
          instanceId,
        ))
    ) {
      entry = { events: [], bytes: 0, first };
    }
    const from = entry.events.length;
    const sent = entry.sent;
    entry.sent = undefined;
    for (let i = from; i < pastEvents.length; i++) {
      const reused = sent?.events[i - from];
      const encoded =
        reused !== undefined && sameEvent(reused, pastEvents[i]) ? sent?.encoded[i - from] : undefined;
      const bytes = encoded ?? this.encodeEvent(pastEvents[i], instanceId);
      entry.events.push(bytes);
      entry.bytes += bytes.length;
    }
    entry.first = first;
    entry.last = pastEvents[pastEvents.length - 1];
    this.keep(instanceId, entry);
    return entry;
  }

  private keep(instanceId: string, entry: CachedHistory): void {
    if (entry.bytes > this.maxBytes / 4) return;
    this.cache.set(instanceId, entry);
    this.cachedBytes += entry.bytes;
    while (this.cache.size > this.maxInstances || this.cachedBytes > this.maxBytes) {
      this.forget(this.cache.keys().next().value as string);
    }
  }

  /** One event: its length prefix and its message bytes (what follows a repeated field's tag). */
  encodeEvent(event: HistoryEvent, instanceId: string): Buffer {
    return this.historyEvent.encodeDelimited(historyEventToWire(event, instanceId)).finish() as Buffer;
  }
}

/** Single-byte tag buffers, shared. */
const TAG_BYTE = {
  first: Buffer.of(TAG.first),
  pastEvents: Buffer.of(TAG.pastEvents),
  newEvents: Buffer.of(TAG.newEvents),
  cachedHistory: Buffer.of(TAG.cachedHistory),
} as const;

function fingerprint(event: HistoryEvent): string {
  return `${event.type}:${event.eventId}:${event.timestamp}`;
}

/** The last kept event still encodes the same: the kept events are a prefix of this history. */
function sameEncoding(
  kept: Buffer,
  event: HistoryEvent | undefined,
  encoder: WorkItemEncoder,
  instanceId: string,
): boolean {
  return event !== undefined && kept.equals(encoder.encodeEvent(event, instanceId));
}

/** A length-delimited string field, left out when empty (as proto3 encoders do). */
function pushString(parts: Buffer[], tag: number, value: string): void {
  if (!value) return;
  const bytes = Buffer.from(value, 'utf8');
  parts.push(Buffer.of(tag), varint(bytes.length), bytes);
}

/** A protobuf varint (values up to 2^31 here: lengths and counts). */
function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value >>> 0;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

/**
 * A copy of the service whose `GetWorkItems` responses may be written already encoded (a `Buffer`), so
 * each work item is encoded once: for the dispatcher's size check and for the stream.
 *
 * @param service - the service definition
 * @returns the same service with a pass-through serializer for encoded work items
 */
export function withPreEncodedWorkItems<S extends ServiceDefinition>(service: S): S {
  const method = service.GetWorkItems as MethodDefinition<unknown, unknown> | undefined;
  if (!method) return service;
  const serialize = method.responseSerialize;
  return {
    ...service,
    GetWorkItems: {
      ...method,
      responseSerialize: (value: unknown): Buffer => (Buffer.isBuffer(value) ? value : serialize(value)),
    },
  };
}
