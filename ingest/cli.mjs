/**
 * What `npm run casebook` runs: the CLI (./cli.ts) from an esbuild bundle under .cache/, rebuilt
 * when a source file it was built from (or package-lock.json) changes. Through tsx every module the
 * CLI loads (and each file of apache-arrow, LanceDB, OpenCC…) passes tsx's loader hooks on a thread
 * of their own: ~1.3 s of CPU and a second or more of wall time before an ingest can start its stream.
 *
 * The bundle splits at the CLI's dynamic imports, so a command still loads only its own modules
 * and packages. The ingest worker thread (ingest/corpus/worker.ts) is a bundle of its own beside
 * it, with its packages inside: a worker otherwise resolves, reads and compiles ~470 package files
 * one by one through the ES module loader before its first report (~0.2 s of CPU a worker). The
 * pool (ingest/corpus/pool.ts) otherwise bundles it with esbuild on every run to learn its hash,
 * ~0.3 s of CPU and ~0.5 s of wall time before a worker can start. Each source file keeps its own
 * `import.meta.url` (files are found relative to their source, as under tsx). Where no bundle can be
 * made or read (.cache not writable, esbuild missing), the CLI runs through tsx as before.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = join(ROOT, 'ingest/cli.ts')
const WORKER = join(ROOT, 'ingest/corpus/worker.ts')
/** Dependencies change only through the lock file: the worker bundle holds their code. */
const LOCK = 'package-lock.json'
/** Where the pool finds the bundled worker (the same key in ingest/corpus/pool.ts). */
const WORKER_KEY = Symbol.for('casebook.ingest-worker')
const CACHE = join(ROOT, '.cache/cli')
/** Names the current bundle and the size and mtime of every source file it was built from. */
const STAMP = join(CACHE, 'current.json')

/** A source file's size and mtime: any edit (or a checkout) changes one. */
function stamp(file) {
  const s = statSync(join(ROOT, file), { throwIfNoEntry: false })
  return s ? `${s.size}:${s.mtimeMs}` : 'gone'
}

/** The directory of a bundle still matching its sources, or null. */
function current() {
  try {
    const { dir, inputs } = JSON.parse(readFileSync(STAMP, 'utf8'))
    const entries = join(CACHE, dir)
    const whole = existsSync(join(entries, 'cli.js')) && existsSync(join(entries, 'ingest-worker.js'))
    // A stamp without the lock file's is from a bundle that kept every package outside.
    return whole && inputs[LOCK] !== undefined && Object.entries(inputs).every(([file, was]) => stamp(file) === was) ? entries : null
  } catch {
    return null
  }
}

/** Each source file's `import.meta.url` stays the URL of that file, as when run unbundled. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      const contents = source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
      return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js', resolveDir: dirname(args.path) }
    })
  },
}

/**
 * apache-arrow as LanceDB loads it (CommonJS, by `require`), not its ES module build: an ingest's
 * main thread loads LanceDB anyway, and the ES build, a second copy of the library in ~200 small
 * module files, cost another ~0.2 s of CPU to load. The same version and code either way.
 */
const arrowByRequire = {
  name: 'arrow-by-require',
  setup(build) {
    const ns = 'arrow-by-require'
    build.onResolve({ filter: /^apache-arrow$/ }, (args) => (args.namespace === ns ? { path: args.path, external: true } : { path: args.path, namespace: ns }))
    build.onLoad({ filter: /.*/, namespace: ns }, () => ({ contents: "module.exports = require('apache-arrow')", loader: 'js' }))
  },
}

/**
 * What an output file needs for `require` (Arrow above, and the CommonJS packages of the worker
 * bundle asking for Node's modules): one that resolves from this repository, as unbundled code does.
 */
const requireBanner = { js: `import { createRequire as __casebookRequire } from 'node:module'; const require = __casebookRequire(${JSON.stringify(join(ROOT, 'package.json'))});` }

/**
 * Packages the worker bundle leaves as imports: native code (jieba, LanceDB, esbuild), packages
 * that find files beside themselves at run time (pdfjs), Arrow (one copy, by `require`: above), and
 * what only rare inputs load, after the first reports (legacy Word, neural embeddings).
 */
const WORKER_EXTERNAL = ['@node-rs/jieba', '@lancedb/lancedb', 'esbuild', 'tsx', 'pdfjs-dist', 'cfb', 'word-extractor', '@xenova/transformers']

async function build() {
  const { build } = await import('esbuild')
  const common = {
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    absWorkingDir: ROOT,
    outdir: join(CACHE, 'out'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    banner: requireBanner,
    plugins: [ownUrl, arrowByRequire],
  }
  const [cli, worker] = await Promise.all([
    // Packages stay imports, resolved from the repository's node_modules as unbundled code does.
    build({ ...common, entryPoints: { cli: ENTRY }, packages: 'external' }),
    // Its chunks are named apart: they sit in the same directory as the CLI's.
    build({ ...common, entryPoints: { 'ingest-worker': WORKER }, external: WORKER_EXTERNAL, chunkNames: 'worker-[name]-[hash]' }),
  ])
  const outputFiles = [...cli.outputFiles, ...worker.outputFiles]
  const hash = createHash('sha256')
  for (const f of outputFiles) hash.update(f.path).update(f.contents)
  const dir = hash.digest('hex').slice(0, 16)
  const final = join(CACHE, dir)
  if (!existsSync(final)) {
    // Written aside and renamed: a CLI starting at the same moment never imports half a bundle.
    const part = `${final}.${process.pid}.part`
    for (const f of outputFiles) {
      const to = join(part, relative(join(CACHE, 'out'), f.path))
      mkdirSync(dirname(to), { recursive: true })
      writeFileSync(to, f.contents)
    }
    try {
      renameSync(part, final)
    } catch {
      rmSync(part, { recursive: true, force: true })
    }
  }
  // Metafile paths are relative to absWorkingDir (ROOT); a plugin's virtual module (namespace:path) is no file.
  const sources = [...Object.keys(cli.metafile.inputs), ...Object.keys(worker.metafile.inputs)].filter((f) => !f.includes('node_modules/') && !f.includes(':'))
  const inputs = Object.fromEntries([...sources, LOCK].map((f) => [f, stamp(f)]))
  const tmp = `${STAMP}.${process.pid}`
  writeFileSync(tmp, JSON.stringify({ dir, inputs }))
  renameSync(tmp, STAMP)
  return final
}

async function entry() {
  try {
    return current() ?? (await build())
  } catch {
    return null
  }
}

// ingest/index/quiet-log.ts sets this before LanceDB's native module loads, but a bundle keeps
// packages as imports, which run before any bundled module: it has to be set here, first.
process.env.LANCEDB_LOG ??= 'error'
const bundle = await entry()
if (bundle) {
  globalThis[WORKER_KEY] = pathToFileURL(join(bundle, 'ingest-worker.js'))
  await import(pathToFileURL(join(bundle, 'cli.js')).href)
} else {
  const tsx = await import('tsx/esm/api')
  tsx.register()
  await import(pathToFileURL(ENTRY).href)
}
