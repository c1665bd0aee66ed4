import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './build';

/** What a CLI run printed and how it exited. */
export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs `node bin/weft.js …` as a subprocess without blocking this process's event loop (a runtime in the
 * test process keeps working meanwhile).
 *
 * @param args - the arguments
 * @param options - extra environment, working directory
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'weft.js'), ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, WEFT_DB: '', ...options.env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}

/**
 * Splits a printed table into rows of cells, cutting each line at the columns' start positions in the
 * header line (headings are separated by 3 spaces and contain at most single spaces).
 */
export function parseTable(text: string): string[][] {
  const lines = text.trimEnd().split('\n');
  const starts: number[] = [];
  const heading = /\S+(?: \S+)*/g;
  for (let m = heading.exec(lines[0]); m; m = heading.exec(lines[0])) starts.push(m.index);
  return lines.map((line) =>
    starts.map((start, i) => line.slice(start, i + 1 < starts.length ? starts[i + 1] : undefined).trim()),
  );
}
