/**
 * `weft new` scaffolds each template into a temp folder; the project is linked to this Weft (and to this
 * repository's jest, ts-jest and typescript, without a network install) and its own `npm test` and
 * `npm run build` must pass.
 */
import { execFile } from 'node:child_process';
import {
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
import { dirname, join } from 'node:path';
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
  symlinkSync(REPO_ROOT, join(modules, 'weft'), 'dir');
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
    execFile('npm', args, { cwd, env, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        output: stdout + stderr,
      });
    });
  });
}

describe.each(['worker', 'express'])('weft new --template %s', (template) => {
  it('scaffolds a project whose tests and build pass against this Weft', async () => {
    const project = join(dir, `my-${template}-app`);
    const created = await runCli(['new', project, '--template', template]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`from the ${template} template`);
    expect(created.stdout).toContain('npm test\n  npm start\n');

    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    const weftVersion = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;
    expect(manifest.name).toBe(`my-${template}-app`);
    expect(manifest.dependencies.weft).toBe(`^${weftVersion}`);
    expect(existsSync(join(project, '.gitignore'))).toBe(true);
    expect(existsSync(join(project, 'src/activities/send-greeting.activity.ts'))).toBe(true);
    expect(existsSync(join(project, template === 'express' ? 'src/app.ts' : 'src/main.ts'))).toBe(true);
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    expect(readme).toContain(`# my-${template}-app`);
    expect(readme).toMatch(/npm test .*\nnpm start /);
    expect(readme).not.toContain('{{');

    linkDependencies(project);
    const test = await npm(['test'], project);
    expect(test.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(test.code).toBe(0);
    const build = await npm(['run', 'build'], project);
    expect(build.output).not.toContain('error TS');
    expect(build.code).toBe(0);
  }, 240_000);
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
