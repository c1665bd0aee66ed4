import type Database from 'better-sqlite3';
import type { HistoryEvent, InstancePage, InstanceQuery, InstanceRecord, WorkflowStatus } from '../../core';
import type { InboxRow, InstanceRow, StepRow } from './rows';
import { decodeToken, encodeToken, parseEvent, stepRowOf, toRecord } from './rows';
import type { Statements } from './statements';

/** Reads outside any transaction (WAL gives them a consistent snapshot): instances, histories, pages. */
export class InstanceReads {
  /** Listing statements by shape (which filters are present), prepared once each. */
  private readonly listStatements = new Map<string, Database.Statement>();

  /**
   * @param db - the open database (for the listing's statements)
   * @param s - the statement catalog
   */
  constructor(
    private readonly db: Database.Database,
    private readonly s: Statements,
  ) {}

  /**
   * SQLite's `PRAGMA data_version`: a number that changes when another connection (another process, or
   * another backend on the file) commits, and only then. Waits poll it to skip reads when nothing changed.
   */
  dataVersion(): number {
    return this.s.dataVersion.get() as number;
  }

  /** The instance's row, without payloads. */
  meta(instanceId: string): InstanceRow | undefined {
    return this.s.getInstanceMeta.get(instanceId) as InstanceRow | undefined;
  }

  /**
   * The instance's {@link StepRow} and the ids of its messages due at `now` (oldest first), in one read;
   * undefined when there is no such instance.
   */
  stepRowWithDue(instanceId: string, now: number): { row: StepRow; dueIds: number[] } | undefined {
    const rows = this.s.getStepRowWithDue.all({ instanceId, now }) as unknown[][];
    if (rows.length === 0) return undefined;
    const dueIds: number[] = [];
    for (const r of rows) if (r[11] !== null) dueIds.push(r[11] as number);
    return { row: stepRowOf(rows[0], instanceId), dueIds };
  }

  /**
   * The instance's status, history length and lease expiry (epoch ms; 0 when free) with its messages due
   * at `now` (oldest first), in one read; undefined when there is no such instance.
   */
  leaseStateAndInbox(
    instanceId: string,
    now: number,
  ):
    | { row: Pick<InstanceRow, 'status' | 'history_length' | 'lease_expires_at'>; messages: InboxRow[] }
    | undefined {
    const rows = this.s.fusedPreview.all({ instanceId, now }) as (Pick<
      InstanceRow,
      'status' | 'history_length' | 'lease_expires_at'
    > & { id: number | null; type: string | null; event: string | null })[];
    if (rows.length === 0) return undefined;
    const messages: InboxRow[] = [];
    for (const r of rows)
      if (r.id !== null) messages.push({ id: r.id, type: r.type as string, event: r.event as string });
    return { row: rows[0], messages };
  }

  /** The instance's status alone; undefined when there is no such instance. */
  status(instanceId: string): WorkflowStatus | undefined {
    return (this.s.getInstanceStatus.get(instanceId) as { status: WorkflowStatus } | undefined)?.status;
  }

  /** The instance's row, with payloads. */
  full(instanceId: string): InstanceRow | undefined {
    return this.s.getInstance.get(instanceId) as InstanceRow | undefined;
  }

  /** Reads one instance. */
  getInstance(instanceId: string, includePayloads: boolean): InstanceRecord | undefined {
    const row = includePayloads ? this.full(instanceId) : this.meta(instanceId);
    return row && toRecord(row);
  }

  /** Reads an instance's history, or undefined when there is no such instance. */
  getHistory(instanceId: string): HistoryEvent[] | undefined {
    const row = this.meta(instanceId);
    if (!row) return undefined;
    const rows = this.s.history.all({ createdAt: row.created_at, instanceId }) as { event: string }[];
    return rows.map((r) => parseEvent(r.event));
  }

  /** Reads the first `count` history events (for replay). */
  getHistoryPrefix(instanceId: string, count: number): HistoryEvent[] {
    const rows = this.s.historyPrefix.all({ instanceId, count }) as { event: string }[];
    return rows.map((r) => parseEvent(r.event));
  }

  /** Reads the history events at positions `start` to `count - 1` (a replayer that holds the ones before). */
  getHistoryRange(instanceId: string, start: number, count: number): HistoryEvent[] {
    const rows = this.s.historyRange.all({ instanceId, start, count }) as { event: string }[];
    return rows.map((r) => parseEvent(r.event));
  }

  /**
   * Lists instances newest first, with keyset paging (by creation time, then id). A status filter reads
   * one range of the (status, created_at, instance_id) index per status and merges them, so a page costs
   * the same however many instances of other statuses (or older ones) the file holds.
   *
   * @throws {@link ValidationError} for a continuation token this engine did not issue
   */
  listInstances(query: InstanceQuery): InstancePage {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const statuses = query.status?.length ? [...new Set(query.status)] : undefined;
    if (statuses) where.push(`status = @status`);
    if (query.name !== undefined) {
      where.push(`name = @name`);
      params.name = query.name;
    }
    if (query.createdFrom !== undefined) {
      where.push(`created_at >= @createdFrom`);
      params.createdFrom = query.createdFrom;
    }
    if (query.createdTo !== undefined) {
      where.push(`created_at < @createdTo`);
      params.createdTo = query.createdTo;
    }
    if (query.continuationToken) {
      const [createdAt, instanceId] = decodeToken(query.continuationToken);
      where.push(`(created_at < @tokenCreated OR (created_at = @tokenCreated AND instance_id < @tokenId))`);
      params.tokenCreated = createdAt;
      params.tokenId = instanceId;
    }
    const pageSize = Math.max(1, Math.min(query.pageSize ?? 100, 1000));
    params.limit = pageSize + 1;
    const statement = this.listStatement(
      `SELECT * FROM instances ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
        `ORDER BY created_at DESC, instance_id DESC LIMIT @limit`,
    );
    let rows: InstanceRow[];
    if (!statuses) rows = statement.all(params) as InstanceRow[];
    else {
      rows = statuses.flatMap((status) => statement.all({ ...params, status }) as InstanceRow[]);
      if (statuses.length > 1) rows = rows.sort(newestFirst).slice(0, pageSize + 1);
    }
    const items = rows.slice(0, pageSize).map(toRecord);
    const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
    return { items, continuationToken: last && encodeToken(last.created_at, last.instance_id) };
  }

  private listStatement(sql: string): Database.Statement {
    let statement = this.listStatements.get(sql);
    if (!statement) this.listStatements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

/** The listing's order: creation time, then id, both descending. */
function newestFirst(a: InstanceRow, b: InstanceRow): number {
  if (a.created_at !== b.created_at) return b.created_at - a.created_at;
  return a.instance_id < b.instance_id ? 1 : a.instance_id > b.instance_id ? -1 : 0;
}
