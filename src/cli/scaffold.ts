import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ValidationError } from '../errors';

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
      if (name === 'weft') return dir;
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

/**
 * Copies `templates/common` and `templates/<template>` into `targetDir`, filling in the project name and
 * Weft's version.
 *
 * @param targetDir - created when missing; must be empty when it exists
 * @param template - which template
 * @returns the files written, relative to `targetDir`
 * @throws {@link ValidationError} for an unknown template, a non-empty folder or a path that is a file
 */
export function scaffoldProject(targetDir: string, template: string): string[] {
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
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const values: Record<string, string> = { projectName: projectNameFor(target), weftVersion: version };
  const written: string[] = [];
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
