import { keyInvalid } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import { decode } from '../encoding/base64url.ts'
import { assertKey } from './jwk.ts'
import { SEQUENCE, tlv } from './der.ts'
import { encode } from './der-convert.ts'
import type { Jwk } from './import-key.ts'

const OCTET_STRING = 4
/** ML-DSA-PrivateKey's seed alternative: [0] IMPLICIT OCTET STRING (SIZE (32)). */
const SEED = 0x80
const SEED_BYTES = 32

/**
 * The PKCS#8 of an ML-DSA private key in the one form every Web Crypto with ML-DSA imports.
 * RFC 9881 §6 gives its privateKey, ML-DSA-PrivateKey, three forms:
 * - seed: returned as it is (Web Crypto judges the rest).
 * - expandedKey alone: refused (ERR_KEY_INVALID). The seed cannot be recovered from it, and no
 *   Web Crypto imports a key without its seed (Node, Deno, Bun and Chromium all refuse it).
 * - both, seed and expandedKey: Node and Deno import it, Bun and Chromium do
 *   not, so the seed is taken out and imported alone, here in every runtime. The expandedKey must
 *   start with the ρ of the key the seed generates: a partial RFC 9881 §8 consistency check (the
 *   rest of it needs SHAKE256, which Web Crypto lacks). Nothing may follow the privateKey then:
 *   attributes or a publicKey would be dropped unchecked.
 * `der` is a PKCS#8 whose AlgorithmIdentifier names `spec`'s algorithm (keyTypeOf checked it).
 */
export async function seedPkcs8(der: Uint8Array, spec: KeySpec): Promise<Uint8Array> {
  const [start, end] = tlv(der, 0, 0, SEQUENCE)
  // version, privateKeyAlgorithm (its 2-byte header: 11 bytes of OID, no parameters), privateKey.
  const [algorithm, algorithmEnd] = tlv(der, start, end, 2, SEQUENCE)
  const [key, keyEnd] = tlv(der, algorithmEnd, end, OCTET_STRING)
  // The CHOICE's tag; an empty privateKey has none (what follows it is no part of it).
  const choice = key < keyEnd && der[key]
  if (choice === OCTET_STRING) throw keyInvalid('ML-DSA private key without its seed (RFC 9881 §6): Web Crypto imports the seed form')
  if (choice !== SEQUENCE) return der
  const [both, bothEnd] = tlv(der, key, keyEnd, SEQUENCE)
  assertKey(bothEnd === end, 'DER: malformed')
  const [seed, seedEnd] = tlv(der, both, bothEnd, OCTET_STRING)
  const [expanded, expandedEnd] = tlv(der, seedEnd, keyEnd, OCTET_STRING)
  assertKey(expandedEnd === keyEnd && seedEnd - seed === SEED_BYTES, 'DER: malformed')
  const seedOnly = encode(SEQUENCE, [2, 1, 0], der.subarray(algorithm - 2, algorithmEnd), encode(OCTET_STRING, encode(SEED, der.subarray(seed, seedEnd))))
  // The public key, ρ ‖ t1 (FIPS 204 Algorithm 22), is in the AKP JWK's "pub" (RFC 9964).
  const generated = await crypto.subtle
    .importKey('pkcs8', seedOnly as BufferSource, spec, true, [...spec.privateUsages])
    .then((probe) => crypto.subtle.exportKey('jwk', probe))
    .catch((cause: unknown) => {
      throw keyInvalid(`${spec.name} key import failed`, cause)
    })
  const rho = decode((generated as Jwk).pub!).subarray(0, 32)
  assertKey(String(rho) === String(der.subarray(expanded, expanded + 32)), 'ML-DSA private key: seed and expandedKey differ (RFC 9881 §8)')
  return seedOnly
}
