import { newEvent } from '../../src/core';
import type { HistoryEvent } from '../../src/core';
import { historyEventToWire } from '../../src/backends/dapr/convert/history-event-converter';
import { loadSidecarService } from '../../src/backends/dapr/protocol/load-protocol';
import { WorkItemEncoder } from '../../src/backends/dapr/server/work-item-encoder';
import { everyEventKind } from './support/every-event-kind';

const method = loadSidecarService().GetWorkItems;
const t = 1_700_000_000_123;

/** What encoding the whole WorkItem message gives, decoded. */
function expected(
  instanceId: string,
  past: HistoryEvent[],
  fresh: HistoryEvent[],
  token: string,
  held = 0,
): unknown {
  const bytes = method.responseSerialize({
    workflowRequest: {
      instanceId,
      pastEvents: past.slice(held).map((e) => historyEventToWire(e, instanceId)),
      newEvents: fresh.map((e) => historyEventToWire(e, instanceId)),
      ...(held > 0 && { cachedHistory: { eventCount: held } }),
    },
    completionToken: token,
  });
  return method.responseDeserialize(bytes);
}

const started = (name: string, at: number): HistoryEvent[] => [
  newEvent('WorkflowStarted', at, {}),
  newEvent('ExecutionStarted', at, { name, input: '{"n":1}', executionId: 'e-1' }),
];
const scheduled = (id: number, at: number): HistoryEvent =>
  newEvent('TaskScheduled', at, { eventId: id, name: 'step', input: String(id) });
const completed = (id: number, at: number): HistoryEvent =>
  newEvent('TaskCompleted', at, { taskScheduledId: id, result: `"r${'x'.repeat(200)}${id}"` });

describe('WorkItemEncoder', () => {
  it("encodes every kind of history event to the bytes the service's own serializer gives", () => {
    const history = loadSidecarService().GetInstanceHistory;
    const encoder = new WorkItemEncoder();
    for (const event of everyEventKind(t)) {
      // GetInstanceHistoryResponse { repeated HistoryEvent events = 1 }: the tag, then the length-prefixed event.
      const whole = history.responseSerialize({ events: [historyEventToWire(event, 'i-1')] });
      const own = encoder.encodeEvent(event, 'i-1');
      expect(Buffer.isBuffer(own)).toBe(true);
      expect(own.equals(whole.subarray(1))).toBe(true);
    }
  });

  it('assembles the same WorkItem as encoding it whole, step after step as the history grows', () => {
    const encoder = new WorkItemEncoder();
    const history: HistoryEvent[] = [];
    let fresh = started('three_steps', t);
    for (let step = 0; step < 4; step++) {
      const { bytes, fullBytes } = encoder.workflowItem('i-1', history, fresh, `tok-${step}`);
      expect(fullBytes).toBe(bytes.length);
      expect(method.responseDeserialize(bytes)).toEqual(expected('i-1', history, fresh, `tok-${step}`));
      history.push(...fresh, scheduled(step, t + step));
      fresh = [newEvent('WorkflowStarted', t + step + 1, {}), completed(step, t + step + 1)];
    }
    expect(encoder.size).toBe(1);
  });

  it("reuses the encoding of the last step's new events once committed, only where they are unchanged", () => {
    const encoder = new WorkItemEncoder();
    const encode = jest.spyOn(encoder, 'encodeEvent');
    const fresh = started('wf', t);
    encoder.workflowItem('i-4', [], fresh, 'a');
    expect(encode).toHaveBeenCalledTimes(2);
    // As read back from the file: copies of the sent events, then what the step's actions added.
    const copy = (events: HistoryEvent[]) => JSON.parse(JSON.stringify(events)) as HistoryEvent[];
    const past = [...copy(fresh), scheduled(0, t)];
    const next = [newEvent('WorkflowStarted', t + 1, {}), completed(0, t + 1)];
    encode.mockClear();
    const { bytes } = encoder.workflowItem('i-4', past, next, 'b');
    expect(method.responseDeserialize(bytes)).toEqual(expected('i-4', past, next, 'b'));
    // The TaskScheduled event and the two new events; the committed copies of the sent ones are not encoded again.
    expect(encode).toHaveBeenCalledTimes(3);
    // A store that wrote a sent event otherwise (here its time): that one is encoded from what was stored.
    const changed = [...past, { ...copy(next)[0], timestamp: t + 5 }, copy(next)[1]];
    const last = [newEvent('WorkflowStarted', t + 6, {})];
    encode.mockClear();
    const third = encoder.workflowItem('i-4', changed, last, 'c');
    expect(method.responseDeserialize(third.bytes)).toEqual(expected('i-4', changed, last, 'c'));
    expect(encode).toHaveBeenCalledTimes(2);
  });

  it('leaves out the events a stateful worker holds and says how many (cachedHistory)', () => {
    const encoder = new WorkItemEncoder();
    const past = [...started('wf', t), scheduled(0, t)];
    const fresh = [newEvent('WorkflowStarted', t + 1, {}), completed(0, t + 1)];
    const { bytes, fullBytes } = encoder.workflowItem('i-2', past, fresh, 'tok', 2);
    const decoded = method.responseDeserialize(bytes);
    // The size with the whole history: what the send limit is checked against.
    expect(fullBytes).toBe(encoder.workflowItem('i-2', past, fresh, 'tok').bytes.length);
    expect(decoded).toEqual(expected('i-2', past, fresh, 'tok', 2));
    expect(decoded.workflowRequest?.cachedHistory?.eventCount).toBe(2);
    expect(decoded.workflowRequest?.pastEvents).toHaveLength(1);
  });

  it('does not reuse the events of another history under the same instance id (an id used again)', () => {
    const encoder = new WorkItemEncoder();
    const first = [...started('wf', t), scheduled(0, t), completed(0, t)];
    encoder.workflowItem('i-3', first, [], 'a');
    // Same length and first event, another last event: the new history is sent, not the kept one.
    const second = [...started('wf', t), scheduled(0, t), completed(7, t + 9)];
    const { bytes } = encoder.workflowItem('i-3', second, [], 'b');
    expect(method.responseDeserialize(bytes)).toEqual(expected('i-3', second, [], 'b'));
    // A shorter history (continue-as-new) is sent as it is.
    const third = started('wf', t + 50);
    expect(method.responseDeserialize(encoder.workflowItem('i-3', third, [], 'c').bytes)).toEqual(
      expected('i-3', third, [], 'c'),
    );
  });

  it('keeps at most maxInstances histories and forgets a finished one', () => {
    const encoder = new WorkItemEncoder({ maxInstances: 2 });
    for (const id of ['a', 'b', 'c']) encoder.workflowItem(id, started('wf', t), [], 'tok');
    expect(encoder.size).toBe(2);
    encoder.forget('c');
    expect(encoder.size).toBe(1);
  });
});
