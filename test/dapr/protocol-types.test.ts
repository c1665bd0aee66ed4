/**
 * The wire types are generated from `proto/` by proto-loader's type generator (`npm run gen:proto`); this
 * regenerates them into a temp folder and fails when the committed copy differs, so they cannot drift from the
 * protocol files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const COMMITTED = join(ROOT, 'src/backends/dapr/protocol/generated');

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

it('src/backends/dapr/protocol/generated matches what gen:proto makes from proto/', () => {
  const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['gen:proto'] as string;
  const args = script.split(/\s+/).slice(1);
  const out = mkdtempSync(join(tmpdir(), 'weft-gen-'));
  try {
    const outIndex = args.indexOf('-O');
    args[outIndex + 1] = out;
    const bin = join(ROOT, 'node_modules/@grpc/proto-loader/build/bin/proto-loader-gen-types.js');
    execFileSync(process.execPath, [bin, ...args], { cwd: ROOT, stdio: 'pipe' });
    const fresh = filesUnder(out);
    const committed = filesUnder(COMMITTED);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, text] of fresh) expect({ file, text: committed.get(file) }).toEqual({ file, text });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
