/** Where a progress bar writes: a TTY stream (only `write`, `isTTY` and `columns` are used). */
export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** Tuning of a {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Where to draw; default stderr, so stdout stays the command's output (pipeable into jq or yq). */
  stream?: ProgressStream;
  /**
   * Nothing is drawn until the work has taken this long (ms); default `$WEFT_PROGRESS_DELAY_MS` or 300, so
   * quick commands stay quiet.
   */
  delayMs?: number;
  /** The clock, in ms (tests pass their own). */
  now?: () => number;
}

/**
 * A one-line progress indicator redrawn in place: `[#####-----] 12/40 purged` when the total is known, else a
 * running count `1500 listed…`. It draws only on a TTY and only once the work has taken more than a moment,
 * so piped output, tests and quick commands see nothing of it.
 */
export class ProgressBar {
  private done = 0;
  private drawn = false;
  private readonly enabled: boolean;
  private readonly stream: ProgressStream;
  private readonly delayMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;

  /**
   * @param total - the number of steps, or undefined when unknown (a running count is shown)
   * @param label - what a step is, shown after the count
   * @param options - see {@link ProgressBarOptions}
   */
  constructor(
    private readonly total: number | undefined,
    private readonly label: string,
    options: ProgressBarOptions = {},
  ) {
    this.stream = options.stream ?? process.stderr;
    this.delayMs = options.delayMs ?? Number(process.env.WEFT_PROGRESS_DELAY_MS ?? 300);
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.enabled = Boolean(this.stream.isTTY) && (total === undefined || total > 1);
  }

  /** Advances by `steps` (default one) and redraws. */
  tick(steps = 1): void {
    this.done = this.total === undefined ? this.done + steps : Math.min(this.total, this.done + steps);
    if (!this.enabled || this.now() - this.startedAt < this.delayMs) return;
    this.drawn = true;
    this.stream.write(`\r${this.line()}`);
  }

  /** Ends the bar's line (clears it when the count was open-ended). */
  finish(): void {
    if (!this.drawn) return;
    this.stream.write(this.total === undefined ? `\r${' '.repeat(this.line().length)}\r` : '\n');
  }

  private line(): string {
    if (this.total === undefined) return `${this.done} ${this.label}…`;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 30));
    const filled = Math.round((this.done / this.total) * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${this.label}`;
  }
}
