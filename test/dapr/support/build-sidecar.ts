import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '../../..');

function listFiles(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listFiles(path, out);
    else if (/\.(ts|proto)$/.test(name)) out.push(path);
  }
}

/**
 * Compiles the sidecar entry (and what it imports) with tsc into a cache folder keyed by the sources'
 * hash, once per change. Type checking is left to `tsc --noEmit`; this only transpiles. The folder lies
 * inside the repository so the compiled code finds `proto/` and `node_modules/` by walking up.
 *
 * @returns the path of the compiled `sidecar-entry.js`
 */
export function buildSidecarEntry(): string {
  const files: string[] = [];
  for (const dir of ['src', 'proto', 'test/dapr/support']) listFiles(join(REPO_ROOT, dir), files);
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(file).update(readFileSync(file));
  const cacheRoot = join(REPO_ROOT, 'node_modules', '.cache', 'weft-dapr-tests');
  const outDir = join(cacheRoot, hash.digest('hex').slice(0, 16));
  const entry = join(outDir, 'test', 'dapr', 'support', 'sidecar-entry.js');
  if (existsSync(entry)) return entry;
  mkdirSync(cacheRoot, { recursive: true });
  const tmpDir = `${outDir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--noCheck',
      '--outDir',
      tmpDir,
      '--rootDir',
      REPO_ROOT,
      '--module',
      'commonjs',
      '--moduleResolution',
      'node',
      '--target',
      'ES2022',
      '--experimentalDecorators',
      '--emitDecoratorMetadata',
      '--esModuleInterop',
      '--skipLibCheck',
      '--resolveJsonModule',
      '--types',
      'node',
      join(REPO_ROOT, 'test', 'dapr', 'support', 'sidecar-entry.ts'),
    ],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  try {
    renameSync(tmpDir, outDir);
  } catch {
    // Another test file built the same sources at the same time: use theirs.
    rmSync(tmpDir, { recursive: true, force: true });
  }
  return entry;
}
