import type { WorkflowState } from '../client';
import { WorkflowClient } from '../client';
import { SqliteBackend } from '../backends/sqlite';
import type { WorkflowRuntimeOptions } from '../runtime';
import { WorkflowRuntime } from '../runtime';
import { VirtualClock } from './virtual-clock';

/** Options of {@link WorkflowTestEnvironment.create}: the runtime's, without the backend. */
export interface WorkflowTestEnvironmentOptions extends Omit<WorkflowRuntimeOptions, 'backend'> {
  /** Virtual time at start. Default: now. */
  startTime?: Date;
}

const realDelay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An in-memory engine with a virtual clock for unit tests. While a test waits for a workflow to finish
 * (`client.waitForWorkflowCompletion`) or calls {@link WorkflowTestEnvironment.sleep}, time skips ahead
 * whenever all pending work waits on a timer: a workflow that sleeps 30 days completes in milliseconds.
 * Replace activities through the container (`container.register(MyActivity, { useClass: Fake })`).
 *
 * @example
 * const env = await WorkflowTestEnvironment.create({ workflows: [Reminder], activities: [SendEmail] });
 * const id = await env.client.scheduleNewWorkflow(Reminder, { days: 30 });
 * const state = await env.client.waitForWorkflowCompletion(id);
 * await env.teardown();
 */
export class WorkflowTestEnvironment {
  /** The runtime, already started. */
  readonly runtime: WorkflowRuntime;
  /** A client whose `waitForWorkflowCompletion` skips time. */
  readonly client: WorkflowClient;
  /** The virtual clock. */
  readonly clock: VirtualClock;
  private readonly backend: SqliteBackend;
  private skipping = 0;
  private skipLoop: Promise<void> | undefined;

  private constructor(options: WorkflowTestEnvironmentOptions) {
    const { startTime, ...runtimeOptions } = options;
    this.clock = new VirtualClock(startTime?.getTime() ?? Date.now());
    this.backend = new SqliteBackend({
      path: ':memory:',
      clock: this.clock,
      pollIntervalMs: 1000,
      logger: options.logger,
    });
    this.runtime = new WorkflowRuntime({ ...runtimeOptions, backend: this.backend });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const env = this;
    this.client = new (class extends WorkflowClient {
      override async waitForWorkflowCompletion(
        instanceId: string,
        opts: { timeoutMs?: number } = {},
      ): Promise<WorkflowState> {
        return env.withTimeSkipping(() => super.waitForWorkflowCompletion(instanceId, opts));
      }
    })({ backend: this.backend, registry: this.runtime.registry, maxPayloadBytes: options.maxPayloadBytes });
  }

  /** Creates and starts an environment. */
  static async create(options: WorkflowTestEnvironmentOptions = {}): Promise<WorkflowTestEnvironment> {
    const env = new WorkflowTestEnvironment(options);
    await env.runtime.start();
    return env;
  }

  /** The virtual time. */
  get currentTime(): Date {
    return new Date(this.clock.now());
  }

  /** Moves virtual time forward by `ms`, letting due timers fire and their work run on the way. */
  async sleep(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (;;) {
      await this.backend.whenIdle();
      const next = this.clock.nextScheduledAt();
      if (next === undefined || next > target) break;
      this.clock.advanceTo(next);
    }
    this.clock.advanceTo(target);
    this.backend.poke();
    await this.backend.whenIdle();
  }

  /** Stops the runtime and discards the in-memory database. */
  async teardown(): Promise<void> {
    this.skipping = 0;
    await this.runtime.stop();
  }

  private async withTimeSkipping<T>(wait: () => Promise<T>): Promise<T> {
    this.skipping += 1;
    this.skipLoop ??= this.skipWhileWaiting().finally(() => (this.skipLoop = undefined));
    try {
      return await wait();
    } finally {
      this.skipping -= 1;
    }
  }

  private async skipWhileWaiting(): Promise<void> {
    while (this.skipping > 0 && this.runtime.isRunning) {
      await this.backend.whenIdle();
      if (this.skipping === 0) return;
      const next = this.clock.nextScheduledAt();
      if (next !== undefined && this.backend.isIdle) this.clock.advanceTo(next);
      else await realDelay(5);
    }
  }
}
