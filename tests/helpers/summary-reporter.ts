import type { Reporter } from 'vitest/reporters'
import type { RunnerTestFile } from 'vitest'

type Task = RunnerTestFile['tasks'][number]

function count(tasks: Task[], tally: { passed: number; failed: number; skipped: number }): void {
  for (const task of tasks) {
    if (task.type === 'suite') count(task.tasks, tally)
    else if (task.result?.state === 'pass') tally.passed++
    else if (task.result?.state === 'fail') tally.failed++
    else tally.skipped++
  }
}

/**
 * Ends the run with the plain "N passed, N failed" line that CI reads in any language, after
 * vitest's own summary.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const tally = { passed: 0, failed: 0, skipped: 0 }
    count(files, tally)
    // A file that failed to load has no tests but is a failure all the same.
    const failed = tally.failed + files.filter((f) => f.result?.state === 'fail' && !f.tasks.length).length + errors.length
    process.stdout.write(`\n${tally.passed} passed, ${failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}\n`)
  }
}
