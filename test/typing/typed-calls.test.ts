import { join } from 'node:path';
import ts from 'typescript';

/**
 * The types of `ctx.callActivity` / `ctx.callChildWorkflow`: given a class, the task's result type is the class's
 * `run` result (a new user's report: it was `unknown`, so every result needed a cast). Jest transpiles without
 * checking types, so this compiles a fixture with the project's settings and expects no diagnostics (its
 * `@ts-expect-error` lines must fail to compile).
 */
describe('typed workflow calls', () => {
  it('compiles the fixture: results typed from the class, the by-name forms unchanged', () => {
    const root = join(__dirname, '../..');
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram([join(__dirname, 'fixtures/typed-calls.ts')], {
      ...parsed.options,
      noEmit: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 60_000);
});
