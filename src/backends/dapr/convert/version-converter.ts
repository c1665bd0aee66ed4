import type { StalledReason, WorkflowStall, WorkflowVersion } from '../../../core';
import type { WireWorkflowAction, WireWorkflowVersion } from '../protocol/wire-types';

/** `StalledReason` numbers of the protocol. */
const STALLED_REASONS: readonly StalledReason[] = ['PATCH_MISMATCH', 'VERSION_NOT_AVAILABLE'];

/** A stalled reason as the protocol's enum number. */
export function stalledReasonToWire(reason: StalledReason): number {
  return Math.max(0, STALLED_REASONS.indexOf(reason));
}

/** The protocol's enum number as a stalled reason (unknown numbers read as PATCH_MISMATCH, the zero value). */
export function stalledReasonFromWire(reason: number | undefined): StalledReason {
  return STALLED_REASONS[reason ?? 0] ?? 'PATCH_MISMATCH';
}

/** A step's version as the protocol's `WorkflowVersion` (name empty when there is none). */
export function versionToWire(version: WorkflowVersion): WireWorkflowVersion {
  return { patches: version.patches ?? [], name: version.name ?? '' };
}

/** The protocol's `WorkflowVersion`, or undefined when it says nothing. */
export function versionFromWire(wire: WireWorkflowVersion | null | undefined): WorkflowVersion | undefined {
  if (!wire) return undefined;
  const patches = wire.patches ?? [];
  if (!wire.name && patches.length === 0) return undefined;
  return { ...(wire.name && { name: wire.name }), patches };
}

/**
 * A stalled step as the protocol's `WorkflowVersionNotAvailableAction` (as durabletask-go sends it), with
 * Weft's reason and description in extension fields for a patch mismatch.
 */
export function stallToWire(stall: WorkflowStall, id: number): WireWorkflowAction {
  return {
    id,
    workflowVersionNotAvailable: {
      weftReason: stalledReasonToWire(stall.reason),
      weftDescription: stall.description,
    },
  };
}

/** The stall a worker's actions announce, if any (other SDKs send the action without Weft's fields). */
export function stallFromWire(actions: readonly WireWorkflowAction[]): WorkflowStall | undefined {
  const action = actions.find((a) => a.workflowVersionNotAvailable);
  if (!action?.workflowVersionNotAvailable) return undefined;
  const { weftReason, weftDescription } = action.workflowVersionNotAvailable;
  return {
    reason: weftReason === undefined ? 'VERSION_NOT_AVAILABLE' : stalledReasonFromWire(weftReason),
    description: weftDescription || 'Version not available',
  };
}
