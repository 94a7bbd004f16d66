import { algNotSupported } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import { decode } from '../encoding/base64url.ts'
import { isRegisteredEnc } from '../algorithms/names.ts'
import { readExtractable } from './import-rsa-jwk.ts'
import { assertKey, checkJwk } from './jwk.ts'
import type { ImportKeyOptions } from './import-key.ts'

/**
 * Imports a symmetric key (RFC 7518 §6.4, "oct") for `alg` from raw bytes or an oct JWK: an AES
 * key for A*KW and A*GCMKW, the CEK for "dir", a PBES2 password, an HMAC key. Refusals are
 * ERR_KEY_INVALID with fixed messages, ERR_ALG_NOT_SUPPORTED for an AES size the runtime lacks.
 */
export async function importKeyFor(material: unknown, alg: string, spec: KeySpec, options: ImportKeyOptions | undefined): Promise<CryptoKey> {
  // A "dir" key is read out for every token (see key-management/dir.ts).
  const extractable = readExtractable(options) || alg === 'dir'
  let raw: Uint8Array
  let usages = spec.privateUsages
  if (material instanceof Uint8Array) {
    raw = material
  } else {
    assertKey(typeof material === 'object', 'a symmetric key is raw bytes or an oct JWK')
    // A "dir" key's JWK conventionally names the "enc" it serves as "alg" (RFC 7520 §5.6): that is no mismatch.
    const named = alg === 'dir' && isRegisteredEnc((material as JsonWebKey).alg) ? { ...material, alg } : material
    const [jwk, allowed] = checkJwk(named, alg, spec, extractable)
    raw = decode(jwk.k!)
    usages = allowed
  }
  assertKey(raw.length > 0, 'symmetric key is empty')
  // RFC 7518 §4.4, §4.7: an AES key is exactly the size its "alg" names; a smaller one is a weaker key.
  const aesBits = spec.name.startsWith('AES') ? +/A(\d+)/.exec(alg)![1]! : 0
  assertKey(!aesBits || raw.length * 8 === aesBits, `key is not ${aesBits} bits for ${alg}`)
  return crypto.subtle.importKey('raw', raw as BufferSource, spec, extractable && spec.name !== 'PBKDF2', usages as KeyUsage[]).catch(() => {
    // The material was checked: only a key size the runtime lacks (AES-192 in Chromium) fails here.
    throw algNotSupported(`AES-${aesBits} not supported by this runtime`)
  })
}
