/**
 * `npm start`: serve the built app (build/index.js, public/) on HOST:PORT, loopback by default.
 * README "Deploying" says how to serve a network.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { broadcastDevReady, type ServerBuild } from '@remix-run/node'
import { formSecret, listenHost, listenPort } from '../models/config.server'
import { createApp } from './app.server'

const root = process.cwd()
const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild
const mode = process.env.NODE_ENV === 'development' ? 'development' : 'production'
// Made before the first request, so the server's modules and the built app's sign with one key.
formSecret()
const host = listenHost()
const app = createApp({ build, host, publicDir: path.join(root, 'public'), mode })
const server = app.listen(listenPort(), host, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : listenPort()
  console.log(`casebook: serving http://${host.includes(':') ? `[${host}]` : host}:${port}`)
  if (mode === 'development') void broadcastDevReady(build)
  // Open the store and run one search now rather than on the first reader's request.
  void (build.entry.module as { warmStore?: () => Promise<void> }).warmStore?.()
})
// Uploads hold a write lock on the store: finish what is in flight, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)))
