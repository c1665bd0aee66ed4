import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ValidationError } from '../errors';

/** The names Weft's package has had on npm; the first is current. */
const PACKAGE_NAMES = ['weft-workflows', 'weft'];

/** The project templates `weft new` offers. */
export const TEMPLATE_NAMES = ['worker', 'express'] as const;

/** One of {@link TEMPLATE_NAMES}. */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Files whose names npm would drop or rewrite when publishing are stored under another name. */
const RENAMES: Record<string, string> = { _gitignore: '.gitignore' };

/** Finds the package's root (the folder with Weft's package.json and templates/), walking up from here. */
export function findPackageRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'templates'))) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name !== undefined && PACKAGE_NAMES.includes(name)) return dir;
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find Weft's templates/ folder above ${start}.`);
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/**
 * Turns a folder name into an npm package name (lower case, dashes).
 *
 * @param dir - the target folder
 */
export function projectNameFor(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name || 'weft-app';
}

/** Where a scaffold gets Weft from. */
export interface ScaffoldOptions {
  /**
   * A local Weft checkout: `npm pack` runs there (building it) and the tarball goes to `<targetDir>/vendor/`,
   * which the project's package.json depends on as `file:vendor/<tarball>`. A packed tarball has no
   * node_modules of its own, so the app and Weft share one tsyringe container (a linked checkout would not).
   */
  weftFrom?: string;
}

/**
 * Packs a Weft checkout into `destination` with `npm pack` (whose `prepare` script builds it).
 *
 * @param checkout - the checkout's folder (with Weft's package.json)
 * @param destination - created when missing
 * @returns the tarball's file name
 * @throws {@link ValidationError} when the folder is not a Weft checkout or `npm pack` fails
 */
export function packCheckout(checkout: string, destination: string): string {
  const root = resolve(checkout);
  const manifest = join(root, 'package.json');
  const name = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name
    : undefined;
  if (name === undefined || !PACKAGE_NAMES.includes(name)) {
    throw new ValidationError(
      `--weft-from: ${root} is not a Weft checkout (no package.json named ${PACKAGE_NAMES[0]}).`,
    );
  }
  mkdirSync(destination, { recursive: true });
  const before = new Set(readdirSync(destination));
  try {
    execFileSync('npm', ['pack', '--pack-destination', destination, '--silent'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new ValidationError(`--weft-from: npm pack failed in ${root}: ${stderr.trim() || String(err)}`);
  }
  const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz') && !before.has(file));
  if (!tarball) throw new ValidationError(`--weft-from: npm pack in ${root} wrote no tarball.`);
  return tarball;
}

/**
 * Copies `templates/common` and `templates/<template>` into `targetDir`, filling in the project name and
 * Weft's package name and version (or, with `options.weftFrom`, a packed local checkout).
 *
 * @param targetDir - created when missing; must be empty when it exists
 * @param template - which template
 * @param options - see {@link ScaffoldOptions}
 * @returns the files written, relative to `targetDir`
 * @throws {@link ValidationError} for an unknown template, a non-empty folder, a path that is a file, or a
 *   `weftFrom` that cannot be packed
 */
export function scaffoldProject(
  targetDir: string,
  template: string,
  options: ScaffoldOptions = {},
): string[] {
  if (!(TEMPLATE_NAMES as readonly string[]).includes(template)) {
    throw new ValidationError(`Unknown template '${template}'. Available: ${TEMPLATE_NAMES.join(', ')}.`);
  }
  const target = resolve(targetDir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new ValidationError(`${target} exists and is not a folder.`);
    if (readdirSync(target).length > 0) {
      throw new ValidationError(`${target} is not empty. Choose a new or empty folder; nothing was written.`);
    }
  }
  const root = findPackageRoot();
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const written: string[] = [];
  let weftDependency = `^${version}`;
  if (options.weftFrom !== undefined) {
    const tarball = packCheckout(options.weftFrom, join(target, 'vendor'));
    weftDependency = `file:vendor/${tarball}`;
    written.push(join('vendor', tarball));
  }
  const values: Record<string, string> = {
    projectName: projectNameFor(target),
    weftPackage: name,
    weftVersion: version,
    weftDependency,
  };
  for (const source of [join(root, 'templates', 'common'), join(root, 'templates', template)]) {
    for (const file of listFiles(source)) {
      const rel = relative(source, file);
      const name = RENAMES[basename(rel)] ?? basename(rel);
      const destination = join(target, dirname(rel), name);
      const text = readFileSync(file, 'utf8').replace(
        /\{\{(\w+)\}\}/g,
        (match, key: string) => values[key] ?? match,
      );
      mkdirSync(dirname(destination), { recursive: true });
      writeFileSync(destination, text);
      written.push(relative(target, destination));
    }
  }
  return written.sort();
}
