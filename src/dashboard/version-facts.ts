import type { WorkflowHistoryEvent, WorkflowState } from '../client';

/** What the dashboard shows of an instance's code version and of a stall. */
export interface VersionFacts {
  /** The version of a versioned workflow the instance runs (the state's, else its history's). */
  version?: string;
  /** Patches the current execution took (`ctx.isPatched` answered true), in the order first recorded. */
  patches: string[];
  /** The latest stall of a STALLED instance: its reason code and what is missing, for people. */
  stall?: { reason: string; description?: string };
}

/**
 * Derives the version facts from an instance's history: the patches from the `version` of the current
 * execution's WorkflowStarted events (as durabletask-go records a step's WorkflowVersion there), and a STALLED
 * instance's description from its latest ExecutionStalled event.
 *
 * @param state - the instance
 * @param history - its history, oldest first
 */
export function versionFacts(state: WorkflowState, history: WorkflowHistoryEvent[]): VersionFacts {
  // The current execution: from its ExecutionStarted, with the WorkflowStarted of the same step just before it.
  let start = 0;
  history.forEach((e, i) => {
    if (e.type === 'ExecutionStarted')
      start = i > 0 && history[i - 1]?.type === 'WorkflowStarted' ? i - 1 : i;
  });
  const patches: string[] = [];
  let version = state.version;
  let stalled: WorkflowHistoryEvent | undefined;
  for (const e of history.slice(start)) {
    if (e.type === 'ExecutionStalled') stalled = e;
    if (e.type !== 'WorkflowStarted') continue;
    const recorded = e.version as { name?: string; patches?: string[] } | undefined;
    version ??= recorded?.name || undefined;
    for (const p of recorded?.patches ?? []) if (!patches.includes(p)) patches.push(p);
  }
  const facts: VersionFacts = { patches };
  if (version) facts.version = version;
  if (state.status === 'STALLED') {
    const reason = state.stalledReason ?? (stalled?.reason as string | undefined) ?? 'STALLED';
    const description = typeof stalled?.description === 'string' ? stalled.description : undefined;
    facts.stall = description ? { reason, description } : { reason };
  }
  return facts;
}
