import { parsePayload } from './payload';
import type { WorkflowTask } from './tasks';

/** An event raised to the instance, kept until a wait takes it. */
export interface ReceivedEvent {
  name: string;
  input?: string;
  timestamp: number;
}

interface EventWait {
  /** Creation order: a wait that takes its claim back returns to its place in the queue. */
  seq: number;
  /** The name as the code spelled it. */
  name: string;
  task: WorkflowTask<unknown>;
}

/**
 * External events of one execution: the waits for each name (case-insensitive, FIFO) and the events
 * received that no wait has taken yet (FIFO per name), as durabletask's `WaitForSingleEvent`. A wait that
 * nothing awaits any more (it lost a `whenAny`) gives its claim up: it leaves the queue, and takes its
 * place back (or a buffered event) if it is awaited again. A wait that timed out leaves for good.
 */
export class ExternalEvents {
  private readonly waits = new Map<string, EventWait[]>();
  private readonly buffered: ReceivedEvent[] = [];
  private seq = 0;

  /** Events received and not yet taken, oldest first (continue-as-new may carry them over). */
  get unprocessed(): readonly ReceivedEvent[] {
    return this.buffered;
  }

  /**
   * Names of the live waits (registered, not completed, timed out or let go), one per name
   * (case-insensitive, spelled as the oldest live wait spells it), in the order they were first waited for.
   */
  get waiting(): string[] {
    return [...this.waits.values()]
      .filter((queue) => queue.length > 0)
      .sort((a, b) => a[0].seq - b[0].seq)
      .map((queue) => queue[0].name);
  }

  /**
   * Registers a wait for `name`, completing it at once from the buffer when an event is there.
   *
   * @returns true when the task completed from the buffer
   */
  wait(name: string, task: WorkflowTask<unknown>): boolean {
    const wait = { seq: this.seq++, name, task };
    const key = name.toLowerCase();
    if (this.takeBuffered(key, task)) return true;
    this.enqueue(key, wait);
    task.claim = {
      release: () => this.remove(key, task),
      reclaim: () => {
        if (!this.takeBuffered(key, task)) this.enqueue(key, wait);
      },
    };
    return false;
  }

  /** Removes a wait from its queue for good (it timed out). */
  remove(name: string, task: WorkflowTask<unknown>): void {
    const key = name.toLowerCase();
    const queue = this.waits.get(key);
    const index = queue?.findIndex((w) => w.task === task) ?? -1;
    if (queue && index >= 0) queue.splice(index, 1);
  }

  /**
   * Delivers a raised event to the oldest live wait for its name, or buffers it.
   *
   * @returns the task it completed, if any
   */
  deliver(event: ReceivedEvent): WorkflowTask<unknown> | undefined {
    const wait = this.waits.get(event.name.toLowerCase())?.shift();
    if (!wait) {
      this.buffered.push(event);
      return undefined;
    }
    wait.task.complete(parsePayload(event.input));
    return wait.task;
  }

  /** Buffers an event without delivering it (the execution has finished). */
  keep(event: ReceivedEvent): void {
    this.buffered.push(event);
  }

  private enqueue(key: string, wait: EventWait): void {
    const queue = this.waits.get(key) ?? [];
    let at = queue.length;
    while (at > 0 && queue[at - 1].seq > wait.seq) at -= 1;
    queue.splice(at, 0, wait);
    this.waits.set(key, queue);
  }

  private takeBuffered(key: string, task: WorkflowTask<unknown>): boolean {
    const index = this.buffered.findIndex((e) => e.name.toLowerCase() === key);
    if (index < 0) return false;
    const [event] = this.buffered.splice(index, 1);
    task.complete(parsePayload(event.input));
    return true;
  }
}
