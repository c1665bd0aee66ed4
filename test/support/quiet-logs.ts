/**
 * Jest setup (each test file, before it runs): Weft's components created without a logger write to a silent
 * one, so the expected failures tests provoke (failed activity attempts, refused work, stopped streams) do not
 * fill the run's output. Only in this process: child processes (sidecars, the CLI, samples) keep `console`,
 * and their output stays in what tests capture. Set WEFT_LOG_LEVEL (e.g. `WEFT_LOG_LEVEL=warn npx jest …`) to
 * see the records; tests that pass their own logger are unaffected, and test failures are reported by jest.
 */
import { LOG_LEVEL_ENV, setDefaultLogger, silentLogger } from '../../src/core/logger';

if (!process.env[LOG_LEVEL_ENV]) setDefaultLogger(silentLogger);
