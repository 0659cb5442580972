/**
 * At most `size` holders at once; the others wait their turn, in arrival order. Heavy exports
 * take one for as long as they write (issue 11: four REFI-QDA exports at once each took four
 * times as long and slowed every search meanwhile; one at a time, the others just wait).
 */
export class Slots {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly size: number) {}

  /** Holders now; those waiting are `queued`. */
  get busy(): number {
    return this.active
  }

  get queued(): number {
    return this.waiting.length
  }

  /** Resolves with the function that gives the slot back (calling it again does nothing). */
  async acquire(): Promise<() => void> {
    if (this.active < this.size) this.active++
    // The releasing holder hands its slot straight on, so `active` stays as it was.
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    let held = true
    return () => {
      if (!held) return
      held = false
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}

/**
 * The items of `source`, made only while holding a slot: taken at the first read (a response
 * nobody reads, as for HEAD, takes none), given back at the end, on an error, or when the reader
 * goes away (the stream is destroyed and this generator returns).
 */
export async function* holding<T>(slots: Slots, source: () => AsyncIterable<T>): AsyncGenerator<T> {
  const release = await slots.acquire()
  try {
    yield* source()
  } finally {
    release()
  }
}
