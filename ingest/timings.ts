/**
 * Seconds spent per ingest stage, for the summary `casebook ingest` prints: the time a thread was
 * busy with the stage. Waits for file I/O (a case file's fsync) overlap other work and are not
 * counted; a report is read, and a case file opened and written, on the stage's thread. Stages
 * that run in worker threads (read, clean, extract, write) add up the time of every worker, so on
 * a multi-core run they can sum to more than the wall time.
 */
export const STAGES = ['read', 'clean', 'extract', 'write', 'embed', 'index', 'compact'] as const
export type Stage = (typeof STAGES)[number]

export type StageSeconds = Record<Stage, number>

export class StageTimes {
  readonly ms: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>

  /** Runs `fn`, adding its duration to `stage`. */
  time<T>(stage: Stage, fn: () => T): T {
    const start = performance.now()
    try {
      return fn()
    } finally {
      this.ms[stage] += performance.now() - start
    }
  }

  async timeAsync<T>(stage: Stage, fn: () => Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await fn()
    } finally {
      this.ms[stage] += performance.now() - start
    }
  }

  /** Adds durations measured elsewhere (a worker's share). */
  add(ms: Partial<Record<Stage, number>>): void {
    for (const s of STAGES) this.ms[s] += ms[s] ?? 0
  }

  seconds(): StageSeconds {
    return Object.fromEntries(STAGES.map((s) => [s, Math.round(this.ms[s] / 100) / 10])) as StageSeconds
  }
}
