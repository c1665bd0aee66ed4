'use strict';
/**
 * Jest reporter that writes the run's totals as one line, `tests: N passed, N failed`, to the file named by
 * WEFT_TEST_SUMMARY (CI prints it; jest's own summary is not read there).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.WEFT_TEST_SUMMARY;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed\n`;
    require('node:fs').writeFileSync(file, line);
  }
}
module.exports = SummaryReporter;
