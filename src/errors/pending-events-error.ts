import { ErrorCodes } from './codes';
import { WeftError } from './weft-error';

/** What an instance's inbox holds of unconsumed external events, and the limits it was checked against. */
export interface PendingEventsState {
  /** The instance the event was raised at. */
  instanceId: string;
  /** External events waiting in its inbox, before the refused one. */
  pendingEvents: number;
  /** Their size, bytes of stored event JSON. */
  pendingBytes: number;
  /** The size of the refused event, bytes of stored event JSON (name, data and timestamp). */
  eventBytes: number;
  /** Most external events an instance may have waiting (`SqliteBackend({ maxPendingEvents })`). */
  maxPendingEvents: number;
  /** Most bytes of external events an instance may have waiting (`SqliteBackend({ maxPendingEventBytes })`). */
  maxPendingEventBytes: number;
}

/**
 * An external event refused because the instance already has too many unconsumed events waiting (by
 * count or by bytes); nothing was written. Raising succeeds again once the workflow consumes its events
 * (a step that runs takes every due event). As Temporal's per-execution signal limit, but on the events
 * still waiting rather than on all ever received. HTTP 429, gRPC RESOURCE_EXHAUSTED.
 */
export class TooManyPendingEventsError extends WeftError {
  /** The instance the event was raised at. */
  readonly instanceId: string;
  /** External events waiting in its inbox, before the refused one. */
  readonly pendingEvents: number;
  /** Their size, bytes of stored event JSON. */
  readonly pendingBytes: number;
  /** The size of the refused event, bytes. */
  readonly eventBytes: number;
  /** The count limit in force. */
  readonly maxPendingEvents: number;
  /** The byte limit in force. */
  readonly maxPendingEventBytes: number;

  /** @param state - the inbox's pending events and the limits (see {@link PendingEventsState}) */
  constructor(state: PendingEventsState) {
    super(ErrorCodes.TOO_MANY_PENDING_EVENTS, describe(state));
    this.instanceId = state.instanceId;
    this.pendingEvents = state.pendingEvents;
    this.pendingBytes = state.pendingBytes;
    this.eventBytes = state.eventBytes;
    this.maxPendingEvents = state.maxPendingEvents;
    this.maxPendingEventBytes = state.maxPendingEventBytes;
  }
}

function describe(s: PendingEventsState): string {
  const over =
    s.pendingEvents + 1 > s.maxPendingEvents
      ? `it already has ${s.pendingEvents} unconsumed events waiting, the limit is ${s.maxPendingEvents}`
      : `its ${s.pendingEvents} unconsumed events (${s.pendingBytes} bytes) and this one (${s.eventBytes} bytes) ` +
        `would pass the limit of ${s.maxPendingEventBytes} bytes`;
  return (
    `Cannot raise an event for workflow instance '${s.instanceId}': ${over}. Nothing was written; retry once the ` +
    `workflow has consumed its events (is it suspended, or not waiting for them?).`
  );
}
