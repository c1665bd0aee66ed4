import { fdatasync, fstatSync } from 'node:fs';
import type { SyncFile } from 'weft-workflows';

/**
 * A disk the test holds back (`SqliteBackend`'s `syncFile`): while `holding`, every flush Weft asks for waits
 * until the test lets it through with {@link HeldDisk.release} (then it is a real `fdatasync` of the file).
 * Lets a test look at what is acknowledged, or dispatched, before the disk answered.
 */
export class HeldDisk {
  private held: (() => void)[] = [];
  private onRequest: (() => void) | undefined;
  /** The inode of each file flushed, in order. */
  readonly flushedInodes: number[] = [];
  /** @param holding - whether flushes wait from the start */
  constructor(public holding = true) {}
  readonly sync: SyncFile = (fd, callback) => {
    const go = () => {
      this.flushedInodes.push(fstatSync(fd).ino);
      fdatasync(fd, callback);
    };
    if (!this.holding) return go();
    this.held.push(go);
    this.onRequest?.();
  };
  /** Resolves once a flush is waiting. */
  requested(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => (this.onRequest = resolve));
  }
  /** Stops holding and lets every waiting flush through. */
  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }
}

/** 'pending' unless `p` settled within the event-loop turns already queued. */
export async function stateOf(p: Promise<unknown>): Promise<'pending' | 'settled'> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled ? 'settled' : 'pending';
}
