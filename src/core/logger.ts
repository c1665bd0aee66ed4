/** Where Weft and workflow code write diagnostics. `console` satisfies it. */
export interface Logger {
  /** Verbose detail. */
  debug(message: string, ...args: unknown[]): void;
  /** Normal operation. */
  info(message: string, ...args: unknown[]): void;
  /** Something unexpected that Weft handled. */
  warn(message: string, ...args: unknown[]): void;
  /** A failure. */
  error(message: string, ...args: unknown[]): void;
}

/** A logger that writes nothing. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Wraps a logger so it writes only while `active()` is true: the workflow logger is silent during replay. */
export function gatedLogger(inner: Logger, active: () => boolean): Logger {
  return {
    debug: (m, ...a) => active() && inner.debug(m, ...a),
    info: (m, ...a) => active() && inner.info(m, ...a),
    warn: (m, ...a) => active() && inner.warn(m, ...a),
    error: (m, ...a) => active() && inner.error(m, ...a),
  };
}
