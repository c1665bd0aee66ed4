import type { BackendHealth } from '../../core';
import { StorageError } from '../../errors';

/** The SQLite result code (e.g. `SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`) behind an error, when there is one. */
export function sqliteCode(err: unknown): string | undefined {
  // Duck-typed, not `instanceof Error`: the driver's errors may come from another realm (a native module
  // loaded once per process keeps the error class it was first given, e.g. under jest's module registries).
  let e: unknown = err;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** SQLite result codes of the storage itself failing (as opposed to a constraint or a bad statement). */
const STORAGE_FAULTS = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|PERM|BUSY|LOCKED|CORRUPT|NOTADB|NOMEM)/;

/** The SQLite code when `err` is the storage failing (disk full, read-only, I/O, busy, corrupt); else undefined. */
export function storageFaultCode(err: unknown): string | undefined {
  const code = sqliteCode(err);
  return code && STORAGE_FAULTS.test(code) ? code : undefined;
}

/**
 * True for a storage failure that may pass by itself (disk full, read-only file, I/O error, busy): work
 * that hit one is retried with back-off rather than dropped. A corrupt or moved file is not transient.
 */
export function isTransientStorageFailure(err: unknown): boolean {
  const code = err instanceof StorageError ? storageFaultCode(err) : undefined;
  return code !== undefined && !/^SQLITE_(CORRUPT|NOTADB|READONLY_DBMOVED)/.test(code);
}

/**
 * The embedded engine's health: `degraded` from a failed write until a later write commits, `failed`
 * (for good) once the database file is lost. Fed by the commit queue, the reads and the file guard.
 */
export class StorageHealth {
  private state: BackendHealth = { status: 'ok' };

  /** The current state (a copy). */
  get(): BackendHealth {
    return { ...this.state };
  }

  /** A write or read failed; only storage faults (see {@link storageFaultCode}) degrade. */
  failed(err: unknown): void {
    const cause = storageFaultCode(err);
    if (this.state.status === 'failed' || !cause) return;
    const reason = err instanceof Error ? err.message : String(err);
    if (this.state.status === 'degraded' && this.state.cause === cause) return;
    this.state = { status: 'degraded', reason, cause, since: this.state.since ?? Date.now() };
  }

  /** A write committed: storage works again. */
  committed(): void {
    if (this.state.status === 'degraded') this.state = { status: 'ok' };
  }

  /** The engine stopped for good (e.g. its file was lost); stays so until restart. */
  lost(reason: string, cause: string): void {
    if (this.state.status === 'failed') return;
    this.state = { status: 'failed', reason, cause, since: Date.now() };
  }
}
