// LanceDB's native logger prints deprecation and "creating dataset" warnings to stderr on every
// query; the CLI's stderr is for casebook's own messages. Must run before the native module loads.
process.env.LANCEDB_LOG ??= 'error'
