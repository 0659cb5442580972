/**
 * `npm start`: serve the built app (build/index.js, public/) on HOST:PORT, loopback by default.
 * README "Deploying" says how to serve a network.
 *
 * With more than one worker (`CASEBOOK_WORKERS`, default one: config.server.ts) this
 * process forks that many serving processes over the one port (node:cluster) and serves nothing
 * itself: it starts them, replaces one that dies, relays "a new build was written" between them
 * and stops them on SIGTERM/SIGINT.
 */
import cluster, { type Worker } from 'node:cluster'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { broadcastDevReady, type ServerBuild } from '@remix-run/node'
import { formSecret, listenHost, listenPort, NEW_BUILD_MESSAGE, serveWorkers } from '../models/config.server'
import { createApp } from './app.server'

interface EntryHooks {
  warmStore?: () => Promise<void>
  refreshStore?: () => Promise<void>
}

// Made before the first request (and before forking: the workers inherit it), so every process
// and the built app's modules sign form tokens with one key.
formSecret()
// `remix dev` rebuilds and reloads one server process.
const workers = process.env.NODE_ENV === 'development' ? 1 : serveWorkers()
if (cluster.isPrimary && workers > 1) supervise(workers)
else await serve()

async function serve(): Promise<void> {
  const root = process.cwd()
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild
  const hooks = build.entry.module as EntryHooks
  const mode = process.env.NODE_ENV === 'development' ? 'development' : 'production'
  const host = listenHost()
  const app = createApp({ build, host, publicDir: path.join(root, 'public'), mode })
  const server = app.listen(listenPort(), host, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : listenPort()
    if (!cluster.isWorker || cluster.worker?.id === 1) console.log(`casebook: serving http://${host.includes(':') ? `[${host}]` : host}:${port}`)
    if (mode === 'development') void broadcastDevReady(build)
    // Open the store and run one search now rather than on the first reader's request.
    void hooks.warmStore?.()
  })
  process.on('message', (message: { type?: string } | null) => {
    if (message?.type === NEW_BUILD_MESSAGE) void hooks.refreshStore?.()
  })
  // Uploads hold a write lock on the store: finish what is in flight, then exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)))
}

function supervise(count: number): void {
  console.log(`casebook: ${count} serving processes (CASEBOOK_WORKERS)`)
  let stopping = false
  const live = new Set<Worker>()
  const start = () => {
    const worker = cluster.fork()
    live.add(worker)
    let served = false
    worker.once('listening', () => (served = true))
    worker.once('exit', (code, signal) => {
      live.delete(worker)
      // Replaced only if it had served: one that cannot start (port taken, no build) would
      // otherwise be restarted in a loop.
      if (!stopping && served) {
        console.error(`casebook: a serving process exited (${signal ?? code}); starting another`)
        start()
      } else if (live.size === 0) process.exit(stopping ? 0 : 1)
    })
  }
  for (let i = 0; i < count; i++) start()
  cluster.on('message', (from, message: { type?: string } | null) => {
    if (message?.type === NEW_BUILD_MESSAGE) for (const worker of live) if (worker !== from) worker.send(message)
  })
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true
      for (const worker of live) worker.process.kill('SIGTERM')
    })
  }
}
