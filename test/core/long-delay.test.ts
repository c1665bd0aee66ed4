import { MAX_TIMER_DELAY_MS, scheduleAfter, sleep, withTimeout } from '../../src/core/time/long-delay';

describe('long delays', () => {
  afterEach(() => jest.useRealTimers());

  it('fires a delay past the Node timer limit once, at its deadline, in a few chunks', () => {
    jest.useFakeTimers({ now: 0 });
    const fired: number[] = [];
    const delay = 3 * MAX_TIMER_DELAY_MS + 1234;
    scheduleAfter(delay, () => fired.push(Date.now()));
    jest.advanceTimersByTime(delay - 1);
    expect(fired).toEqual([]);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual([delay]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a year-long delay can be cancelled; Infinity never arms a timer', () => {
    jest.useFakeTimers({ now: 0 });
    let fired = false;
    const cancel = scheduleAfter(365 * 86_400_000, () => (fired = true));
    cancel();
    scheduleAfter(Infinity, () => (fired = true));
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(400 * 86_400_000);
    expect(fired).toBe(false);
  });

  it('sleep stops on abort; withTimeout cancels its timer when the work settles', async () => {
    const abort = new AbortController();
    const slept = sleep(Infinity, abort.signal);
    abort.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
    await expect(withTimeout(Promise.resolve(7), 40 * 86_400_000, () => new Error('late'))).resolves.toBe(7);
    await expect(withTimeout(new Promise(() => {}), 1, () => new Error('late'))).rejects.toThrow('late');
  });
});
