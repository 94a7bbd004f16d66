/** Shared by the importKey properties: the algs they import for, and what every key importKey returns must satisfy. */
import { expect } from 'vitest'
import fc from 'fast-check'
import { WEB_CRYPTO } from '../helpers/keys.ts'
import { ALGS, isCryptoKey, UNSUPPORTED } from './support.ts'

/** Mostly an alg importKey implements, sometimes one it does not. */
export const alg = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...ALGS) }, { weight: 1, arbitrary: fc.constantFrom(...UNSUPPORTED) })

/** The usages a key of `type` may have for `name`. */
export const usagesFor = (name: keyof typeof WEB_CRYPTO, type: KeyType): string[] =>
  WEB_CRYPTO[name].name === 'RSA-OAEP' ? (type === 'private' ? ['decrypt', 'unwrapKey'] : ['encrypt', 'wrapKey']) : [type === 'private' ? 'sign' : 'verify']

/** What every key importKey returns must satisfy, whatever the input. */
export function expectKeyFor(key: unknown, name: keyof typeof WEB_CRYPTO, extractable: boolean): asserts key is CryptoKey {
  expect(isCryptoKey(key), 'resolved to something other than a CryptoKey').toBe(true)
  const { algorithm, type, usages } = key as CryptoKey
  const rsa = algorithm as RsaHashedKeyAlgorithm
  expect(rsa.name).toBe(WEB_CRYPTO[name].name)
  expect(rsa.hash.name).toBe(WEB_CRYPTO[name].hash)
  expect(rsa.modulusLength).toBeGreaterThanOrEqual(2048)
  expect((key as CryptoKey).extractable).toBe(extractable)
  expect(type === 'private' || type === 'public').toBe(true)
  expect(usages.length).toBeGreaterThan(0)
  for (const usage of usages) expect(usagesFor(name, type as KeyType)).toContain(usage)
}
