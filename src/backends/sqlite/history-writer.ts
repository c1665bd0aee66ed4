import type Database from 'better-sqlite3';

/** Most rows one INSERT carries; longer appends are written in chunks of this size. */
const MAX_ROWS = 16;

/**
 * Appends history rows: a step's events in one multi-row INSERT (one statement per step instead of one
 * per event), statements prepared once per row count. Returns the bytes appended, which the caller adds
 * to the instance's `history_bytes` in the UPDATE it makes anyway (no trigger since schema 8).
 */
export class HistoryWriter {
  private readonly inserts: Database.Statement[] = [];

  /** @param db - the open, migrated database */
  constructor(private readonly db: Database.Database) {}

  /**
   * Writes `events` (JSON text each) as the instance's history from sequence number `firstSeq` on.
   *
   * @param createdAt - the instance's creation time (its `created_at`, the first part of the key)
   * @returns the bytes of event JSON written (UTF-8, as SQLite's `length(CAST(event AS BLOB))`)
   */
  append(instanceId: string, createdAt: number, firstSeq: number, events: readonly string[]): number {
    let bytes = 0;
    for (let start = 0; start < events.length; start += MAX_ROWS) {
      const count = Math.min(MAX_ROWS, events.length - start);
      const params: (string | number)[] = new Array<string | number>(count * 4);
      for (let i = 0; i < count; i++) {
        const event = events[start + i];
        params[i * 4] = createdAt;
        params[i * 4 + 1] = instanceId;
        params[i * 4 + 2] = firstSeq + start + i;
        params[i * 4 + 3] = event;
        bytes += Buffer.byteLength(event, 'utf8');
      }
      this.insert(count).run(params);
    }
    return bytes;
  }

  private insert(count: number): Database.Statement {
    let statement = this.inserts[count];
    if (!statement) {
      const values = Array.from({ length: count }, () => '(?, ?, ?, ?)').join(', ');
      statement = this.db.prepare(
        `INSERT INTO history (instance_created_at, instance_id, seq, event) VALUES ${values}`,
      );
      this.inserts[count] = statement;
    }
    return statement;
  }
}
