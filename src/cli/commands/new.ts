import { Option } from 'commander';
import type { Command } from 'commander';
import { relative } from 'node:path';
import { scaffoldProject, TEMPLATE_NAMES } from '../scaffold';

/** `weft new <dir> [--template worker|express]`: scaffolds a project. */
export function registerNewCommand(program: Command): void {
  program
    .command('new')
    .description('create a project from a template: a workflow, an activity with a service, a test')
    .argument('<dir>', 'a new or empty folder')
    .addOption(
      new Option('-t, --template <name>', 'project template').choices(TEMPLATE_NAMES).default('worker'),
    )
    .option(
      '--weft-from <path>',
      'use a local Weft checkout: pack it into <dir>/vendor/ and depend on the tarball (file:)',
    )
    .action((dir: string, options: { template: string; weftFrom?: string }) => {
      const files = scaffoldProject(dir, options.template, { weftFrom: options.weftFrom });
      const shown = relative(process.cwd(), dir) || '.';
      // Steps that paste into a shell: no `cd .`, and a folder name with spaces or quotes quoted.
      const quoted = /^[\w./@+-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
      const cd = shown === '.' ? '' : `  cd ${quoted}\n`;
      process.stdout.write(
        `Created ${shown} from the ${options.template} template (${files.length} files).\n\n` +
          `${cd}  npm install\n  npm test\n  npm start\n`,
      );
    });
}
