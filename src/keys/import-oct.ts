import { algNotSupported, keyInvalid } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import { decode } from '../encoding/base64url.ts'
import { isRegisteredEnc } from '../algorithms/names.ts'
import { readExtractable } from './import-rsa-jwk.ts'
import { assertKey, checkJwk } from './jwk.ts'
import type { ImportKeyOptions } from './import-key.ts'

/**
 * Imports a secret (RFC 7518 §6.4, kty "oct") for `alg` as its `spec` says: an HMAC key, an AES key
 * for A*KW and A*GCMKW, the CEK for "dir", a PBES2 password. The material is the secret's bytes or
 * an oct JWK, never a string: a PEM or any other text is refused, so an RSA or EC public key can
 * never become an HMAC secret (RFC 8725 §2.1, §3.1). Refusals are ERR_KEY_INVALID with fixed
 * messages, ERR_ALG_NOT_SUPPORTED for an AES size the runtime lacks.
 */
export async function importKeyFor(material: unknown, alg: string, spec: KeySpec, options: ImportKeyOptions | undefined): Promise<CryptoKey> {
  // A "dir" key is read out for every token (see key-management/dir.ts).
  const extractable = readExtractable(options) || alg === 'dir'
  assertKey(typeof material === 'object' && material !== null, `a ${alg} secret is a Uint8Array or an oct JWK, never a string`)
  let raw: Uint8Array
  let usages = spec.privateUsages
  if (material instanceof Uint8Array) {
    raw = material
  } else {
    // A "dir" key's JWK conventionally names the "enc" it serves as "alg" (RFC 7520 §5.6): that is no mismatch.
    const named = alg === 'dir' && isRegisteredEnc((material as JsonWebKey).alg) ? { ...material, alg } : material
    const [jwk, allowed] = checkJwk(named, alg, spec, extractable, [['k'], []])
    raw = decode(jwk.k!)
    usages = allowed
  }
  assertKey(raw.length > 0, 'symmetric key is empty')
  // RFC 7518 §4.4, §4.7: an AES key is exactly the size its "alg" names; §3.2: an HMAC key is at
  // least as long as the hash output.
  const aesBits = spec.name.startsWith('AES') ? +/A(\d+)/.exec(alg)![1]! : 0
  assertKey(!aesBits || raw.length * 8 === aesBits, `key is not ${aesBits} bits for ${alg}`)
  assertKey(!(raw.length * 8 < (spec.secretBits ?? 0)), `${alg} secret shorter than ${spec.secretBits} bits`)
  return crypto.subtle.importKey('raw', raw as BufferSource, spec, extractable && spec.name !== 'PBKDF2', usages as KeyUsage[]).catch((cause: unknown) => {
    // The material was checked: only a key size the runtime lacks (AES-192 in Chromium) fails here.
    throw aesBits ? algNotSupported(`AES-${aesBits} not supported by this runtime`) : keyInvalid(`${alg} secret import failed`, cause)
  })
}
