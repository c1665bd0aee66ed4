import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** Options of a sidecar child process. */
export interface SidecarProcessOptions {
  /** Database file. */
  db: string;
  /** Port; 0 (default) lets the OS choose. */
  port?: number;
  /** `--api-token`. */
  apiToken?: string;
  /** `--lease-ms`. */
  leaseMs?: number;
}

/** A `weft sidecar` running in a child process. */
export interface SidecarProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** SIGTERM, then waits for exit. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for exit. */
  kill(): Promise<void>;
}

/**
 * Starts `weft sidecar` (the real CLI, `bin/weft.js` on the dist/ that jest's global setup builds) in a
 * child process and waits for its "listening" line.
 *
 * @param options - db, port, token, lease
 * @returns the process and its port
 */
export async function startSidecarProcess(options: SidecarProcessOptions): Promise<SidecarProcess> {
  const args = [
    join(REPO_ROOT, 'bin', 'weft.js'),
    'sidecar',
    '--port',
    String(options.port ?? 0),
    '--db',
    options.db,
  ];
  if (options.apiToken !== undefined) args.push('--api-token', options.apiToken);
  if (options.leaseMs !== undefined) args.push('--lease-ms', String(options.leaseMs));
  const env = { ...process.env };
  delete env.DAPR_API_TOKEN;
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sidecar did not start: ${output}`)), 20_000);
    const onData = () => {
      const match = /listening on [^\s]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sidecar exited with ${code}: ${output}`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { port, child, output: () => output, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

/** A fresh temporary folder for database files, and its removal. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls `check` until it returns true (no timing assertion: the test's timeout bounds it). */
export async function until(check: () => Promise<boolean> | boolean, intervalMs = 50): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, intervalMs));
}
