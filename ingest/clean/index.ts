export { clean } from './clean.js'
export { repairArtifacts, splitLines } from './prepare.js'
export type { CleanMeta, CleanOptions, CleanResult } from './types.js'
export { LINE_RULES, type LineRule } from './rules/boilerplate.js'
