export { clean, repairArtifacts, splitLines } from './clean.js'
export type { CleanMeta, CleanOptions, CleanResult } from './types.js'
export { LINE_RULES, type LineRule } from './rules/boilerplate.js'
