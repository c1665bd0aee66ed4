/**
 * `weft new` scaffolds each template into a temp folder and the project's own `npm test` and `npm run build`
 * must pass. The worker project is linked to this repository (quick, no install). The express project is
 * the issue's path end to end: `weft new --weft-from <repo>` packs this checkout into the project, and a real
 * `npm install --prefer-offline` installs the tarball and the rest from npm's cache (or the registry). Only
 * better-sqlite3's compile step is skipped (`--ignore-scripts`, then this repository's build of the same
 * version is copied in; compiling it from source takes minutes here); `npm rebuild` runs when the versions
 * differ.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ensureBuilt, REPO_ROOT } from '../cli/support/build';
import { runCli } from '../cli/support/run-cli';

const LINKED_PACKAGES = [
  'jest',
  'ts-jest',
  'typescript',
  'tsyringe',
  'reflect-metadata',
  'express',
  '@types/jest',
  '@types/node',
  '@types/express',
];

let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'weft-new-'));
}, 240_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Links the scaffolded project to this repository instead of installing from a registry. */
function linkDependencies(project: string): void {
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  symlinkSync(REPO_ROOT, join(modules, PACKAGE.name), 'dir');
  for (const name of LINKED_PACKAGES) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name), 'dir');
  }
  symlinkSync('../jest/bin/jest.js', join(modules, '.bin', 'jest'));
  symlinkSync('../typescript/bin/tsc', join(modules, '.bin', 'tsc'));
}

function npm(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', npm_config_update_notifier: 'false' };
  for (const key of Object.keys(env)) if (key.startsWith('JEST_')) delete env[key];
  return new Promise((resolve) => {
    execFile('npm', args, { cwd, env, timeout: 480_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        output: stdout + stderr,
      });
    });
  });
}

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

function versionOf(modules: string, name: string): string {
  return (JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** Gives the installed better-sqlite3 this repository's compiled driver when the versions match. */
async function provideSqliteDriver(project: string): Promise<void> {
  const modules = join(project, 'node_modules');
  if (versionOf(modules, 'better-sqlite3') === versionOf(join(REPO_ROOT, 'node_modules'), 'better-sqlite3')) {
    cpSync(join(REPO_ROOT, 'node_modules/better-sqlite3/build'), join(modules, 'better-sqlite3/build'), {
      recursive: true,
    });
  } else {
    const rebuilt = await npm(['rebuild', 'better-sqlite3'], project);
    expect(rebuilt.code).toBe(0);
  }
}

/** Every source map in the installed package names sources that the package ships. */
function unresolvedSourceMaps(packageDir: string): string[] {
  const missing: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.map')) {
        const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; sourceRoot?: string };
        for (const source of map.sources) {
          const target = resolve(dirname(path), map.sourceRoot ?? '', source);
          if (!existsSync(target)) missing.push(relative(packageDir, target));
        }
      }
    }
  };
  walk(join(packageDir, 'dist'));
  return missing;
}

describe.each(['worker', 'express'])('weft new --template %s', (template) => {
  const fromTarball = template === 'express';
  it(`scaffolds a project whose tests and build pass against this Weft (${
    fromTarball ? '--weft-from, npm install' : 'linked'
  })`, async () => {
    const project = join(dir, `my-${template}-app`);
    const created = await runCli([
      'new',
      project,
      '--template',
      template,
      ...(fromTarball ? ['--weft-from', REPO_ROOT] : []),
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`from the ${template} template`);
    expect(created.stdout).toContain('npm test\n  npm start\n');

    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    const tarball = `${PACKAGE.name}-${PACKAGE.version}.tgz`;
    expect(manifest.name).toBe(`my-${template}-app`);
    expect(manifest.dependencies[PACKAGE.name]).toBe(
      fromTarball ? `file:vendor/${tarball}` : `^${PACKAGE.version}`,
    );
    expect(existsSync(join(project, '.gitignore'))).toBe(true);
    expect(existsSync(join(project, 'src/activities/send-greeting.activity.ts'))).toBe(true);
    expect(existsSync(join(project, template === 'express' ? 'src/app.ts' : 'src/main.ts'))).toBe(true);
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    expect(readme).toContain(`# my-${template}-app`);
    expect(readme).toMatch(/npm test .*\nnpm start /);
    expect(readme).not.toContain('{{');

    if (fromTarball) {
      expect(existsSync(join(project, 'vendor', tarball))).toBe(true);
      const install = await npm(
        ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'],
        project,
      );
      expect(install.output).not.toMatch(/ERR!/);
      expect(install.code).toBe(0);
      await provideSqliteDriver(project);
      const installed = join(project, 'node_modules', PACKAGE.name);
      // One tsyringe for the app and Weft: the package brings none of its own (a peer dependency).
      expect(existsSync(join(installed, 'node_modules', 'tsyringe'))).toBe(false);
      expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
      expect(unresolvedSourceMaps(installed)).toEqual([]);
    } else {
      linkDependencies(project);
    }
    const test = await npm(['test'], project);
    expect(test.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(test.code).toBe(0);
    const build = await npm(['run', 'build'], project);
    expect(build.output).not.toContain('error TS');
    expect(build.code).toBe(0);
  }, 900_000);
});

describe('weft new refuses', () => {
  it('a folder that is not empty, writing nothing', async () => {
    const target = join(dir, 'busy');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const result = await runCli(['new', target]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      `weft: ${target} is not empty. Choose a new or empty folder; nothing was written.\n`,
    );
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('a --weft-from folder that is not a Weft checkout, naming it', async () => {
    const target = join(dir, 'from-elsewhere');
    const result = await runCli(['new', target, '--weft-from', dir]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`--weft-from: ${dir} is not a Weft checkout`);
    expect(existsSync(target)).toBe(false);
  });

  it('an unknown template', async () => {
    const result = await runCli(['new', join(dir, 'other'), '--template', 'django']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/argument 'django' is invalid. Allowed choices are worker, express/);
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });

  it('scaffolds into an existing empty folder', async () => {
    const target = join(dir, 'empty');
    mkdirSync(target);
    const result = await runCli(['new', target]);
    expect(result.code).toBe(0);
    expect(existsSync(join(target, 'src/workflows/greeting.workflow.ts'))).toBe(true);
  });
});
