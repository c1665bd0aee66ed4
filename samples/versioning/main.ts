/**
 * The versioning sample: `npm run sample:versioning`. Three deploys of an order app on one SQLite file,
 * with instances in flight across them; prints what each instance does, then exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeployScenario } from './deploy.scenario';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-versioning-'));
  try {
    await runDeployScenario(process.env.WEFT_DB ?? join(dir, 'versioning.db'), console.log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
