/**
 * The openers section 4 compares: webjose with one CryptoKey, and webjose with a
 * DecryptionKeySet holding KEY_COPIES separately imported copies of the key.
 */
import { createDecryptionKeySet } from '../../src/index.ts'
import type { Variant } from './concurrency-sweep.ts'
import { importNestedKeys, webjoseOpener } from './nested.ts'
import type { KeyMaterial } from './tokens.ts'

/**
 * Node runs each RSA private-key operation of a CryptoKey under that key's own mutex
 * (src/crypto/crypto_rsa.cc, RSA_Cipher: Mutex::ScopedLock lock(key_data.mutex())), so one
 * key decrypts on one threadpool thread at a time. Separately imported copies of the same
 * private key have separate mutexes. This resolver hands them out in turn, as DecryptionKeySet
 * does with its copiesPerKey option; the raw-RSA measurement in concurrency-child.ts uses it directly.
 */
export async function keyCopies(privateJwk: JsonWebKey, count: number): Promise<() => CryptoKey> {
  const copies: CryptoKey[] = []
  for (let i = 0; i < count; i++) {
    copies.push(
      await crypto.subtle.importKey('jwk', privateJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt', 'unwrapKey']),
    )
  }
  let next = 0
  return () => copies[next++ % copies.length]!
}

export const KEY_COPIES = 4

export async function variantsFor(privateJwk: JsonWebKey, verificationJwk: JsonWebKey): Promise<Variant[]> {
  const material = (priv: JsonWebKey, pub: JsonWebKey): KeyMaterial => ({ bits: 0, privatePem: '', publicPem: '', privateJwk: priv, publicJwk: pub })
  const keys = await importNestedKeys(material(privateJwk, {}), material({}, verificationJwk))
  return [
    { name: 'webjose', open: webjoseOpener(keys) },
    // DecryptionKeySet imports the key as copiesPerKey CryptoKeys and uses them in turn.
    { name: `webjose, DecryptionKeySet (${KEY_COPIES} copies)`, open: webjoseOpener(keys, createDecryptionKeySet([{ key: privateJwk }], { copiesPerKey: KEY_COPIES })) },
  ]
}
