// Prints one plain closing line that any CI log reader understands: "tests: N passed, N failed".
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numFailedTestSuites } = results
    const skipped = numPendingTests ? `, ${numPendingTests} skipped` : ''
    const brokenSuites = numFailedTestSuites ? ` (${numFailedTestSuites} suites failed)` : ''
    process.stdout.write(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed${skipped}${brokenSuites}\n`)
  }
}
module.exports = SummaryReporter
