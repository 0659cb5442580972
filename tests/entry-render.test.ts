import { createElement } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EntryContext } from '@remix-run/node'

// The page itself does not matter here, only what the render leaves behind once it is sent.
vi.mock('@remix-run/react', () => ({ RemixServer: () => createElement('p', null, '议事协商') }))

const { default: handleRequest } = await import('~/entry.server')

afterEach(() => {
  vi.useRealTimers()
})

describe('a page rendered by the server entry', () => {
  it('leaves no abort timer behind once it is rendered in full', async () => {
    // Only timers are faked: React schedules its own work with setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const response = await handleRequest(new Request('http://casebook.test/?q=x'), 200, new Headers(), { isSpaMode: false } as EntryContext, { nonce: 'n' })
    expect(await response.text()).toContain('议事协商')
    // A timer left pending would hold the render, and with it the page's loader data, for its
    // 5 s: under load, hundreds of pages' worth kept into the old generation.
    expect(vi.getTimerCount()).toBe(0)
  })

  it('sends a bot the whole page at once, again without a timer left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const request = new Request('http://casebook.test/', { headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } })
    const response = await handleRequest(request, 200, new Headers(), { isSpaMode: false } as EntryContext, {})
    expect(await response.text()).toContain('议事协商')
    expect(vi.getTimerCount()).toBe(0)
  })
})
