import type { Backend, BackendHealth } from '../core';

/**
 * What `WorkflowRuntime.health()` answers: the backend's {@link BackendHealth}. `ok`; `degraded` while
 * storage fails (disk full, read-only file, sidecar down) and work waits with back-off, recovering by
 * itself; `failed` when the engine stopped accepting work and needs a restart (its database file was
 * removed or replaced while open).
 */
export type RuntimeHealth = BackendHealth;

/**
 * The health of a runtime on `backend`: the backend's own report, or `ok` for a backend that keeps none.
 *
 * @param backend - the runtime's backend
 * @returns the current health (a fresh object)
 */
export function healthOf(backend: Backend): RuntimeHealth {
  return backend.health?.() ?? { status: 'ok' };
}
