/** The CLI's own small formatters: YAML, durations, the TTY-only progress bar. */
import { parse } from 'yaml';
import { formatAge } from '../../src/cli/format/duration';
import { parseDurationMs, parsePointInTime } from '../../src/http/duration';
import { toYaml } from '../../src/cli/format/yaml';
import { ProgressBar } from '../../src/cli/progress-bar';

describe('toYaml', () => {
  it('quotes strings that plain YAML would read as something else, and nests', () => {
    const text = toYaml({
      a: 'true',
      b: '12',
      c: 'plain text',
      d: '<script>',
      e: [1, { f: null }],
      g: {},
      h: '',
    });
    expect(text).toBe(
      'a: "true"\nb: "12"\nc: plain text\nd: <script>\ne:\n  - 1\n  - f: null\ng: {}\nh: ""\n',
    );
  });

  it('emits valid YAML for strings ending in a colon or looking like other scalars', () => {
    const value = {
      note: 'reason:',
      key: 'a: b',
      yes: 'yes',
      hash: 'x #y',
      multi: 'one\ntwo',
      dash: '- item',
    };
    expect(parse(toYaml(value))).toEqual(value);
  });
});

describe('durations (one parser for the CLI and the HTTP API)', () => {
  it('parses units up to weeks, compounds and ISO 8601 durations', () => {
    expect(parseDurationMs('1h30m', 'x')).toBe(5_400_000);
    expect(parseDurationMs('250ms', 'x')).toBe(250);
    expect(parseDurationMs('1.5m', 'x')).toBe(90_000);
    expect(parseDurationMs('7d', 'x')).toBe(7 * 86_400_000);
    expect(parseDurationMs('2w', 'x')).toBe(14 * 86_400_000);
    expect(parseDurationMs('PT1H30M', 'x')).toBe(5_400_000);
    expect(parseDurationMs('P1D', 'x')).toBe(86_400_000);
    expect(formatAge(3 * 86_400_000)).toBe('3d');
  });

  it('takes a bare number as milliseconds for HTTP and rejects it where the CLI asks', () => {
    expect(parseDurationMs('5000', 'wait')).toBe(5000);
    expect(() => parseDurationMs('10', '--filter-max-age', { bareNumber: 'reject' })).toThrow(
      /--filter-max-age: '10' is not a duration/,
    );
    expect(() => parseDurationMs('soon', 'wait')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => parseDurationMs('P', 'x')).toThrow(/not a duration/);
  });

  it('reads a point in time as an ISO timestamp or a duration from now', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(parsePointInTime('2026-01-31T12:00:00Z', '--start-time', 1, now).toISOString()).toBe(
      '2026-01-31T12:00:00.000Z',
    );
    expect(parsePointInTime('1d', '--filter-max-age', -1, now).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(parsePointInTime('2h', '--start-time', 1, now).toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(() => parsePointInTime('tomorrow', '--start-time', 1, now)).toThrow(/--start-time: 'tomorrow'/);
  });
});

describe('ProgressBar', () => {
  const stream = (
    isTTY: boolean,
  ): { isTTY: boolean; columns: number; written: string[]; write(t: string): boolean } => ({
    isTTY,
    columns: 50,
    written: [] as string[],
    write(t: string) {
      this.written.push(t);
      return true;
    },
  });

  it('draws in place on a TTY', () => {
    const tty = stream(true);
    const bar = new ProgressBar(4, 'purged', { stream: tty, delayMs: 0 });
    for (let i = 0; i < 4; i += 1) bar.tick();
    bar.finish();
    expect(tty.written[1]).toBe('\r[##########----------] 2/4 purged');
    expect(tty.written[4]).toBe('\n');
  });

  it('prints nothing when the output is not a TTY', () => {
    const pipe = stream(false);
    const bar = new ProgressBar(4, 'purged', { stream: pipe, delayMs: 0 });
    bar.tick();
    bar.finish();
    expect(pipe.written).toEqual([]);
  });

  it('stays quiet while the work is quick, then counts when the total is unknown', () => {
    const tty = stream(true);
    let clock = 0;
    const bar = new ProgressBar(undefined, 'listed', { stream: tty, delayMs: 300, now: () => clock });
    bar.tick(500);
    expect(tty.written).toEqual([]);
    clock = 400;
    bar.tick(500);
    expect(tty.written).toEqual(['\r1000 listed…']);
    bar.finish();
    expect(tty.written[1]).toMatch(/^\r +\r$/);
  });

  it('draws on stderr by default, never on stdout', () => {
    const bar = new ProgressBar(2, 'purged');
    expect((bar as unknown as { stream: unknown }).stream).toBe(process.stderr);
  });
});
