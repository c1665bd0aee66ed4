/**
 * Finds a Chromium for the browser tests (playwright-core drives it): a system browser when one is installed,
 * else the one the `@sparticuz/chromium` dev dependency ships inside its npm tarball, so `npm install && npm test`
 * needs no apt step and no download at install time.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** What to pass to playwright-core's `chromium.launch`. */
export interface ChromiumLaunch {
  /** Absolute path of the browser binary. */
  executablePath: string;
  /** Where it came from: `env` (`$WEFT_CHROMIUM`), `system`, or `npm` (`@sparticuz/chromium`). */
  source: 'env' | 'system' | 'npm';
  /** Environment for the browser process (the npm build needs its bundled NSS libraries and fonts). */
  env?: Record<string, string>;
}

/** System locations checked in order (Debian's `chromium`, Ubuntu's, Google Chrome). */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * The npm package is ESM-only and extracts itself asynchronously, so a child Node process does it and prints
 * the binary's path and the directory of the NSS libraries it bundles (for machines without libnss3).
 */
const EXTRACT_SCRIPT = `
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The package unpacks its Amazon Linux libraries (NSS) only where it believes it runs on AWS Lambda.
process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs20.x';
const libDir = join(tmpdir(), 'al2023', 'lib');
// A browser unpacked earlier without those libraries is unpacked again, with them.
if (!existsSync(libDir)) rmSync(join(tmpdir(), 'chromium'), { force: true });
const mod = await import('@sparticuz/chromium');
const executablePath = await mod.default.executablePath();
process.stdout.write(JSON.stringify({ executablePath, libDir, fontDir: join(tmpdir(), 'fonts') }));
`;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

let cached: ChromiumLaunch | undefined;

/**
 * Resolves the browser: `$WEFT_CHROMIUM` if set, else the first system browser found, else `@sparticuz/chromium`
 * (extracted once to the OS temp directory; later calls reuse it). Launch it with `--no-sandbox` (the npm build
 * has no setuid sandbox).
 * @param options.preferNpm skip the system browsers (used by the test that proves the npm path works)
 * @throws Error when no system browser exists and the npm package cannot be extracted
 */
export function resolveChromium(options: { preferNpm?: boolean } = {}): ChromiumLaunch {
  if (!options.preferNpm) {
    const fromEnv = process.env.WEFT_CHROMIUM;
    if (fromEnv) return { executablePath: fromEnv, source: 'env' };
    const system = SYSTEM_BROWSERS.find(isExecutable);
    if (system) return { executablePath: system, source: 'system' };
  }
  if (cached) return cached;
  const root = join(__dirname, '..', '..');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', EXTRACT_SCRIPT], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`could not extract @sparticuz/chromium: ${result.stderr || result.error?.message}`);
  }
  const found = JSON.parse(result.stdout) as { executablePath: string; libDir: string; fontDir: string };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env.LD_LIBRARY_PATH = [found.libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  env.FONTCONFIG_PATH = process.env.FONTCONFIG_PATH ?? found.fontDir;
  cached = { executablePath: found.executablePath, source: 'npm', env };
  return cached;
}

/**
 * The `executablePath` (and `env` for the npm build) to spread into playwright-core's `chromium.launch` options.
 * Pass `--no-sandbox` in `args` as well.
 */
export function chromiumLaunchOptions(): { executablePath: string; env?: Record<string, string> } {
  const { executablePath, env } = resolveChromium();
  return env ? { executablePath, env } : { executablePath };
}
