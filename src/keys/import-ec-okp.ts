import { keyInvalid } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import { assertSupported } from '../algorithms/signature/support.ts'
import { isPlainObject } from '../serialization/json.ts'
import { assertKey, checkJwk } from './jwk.ts'
import { readPemBlock } from './pem.ts'
import { certificateSpki } from './der-convert.ts'
import { keyTypeOf, wrapSec1 } from './key-algorithm-id.ts'
import { readExtractable } from './import-rsa-jwk.ts'
import type { ImportKeyOptions } from './import-key.ts'

/**
 * The first spec of `spec` and its alternatives (`spec.or`, and so on) whose "kty" and "crv"
 * the key has: an Ed448 key for "EdDSA", a P-384 or X25519 key for "ECDH-ES".
 */
function findSpec(spec: KeySpec | undefined, kty: unknown, crv: unknown): KeySpec | undefined {
  while (spec && !(spec.kty === kty && spec.crv === crv)) spec = spec.or
  return spec
}

/**
 * Imports an EC or OKP key for `alg`, whose `spec` fixes the curve: a JWK (checked by checkJwk,
 * "crv" included) or one PEM block: PRIVATE KEY (PKCS#8), EC PRIVATE KEY (SEC1, wrapped into
 * PKCS#8), PUBLIC KEY (SPKI) or CERTIFICATE (its public key, the certificate unchecked). The
 * key's AlgorithmIdentifier must name the spec's curve. ERR_KEY_INVALID for unusable material,
 * ERR_ALG_NOT_SUPPORTED when the runtime lacks the key's curve (Ed448 outside Node).
 */
export async function importKeyFor(
  material: unknown,
  alg: string,
  spec: KeySpec,
  options?: ImportKeyOptions,
): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  let format: 'jwk' | 'pkcs8' | 'spki' = 'jwk'
  let keyData: JsonWebKey | Uint8Array
  let usages: readonly KeyUsage[]
  if (typeof material === 'string') {
    const [[label], der] = readPemBlock(material, /^(EC )?PRIVATE KEY$|^PUBLIC KEY$|^CERTIFICATE$/)
    const isPrivate = label.endsWith('PRIVATE KEY')
    keyData = label === 'EC PRIVATE KEY' ? wrapSec1(der, spec.crv) : label === 'CERTIFICATE' ? certificateSpki(der) : der
    const [kty, crv] = keyTypeOf(keyData, isPrivate)
    const found = findSpec(spec, kty, crv)
    assertKey(found, `key is not for ${alg}`)
    spec = found
    format = isPrivate ? 'pkcs8' : 'spki'
    usages = isPrivate ? spec.privateUsages : spec.publicUsages
  } else {
    const own = (name: string): unknown => (isPlainObject(material) && Object.hasOwn(material, name) ? material[name] : undefined)
    // A JWK of no listed type and curve is checked against the first spec: checkJwk names the member.
    spec = findSpec(spec, own('kty'), own('crv')) ?? spec
    // RFC 7518 §6.2, RFC 8037 §2.
    ;[keyData, usages] = checkJwk(material, alg, spec, extractable, spec.kty === 'EC' ? [['crv', 'x', 'y'], ['d']] : [['crv', 'x'], ['d']])
  }
  try {
    return await crypto.subtle.importKey(format as 'jwk', keyData as JsonWebKey, spec as EcKeyImportParams, extractable, usages)
  } catch (cause) {
    await assertSupported(alg, spec)
    throw keyInvalid(`${spec.kty} key import failed`, cause)
  }
}
