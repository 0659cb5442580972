export { indexCases, type IndexOptions, type IndexStats, FTS_OPTIONS } from './write.js'
export { defaultUri, storageOptionsFromEnv, TABLES, type Pointer, type EmbedderId } from './layout.js'
export { fixedProvider, lsaProvider, type EmbedderProvider } from './embedders.js'
export { providerFor, restoreEmbedder, type EmbedderKind } from './providers.js'
