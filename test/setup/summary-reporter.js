// Prints one plain closing line that any CI log reader understands: "tests: N passed, N failed".
// A suite that could not run at all counts as a failure, so a broken setup never reads as green.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const skipped = results.numPendingTests ? `, ${results.numPendingTests} skipped` : ''
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed${skipped}\n`)
  }
}
module.exports = SummaryReporter
