/**
 * Runs jose-ml-dsa.ts (ML-DSA interop with jose: PEM keys, AKP keys in a JWK set) with the Node
 * binaries whose Web Crypto has ML-DSA: Node 20, which runs vitest, lacks it.
 */
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleConformance } from '../../scripts/lib/conformance-bundle.mjs'
import { nodeBinaries } from '../../scripts/lib/node-versions.mjs'

const binaries = nodeBinaries()

describe('interop with jose: ML-DSA PEM keys and AKP JWK sets', () => {
  for (const major of ['24', '26']) {
    it.skipIf(!binaries[major])(`in Node ${major}: webjose signs with PKCS#8 (seed, both), jose verifies (SPKI, certificate); jose signs, webjose verifies (SPKI, certificate, AKP JWK set)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'webjose-ml-dsa-'))
      try {
        const file = join(dir, 'interop.mjs')
        writeFileSync(file, await bundleConformance('test/interop/jose-ml-dsa.ts', 'node'))
        const run = spawnSync(binaries[major]!, ['--no-warnings', file], { encoding: 'utf8', timeout: 60_000 })
        expect(run.stderr).toBe('')
        expect(run.status).toBe(0)
        expect(run.stdout.trim().split('\n')).toEqual(['ML-DSA-44 ok', 'ML-DSA-65 ok', 'ML-DSA-87 ok'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  }
})
