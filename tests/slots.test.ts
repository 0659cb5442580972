/**
 * Slots: how many heavy exports run at once, and `holding`, which takes a slot only while a
 * stream is being read and always gives it back.
 */
import { describe, expect, it } from 'vitest'
import { Slots, holding } from '~/models/slots.server'

/** Lets every promise already settled run its callbacks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function* letters(log: string[], fail = false): AsyncGenerator<string> {
  for (const letter of ['a', 'b', 'c']) {
    log.push(letter)
    yield letter
    if (fail) throw new Error('the store went away')
  }
}

describe('given slots of size 2', () => {
  it('lets two in at once, and the third only when one gives its slot back', async () => {
    const slots = new Slots(2)
    const first = await slots.acquire()
    await slots.acquire()
    let third = false
    const waiting = slots.acquire().then((release) => ((third = true), release))
    await settle()
    expect([slots.busy, slots.queued, third]).toEqual([2, 1, false])
    first()
    await waiting
    expect([slots.busy, slots.queued, third]).toEqual([2, 0, true])
  })

  it('hands slots on in the order they were asked for', async () => {
    const slots = new Slots(1)
    const held = await slots.acquire()
    const order: number[] = []
    const all = [1, 2, 3].map((n) => slots.acquire().then((release) => (order.push(n), release())))
    held()
    await Promise.all(all)
    expect(order).toEqual([1, 2, 3])
    expect([slots.busy, slots.queued]).toEqual([0, 0])
  })

  it('counts a slot given back twice only once', async () => {
    const slots = new Slots(2)
    const release = await slots.acquire()
    await slots.acquire()
    release()
    release()
    expect(slots.busy).toBe(1)
  })
})

describe('given a stream made while holding a slot', () => {
  it('takes no slot before the first read and gives it back at the end', async () => {
    const slots = new Slots(1)
    const log: string[] = []
    const stream = holding(slots, () => letters(log))
    await settle()
    expect([slots.busy, log]).toEqual([0, []])
    const read: string[] = []
    for await (const letter of stream) {
      expect(slots.busy).toBe(1)
      read.push(letter)
    }
    expect(read).toEqual(['a', 'b', 'c'])
    expect(slots.busy).toBe(0)
  })

  it('gives the slot back when the reader stops early, and makes nothing more', async () => {
    const slots = new Slots(1)
    const log: string[] = []
    for await (const letter of holding(slots, () => letters(log))) if (letter === 'a') break
    expect(log).toEqual(['a'])
    expect(slots.busy).toBe(0)
  })

  it('gives the slot back when the source fails, and the next one waiting gets it', async () => {
    const slots = new Slots(1)
    const failing = holding(slots, () => letters([], true))
    await failing.next()
    const next = holding(slots, () => letters([]))[Symbol.asyncIterator]().next()
    await expect(failing.next()).rejects.toThrow('the store went away')
    expect((await next).value).toBe('a')
  })
})
