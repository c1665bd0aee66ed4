import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds and serves the dashboard's browser files: the page script (ES modules compiled from
 * `src/dashboard/client/*.ts`) and the stylesheet (`src/dashboard/assets/dashboard.css`).
 *
 * A packaged build holds them as `dist/src/dashboard/client/*.js` and `dist/src/dashboard/assets/*.css`
 * (`npm run build` compiles them with `src/dashboard/client/tsconfig.json`). Run from the sources (ts-jest,
 * ts-node) or from a `dist/` built without that step, the `.ts` sources are compiled on first request with
 * the TypeScript compiler, when it is installed.
 */
export class ClientAssets {
  private readonly cache = new Map<string, string>();
  private readonly dirs: string[];

  /** @param here - the folder of the dashboard module (`__dirname`) */
  constructor(here: string = __dirname) {
    this.dirs = [here, join(here, '..', '..', '..', 'src', 'dashboard')];
  }

  /**
   * The compiled script module `name` (e.g. `main.js`); undefined for a name that is not one of them.
   */
  script(name: string): string | undefined {
    if (!/^[a-z][a-z-]*\.js$/.test(name)) return undefined;
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const base = name.slice(0, -3);
    let text: string | undefined;
    for (const dir of this.dirs) {
      const ts = join(dir, 'client', `${base}.ts`);
      const js = join(dir, 'client', `${base}.js`);
      if (existsSync(ts)) {
        text = transpile(readFileSync(ts, 'utf8'), ts);
        break;
      }
      if (existsSync(js)) {
        text = readFileSync(js, 'utf8');
        break;
      }
    }
    if (text === undefined) return undefined;
    this.cache.set(name, text);
    return text;
  }

  /**
   * The stylesheet.
   *
   * @throws Error when the build lacks it (a 500: the package is broken, not the request)
   */
  styles(): string {
    const cached = this.cache.get('dashboard.css');
    if (cached !== undefined) return cached;
    for (const dir of this.dirs) {
      const file = join(dir, 'assets', 'dashboard.css');
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8');
        this.cache.set('dashboard.css', text);
        return text;
      }
    }
    throw new Error('The dashboard stylesheet is missing from this build.');
  }
}

function transpile(source: string, fileName: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ES2020, removeComments: false },
  }).outputText;
}
