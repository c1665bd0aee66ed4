import { WorkPump } from '../../src/core';

/** A promise with its resolve, to hold work in flight until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Resolves once `cond` holds, checked after each pump. */
function until(pumped: (() => void)[], cond: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (cond() ? resolve() : pumped.push(check));
    check();
  });
}

describe('WorkPump (the bounded work loop both workers share)', () => {
  it('runs at most `limit` items of a lane at once and starts queued ones as slots free up', async () => {
    const hooks: (() => void)[] = [];
    const pump = new WorkPump(() => hooks.splice(0).forEach((f) => f()));
    const gates = new Map<number, ReturnType<typeof gate>>();
    const started: number[] = [];
    const lane = pump.lane<number>(2, async (n) => {
      started.push(n);
      const g = gate();
      gates.set(n, g);
      await g.promise;
    });
    lane.push(1, 2, 3, 4);
    await until(hooks, () => started.length === 2);
    expect(started).toEqual([1, 2]);
    expect([lane.inFlight, lane.queued, lane.wanted]).toEqual([2, 2, -2]);
    gates.get(1)?.open();
    await until(hooks, () => started.length === 3);
    expect(started).toEqual([1, 2, 3]);
    expect(lane.inFlight).toBe(2);
    for (const n of [2, 3]) gates.get(n)?.open();
    await until(hooks, () => started.length === 4);
    gates.get(4)?.open();
    await until(hooks, () => pump.idle);
    expect(lane.wanted).toBe(2);
  });

  it('counts occupied slots and waits for them and running items on drain, dropping what is queued', async () => {
    const pump = new WorkPump();
    const running = gate();
    const outside = gate();
    const ran: string[] = [];
    const lane = pump.lane<string>(1, async (s) => {
      ran.push(s);
      await running.promise;
    });
    const occupied = lane.occupy(async () => {
      await outside.promise;
      return 'fused';
    });
    expect(lane.inFlight).toBe(1);
    lane.push('a', 'b');
    let drained = false;
    // 'a' cannot start while the occupied slot is held
    const drain = pump.drain().then(() => (drained = true));
    expect(lane.queued).toBe(0);
    outside.open();
    expect(await occupied).toBe('fused');
    await drain;
    expect(drained).toBe(true);
    expect(ran).toEqual([]);
    lane.push('c');
    expect(lane.queued).toBe(0);
    running.open();
  });

  it('drops only the queued items a predicate picks (items of a closed stream)', () => {
    const pump = new WorkPump();
    const lane = pump.lane<{ stream: number }>(0, async () => {});
    lane.push({ stream: 1 }, { stream: 2 }, { stream: 1 });
    lane.drop((i) => i.stream === 1);
    expect(lane.queued).toBe(1);
    void pump.drain();
  });
});
