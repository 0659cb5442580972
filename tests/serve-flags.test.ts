import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVER_ARGS, SERVER_NODE_FLAGS } from './helpers/app-server'

/**
 * The tests and benches start the server as `npm run serve` does, without npm in between: the
 * V8 flags must be the same in both places, or the benches measure a server users never run.
 */
describe('how the server is started', () => {
  it('gives node the same flags in `npm run serve` as the tests and benches do', () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../package.json'), 'utf8')) as { scripts: Record<string, string> }
    const words = pkg.scripts.serve.split(/\s+/)
    const node = words.indexOf('node')
    const flags = words.slice(node + 1, words.indexOf('--import'))
    expect(flags).toEqual(SERVER_NODE_FLAGS)
    expect(SERVER_ARGS.slice(0, SERVER_NODE_FLAGS.length)).toEqual(SERVER_NODE_FLAGS)
  })
})
