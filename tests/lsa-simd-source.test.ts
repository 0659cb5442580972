import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assembleSimd, generatedSource } from '../ingest/embed/build-simd.js'

// The committed module is generated; a kernel edited in the .wat but not rebuilt would leave the
// tests of the kernels running the old code.
describe('lsa-simd.wasm.ts', () => {
  it('is lsa-simd.wat assembled (run npm run build:simd after editing the .wat)', async () => {
    const committed = readFileSync(new URL('../ingest/embed/lsa-simd.wasm.ts', import.meta.url), 'utf8')
    expect(committed).toBe(generatedSource(await assembleSimd()))
  })
})
