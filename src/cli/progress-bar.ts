/** Where a progress bar writes: a TTY stream (only `write` and `columns` are used). */
export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

/**
 * A one-line progress bar redrawn in place, `[#####-----] 12/40 purged`. It draws only when the stream
 * is a TTY, so piped output and tests see nothing of it.
 */
export class ProgressBar {
  private done = 0;
  private readonly enabled: boolean;

  /**
   * @param total - the number of steps
   * @param label - what a step is, shown after the count
   * @param stream - where to draw; default stdout
   */
  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly stream: ProgressStream = process.stdout,
  ) {
    this.enabled = Boolean(stream.isTTY) && total > 1;
  }

  /** Advances by one step and redraws. */
  tick(): void {
    this.done = Math.min(this.total, this.done + 1);
    if (!this.enabled) return;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 30));
    const filled = Math.round((this.done / this.total) * width);
    this.stream.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${this.label}`,
    );
  }

  /** Ends the bar's line. */
  finish(): void {
    if (this.enabled) this.stream.write('\n');
  }
}
