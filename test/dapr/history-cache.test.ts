import type { HistoryEvent, WorkflowWorkItem } from 'weft-workflows';
import { HistoryCache } from '../../src/backends/dapr/server/history-cache';
import { sameEvent } from '../../src/backends/dapr/server/same-event';

/**
 * The sidecar's history cache (issue 10): a step reads only the events committed since its instance's previous
 * step, and never serves a history the store no longer has. The "store" here is an array the test rewrites as
 * another owner would; reads count how many events they return.
 */
describe('HistoryCache', () => {
  let stored: HistoryEvent[];
  let fullReads: number;
  let eventsRead: number;

  const event = (eventId: number, timestamp: number, type = 'TaskScheduled'): HistoryEvent =>
    ({ type, eventId, timestamp, name: 'step' }) as HistoryEvent;

  /** A step's work item on the stored history, as the SQLite engine builds it. */
  function item(pastEventCount = stored.length, instanceId = 'i'): WorkflowWorkItem {
    return {
      instanceId,
      pastEventCount,
      newEvents: [],
      loadPastEvents: async () => {
        fullReads += 1;
        eventsRead += pastEventCount;
        return stored.slice(0, pastEventCount).map((e) => ({ ...e }));
      },
      loadPastEventsFrom: async (start: number) => {
        const since = stored.slice(start, pastEventCount).map((e) => ({ ...e }));
        eventsRead += since.length;
        return since;
      },
    };
  }

  beforeEach(() => {
    stored = [event(0, 1, 'ExecutionStarted'), event(1, 2), event(2, 3)];
    fullReads = 0;
    eventsRead = 0;
  });

  it('gives a later step the same history as a full read, reading only what was committed since', async () => {
    const cache = new HistoryCache();
    expect(await cache.pastEvents(item())).toEqual(stored);
    stored.push(event(3, 4), event(4, 5));
    eventsRead = 0;
    const cached = await cache.pastEvents(item());
    const uncached = await new HistoryCache().pastEvents(item());
    expect(cached).toEqual(uncached);
    expect(cached).toEqual(stored);
    // The cached step read the last kept event (to check it) and the two new ones; the uncached one all five.
    expect(eventsRead).toBe(3 + 5);
  });

  it('reads the whole history again when another owner rewrote it to the same length (continue-as-new, purge)', async () => {
    const cache = new HistoryCache();
    await cache.pastEvents(item());
    // Another process: the execution restarted and its new history grew past what is kept here.
    stored = [event(0, 10, 'ExecutionStarted'), event(1, 11), event(2, 12), event(3, 13)];
    fullReads = 0;
    expect(await cache.pastEvents(item())).toEqual(stored);
    expect(fullReads).toBe(1);
    // Rewritten again, now exactly as long as what is kept.
    stored = [event(0, 20, 'ExecutionStarted'), event(1, 21), event(2, 22), event(3, 23)];
    expect(await cache.pastEvents(item())).toEqual(stored);
    expect(fullReads).toBe(2);
  });

  it('reads the whole history again when it is shorter than what is kept', async () => {
    const cache = new HistoryCache();
    await cache.pastEvents(item());
    stored = [event(0, 10, 'ExecutionStarted'), event(1, 11)];
    fullReads = 0;
    expect(await cache.pastEvents(item())).toEqual(stored);
    expect(fullReads).toBe(1);
  });

  it('serves nothing of an instance it was told to forget (a lost lease, an abandoned step)', async () => {
    const cache = new HistoryCache();
    await cache.pastEvents(item());
    cache.forget('i');
    expect(cache.size).toBe(0);
    stored.push(event(3, 4));
    fullReads = 0;
    expect(await cache.pastEvents(item())).toEqual(stored);
    expect(fullReads).toBe(1);
  });

  it('reads the whole history from a store that cannot read a part', async () => {
    const cache = new HistoryCache();
    await cache.pastEvents(item());
    stored.push(event(3, 4));
    const { loadPastEventsFrom: _omitted, ...whole } = item();
    fullReads = 0;
    expect(await cache.pastEvents(whole)).toEqual(stored);
    expect(fullReads).toBe(1);
  });

  it('does not change a history it handed out when the next step extends it', async () => {
    const cache = new HistoryCache();
    const first = await cache.pastEvents(item());
    stored.push(event(3, 4));
    await cache.pastEvents(item());
    expect(first).toHaveLength(3);
  });

  it('keeps at most maxInstances instances, dropping the least recently used', async () => {
    const cache = new HistoryCache({ maxInstances: 2 });
    await cache.pastEvents(item(3, 'a'));
    await cache.pastEvents(item(3, 'b'));
    await cache.pastEvents(item(3, 'a'));
    await cache.pastEvents(item(3, 'c'));
    expect(cache.size).toBe(2);
    fullReads = 0;
    await cache.pastEvents(item(3, 'a'));
    expect(fullReads).toBe(0);
    await cache.pastEvents(item(3, 'b'));
    expect(fullReads).toBe(1);
  });

  it('keeps nothing for a step with no past (a new instance or a new execution)', async () => {
    const cache = new HistoryCache();
    await cache.pastEvents(item());
    expect(await cache.pastEvents(item(0))).toEqual([]);
    expect(cache.size).toBe(0);
  });
});

describe('sameEvent', () => {
  const base = {
    type: 'TaskCompleted',
    eventId: -1,
    timestamp: 5,
    taskScheduledId: 2,
    result: '"x"',
  } as HistoryEvent;

  it('is true for an event and its copy read back from JSON, an undefined key counting as absent', () => {
    expect(sameEvent(base, JSON.parse(JSON.stringify({ ...base, extra: undefined })) as HistoryEvent)).toBe(
      true,
    );
    expect(
      sameEvent(
        { ...base, result: undefined } as HistoryEvent,
        { ...base, result: undefined } as HistoryEvent,
      ),
    ).toBe(true);
  });

  it('is false when a value, a nested value or a key differs', () => {
    expect(sameEvent(base, { ...base, timestamp: 6 })).toBe(false);
    expect(sameEvent(base, { ...base, result: undefined } as HistoryEvent)).toBe(false);
    const failed = (message: string, trace: string[]) =>
      ({
        ...base,
        type: 'TaskFailed',
        failureDetails: { errorType: 'E', message, stackTrace: trace },
      }) as unknown as HistoryEvent;
    expect(sameEvent(failed('m', ['a']), failed('m', ['a']))).toBe(true);
    expect(sameEvent(failed('m', ['a']), failed('n', ['a']))).toBe(false);
    expect(sameEvent(failed('m', ['a']), failed('m', ['a', 'b']))).toBe(false);
  });
});
