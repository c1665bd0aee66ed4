import type { NonDeterminismError } from '../errors';
import type { WorkflowStall } from './workflow-actions';

/**
 * The patches of one execution, decided as durabletask-go's `IsPatched`: a patch recorded in history is
 * applied; one met while replaying a history that did not record it is not (that point was passed without
 * it); one met past the end of history is applied and recorded. Each name is decided once per execution.
 */
export class WorkflowPatches {
  private readonly inHistory = new Set<string>();
  private readonly decided = new Map<string, boolean>();
  private readonly appliedOrder: string[] = [];
  /** Patches answered false because the history had passed that point without them. */
  private readonly deniedByHistory = new Set<string>();

  /** Patches applied so far, in the order first met (recorded on the step's WorkflowStarted event). */
  get applied(): string[] {
    return [...this.appliedOrder];
  }

  /** Notes patches a WorkflowStarted event recorded. */
  recorded(patches: readonly string[] | undefined): void {
    for (const p of patches ?? []) this.inHistory.add(p);
  }

  /**
   * Answers `ctx.isPatched(name)`.
   *
   * @param name - the patch
   * @param replaying - true while the code re-runs steps already in history
   */
  isPatched(name: string, replaying: boolean): boolean {
    const known = this.decided.get(name);
    if (known !== undefined) return known;
    const applied = this.inHistory.has(name) || !replaying;
    this.decided.set(name, applied);
    if (applied) this.appliedOrder.push(name);
    else this.deniedByHistory.add(name);
    return applied;
  }

  /**
   * After replaying the past events: a patch the history recorded that the code never checked means the
   * code changed where it mattered.
   */
  checkReplayed(who: string): WorkflowStall | undefined {
    const missing = [...this.inHistory].filter((p) => this.decided.get(p) !== true);
    if (missing.length === 0) return undefined;
    return {
      reason: 'PATCH_MISMATCH',
      description: `${who}: its history applied patch${missing.length > 1 ? 'es' : ''} ${missing.map((p) => `'${p}'`).join(', ')}, which the code no longer checks.`,
    };
  }

  /** A replay that diverged where the code checked patches the history did not record is a patch mismatch. */
  explain(who: string, error: NonDeterminismError): WorkflowStall | undefined {
    if (this.deniedByHistory.size === 0 && this.inHistory.size === 0) return undefined;
    const checked = [...this.deniedByHistory, ...this.inHistory].map((p) => `'${p}'`).join(', ');
    return {
      reason: 'PATCH_MISMATCH',
      description: `${who}: code and history disagree around patches ${checked}: ${error.message}`,
    };
  }
}
