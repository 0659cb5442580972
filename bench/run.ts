/**
 * `npm run bench`: the bench sections in sequence, each printing its own figures. A section is a
 * module exporting `run(): Promise<void>` that can also be run alone with `npx tsx bench/<name>.ts`.
 * Add a section by adding a line here.
 */
const SECTIONS: { name: string; load: () => Promise<{ run(): Promise<void> }>; onlyByName?: boolean }[] = [
  { name: 'clean-extract', load: () => import('./clean-extract.js') },
  { name: 'formats', load: () => import('./formats.js') },
  { name: 'pdf-print', load: () => import('./pdf-print.js') },
  { name: 'extract-real', load: () => import('./extract-real.js') },
  { name: 'embed', load: () => import('./embed.js') },
  { name: 'e2e', load: () => import('./e2e.js') },
  { name: 'worker-start', load: () => import('./worker-start.js') },
  { name: 'search', load: () => import('./search.js') },
  { name: 'retrieval', load: () => import('./retrieval.js') },
  { name: 'server', load: () => import('./server.js') },
  { name: 'real', load: () => import('./real.js') },
  // Place extraction over every county-level division: seconds of CPU, no data outside the repository.
  { name: 'places', load: () => import('./places.js') },
  // Hours and tens of GB at its default million reports: run only when named.
  { name: 'scale', load: () => import('./scale.js'), onlyByName: true },
  // Needs a CLI-built store to copy (BENCH_FTS_STORE) and builds millions of passages from it.
  { name: 'fulltext-scale', load: () => import('./fulltext-scale.js'), onlyByName: true },
]

/** `npm run bench -- clean-extract` runs the named sections only. */
async function main(only: string[]): Promise<void> {
  for (const section of SECTIONS) {
    if (only.length ? !only.includes(section.name) : section.onlyByName) continue
    const started = performance.now()
    await (await section.load()).run()
    console.log(`(${section.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
