/** The CLI's own small formatters: YAML, durations, the TTY-only progress bar. */
import { parseDuration, formatAge } from '../../src/cli/format/duration';
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
      'a: "true"\nb: "12"\nc: plain text\nd: "<script>"\ne:\n  - 1\n  - f: null\ng: {}\nh: ""\n',
    );
  });
});

describe('durations', () => {
  it('parses units and rejects other text', () => {
    expect(parseDuration('1h30m', 'x')).toBe(5_400_000);
    expect(parseDuration('250ms', 'x')).toBe(250);
    expect(() => parseDuration('10', '--filter-max-age')).toThrow(/--filter-max-age: '10' is not a duration/);
    expect(formatAge(3 * 86_400_000)).toBe('3d');
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
    const bar = new ProgressBar(4, 'purged', tty);
    for (let i = 0; i < 4; i += 1) bar.tick();
    bar.finish();
    expect(tty.written[1]).toBe('\r[##########----------] 2/4 purged');
    expect(tty.written[4]).toBe('\n');
  });

  it('prints nothing when the output is not a TTY', () => {
    const pipe = stream(false);
    const bar = new ProgressBar(4, 'purged', pipe);
    bar.tick();
    bar.finish();
    expect(pipe.written).toEqual([]);
  });
});
