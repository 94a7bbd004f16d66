/** importRsaKey and importRsaJwk, the RSA importers called with a spec directly. */
import { beforeAll, describe, expect, it } from 'vitest'
import { importRsaKey } from '../../src/keys/import-rsa.ts'
import { importRsaJwk } from '../../src/keys/import-rsa-jwk.ts'
import { RSA_SIGNATURE_SPECS as SIGNATURE_ALGORITHMS } from '../../src/algorithms/signature/rsa.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { importKeyForms, type Pems } from './helpers.ts'

let keys: Pems, weak: Pems
beforeAll(() => {
  ;({ keys, weak } = importKeyForms())
})

describe('importRsaKey', () => {
  it('takes the spec directly', async () => {
    const key = await importRsaKey(keys.spki, 'PS384', SIGNATURE_ALGORITHMS.PS384)
    expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe('SHA-384')
  })
})

describe('importRsaJwk', () => {
  it('imports JWKs only, with the same checks and options', async () => {
    const key = await importRsaJwk(keys.publicJwk, 'PS384', SIGNATURE_ALGORITHMS.PS384)
    expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe('SHA-384')
    expect(key.extractable).toBe(false)
    expect((await importRsaJwk(keys.privateJwk, 'RS256', SIGNATURE_ALGORITHMS.RS256, { extractable: true })).extractable).toBe(true)
    await expectJoseError(importRsaJwk(keys.spki as never, 'RS256', SIGNATURE_ALGORITHMS.RS256), 'ERR_KEY_INVALID')
    await expectJoseError(importRsaJwk(weak.publicJwk, 'RS256', SIGNATURE_ALGORITHMS.RS256), 'ERR_KEY_INVALID')
    await expectJoseError(importRsaJwk(keys.publicJwk, 'RS256', SIGNATURE_ALGORITHMS.RS256, null as never), 'ERR_INVALID_ARGUMENT')
  })
})
