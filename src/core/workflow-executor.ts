import type { WorkflowWorkItem } from './backend';
import type { WorkflowStepResult } from './workflow-actions';
import { WorkflowExecution } from './workflow-execution';
import type { ExecutionEnvironment } from './workflow-execution';

/**
 * Runs workflow steps. Keeps the live executions of recent instances in a bounded LRU cache, so a step
 * for a cached instance applies only its new events; anything else (a miss, an evicted entry, a history
 * length that does not match) replays from history, with the same result.
 */
export class WorkflowExecutor {
  private readonly cache = new Map<string, WorkflowExecution>();

  /**
   * @param env - names, code and limits
   * @param cacheSize - most live executions kept; 0 disables the cache (every step replays)
   */
  constructor(
    private readonly env: ExecutionEnvironment,
    private readonly cacheSize = 1000,
  ) {}

  /** Number of live executions cached. */
  get cachedCount(): number {
    return this.cache.size;
  }

  /**
   * Runs one step of a workflow.
   *
   * @param item - the work item
   * @returns the step's new actions and custom status
   */
  async execute(item: WorkflowWorkItem): Promise<WorkflowStepResult> {
    let execution = this.cache.get(item.instanceId);
    this.cache.delete(item.instanceId);
    let pastEvents: Awaited<ReturnType<WorkflowWorkItem['loadPastEvents']>> = [];
    if (!execution || execution.historyLength !== item.pastEventCount) {
      execution = new WorkflowExecution(item.instanceId, this.env);
      pastEvents = item.pastEventCount > 0 ? await item.loadPastEvents() : [];
    }
    const result = await execution.apply(pastEvents, item.newEvents);
    if (!execution.isComplete && !result.stalled && this.cacheSize > 0) {
      this.cache.set(item.instanceId, execution);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return result;
  }

  /** Drops the cached execution of an instance. */
  evict(instanceId: string): void {
    this.cache.delete(instanceId);
  }

  /** Drops every cached execution. */
  clear(): void {
    this.cache.clear();
  }
}
