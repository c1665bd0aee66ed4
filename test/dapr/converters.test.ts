import { newEvent, WorkflowStatus } from '../../src/core';
import type { HistoryEvent, WorkflowAction } from '../../src/core';
import { actionFromWire, actionToWire } from '../../src/backends/dapr/convert/action-converter';
import {
  historyEventFromWire,
  historyEventToWire,
} from '../../src/backends/dapr/convert/history-event-converter';
import { instanceFromWire, instanceToWire } from '../../src/backends/dapr/convert/instance-converter';
import { statusFromWire, statusToWire } from '../../src/backends/dapr/convert/status-converter';
import { loadSidecarService } from '../../src/backends/dapr/protocol/load-protocol';
import { ValidationError } from '../../src/errors';
import { everyEventKind } from './support/every-event-kind';

const service = loadSidecarService();

/** Sends events through real protobuf bytes (a GetInstanceHistory response) and back. */
function viaBytes(events: HistoryEvent[]): HistoryEvent[] {
  const method = service.GetInstanceHistory;
  const bytes = method.responseSerialize({ events: events.map((e) => historyEventToWire(e, 'i-1')) });
  return (method.responseDeserialize(bytes).events ?? []).map(historyEventFromWire);
}

/** Sends actions through real protobuf bytes (a CompleteWorkflowTask request) and back. */
function actionsViaBytes(actions: WorkflowAction[]): WorkflowAction[] {
  const method = service.CompleteWorkflowTask;
  const bytes = method.requestSerialize({ instanceId: 'i-1', actions: actions.map(actionToWire) });
  return (method.requestDeserialize(bytes).actions ?? []).map(actionFromWire);
}

const failure = { errorType: 'TypeError', message: 'boom', stackTrace: 'at x', isNonRetriable: true };
const t = 1_700_000_000_123;

describe('proto <-> core converters', () => {
  it('round-trips every history event type through protobuf bytes', () => {
    const events = everyEventKind(t);
    expect(viaBytes(events)).toEqual(events);
  });

  it('reads an empty payload wrapper as absent, and keeps the JSON empty string', () => {
    // durabletask-go's backends send "" for "no payload"; Weft's own "" travels as JSON text '""'.
    const [absent, empty, jsonEmpty] = viaBytes([
      newEvent('EventRaised', t, { name: 'a' }),
      newEvent('EventRaised', t, { name: 'b', input: '' }),
      newEvent('EventRaised', t, { name: 'c', input: '""' }),
    ]);
    expect((absent as { input?: string }).input).toBeUndefined();
    expect((empty as { input?: string }).input).toBeUndefined();
    expect((jsonEmpty as { input?: string }).input).toBe('""');
  });

  it('round-trips every action kind through protobuf bytes', () => {
    const actions: WorkflowAction[] = [
      { type: 'ScheduleTask', id: 0, name: 'act', input: '0', taskExecutionId: 'x', attempt: 3 },
      { type: 'CreateChildWorkflow', id: 1, instanceId: 'p:0001', name: 'child', input: 'null' },
      { type: 'CreateTimer', id: 2, fireAt: t, origin: { kind: 'externalEvent', name: 'ev' } },
      { type: 'SendEvent', id: 3, instanceId: 'other', name: 'ping', data: 'false' },
      {
        type: 'CompleteWorkflow',
        id: 4,
        workflowStatus: WorkflowStatus.CONTINUED_AS_NEW,
        result: '{"n":2}',
        carryoverEvents: [newEvent('EventRaised', t, { name: 'later', input: '1' })],
      },
      {
        type: 'CompleteWorkflow',
        id: 5,
        workflowStatus: WorkflowStatus.FAILED,
        failureDetails: failure,
      },
    ];
    expect(actionsViaBytes(actions)).toEqual(actions);
  });

  it('defaults the attempt of an action from an SDK that does not send it to 1', () => {
    expect(actionFromWire({ id: 0, scheduleTask: { name: 'act' } })).toMatchObject({ attempt: 1 });
  });

  it('refuses actions and events Weft does not know', () => {
    expect(() => actionFromWire({ id: 9 })).toThrow(ValidationError);
    expect(() => actionFromWire({ id: 9, scheduleTask: {} })).toThrow(/no activity name/);
    expect(() => historyEventFromWire({ eventId: 1, eventType: 'someFutureEvent' as never })).toThrow(
      ValidationError,
    );
  });

  it('maps every status to the protocol number and back', () => {
    const numbers = {
      RUNNING: 0,
      COMPLETED: 1,
      CONTINUED_AS_NEW: 2,
      FAILED: 3,
      CANCELED: 4,
      TERMINATED: 5,
      PENDING: 6,
      SUSPENDED: 7,
      STALLED: 8,
    };
    for (const [status, n] of Object.entries(numbers)) {
      expect(statusToWire(status as WorkflowStatus)).toBe(n);
      expect(statusFromWire(n)).toBe(status);
    }
    expect(statusFromWire(99)).toBeUndefined();
  });

  it('round-trips an instance record, keeping 0, "" (as JSON), false and null payloads', () => {
    const method = service.GetInstance;
    for (const payload of ['0', '""', 'false', 'null']) {
      const record = {
        instanceId: 'i',
        name: 'wf',
        status: WorkflowStatus.COMPLETED,
        createdAt: t,
        lastUpdatedAt: t + 1,
        completedAt: t + 2,
        input: payload,
        output: payload,
        customStatus: payload,
        parentInstanceId: 'p',
      };
      const bytes = method.responseSerialize({ exists: true, workflowState: instanceToWire(record) });
      const state = method.responseDeserialize(bytes).workflowState ?? {};
      expect(instanceFromWire(state)).toEqual(record);
    }
  });
});
