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
 * `spec`, or its alternative `spec.or` when the key has that one's "kty" and "crv" (an Ed448
 * key for "EdDSA"); ERR_KEY_INVALID for a key of any other type or curve.
 */
function specFor(spec: KeySpec, alg: string, kty: unknown, crv: unknown): KeySpec {
  const chosen = spec.or && spec.or.kty === kty && spec.or.crv === crv ? spec.or : spec
  assertKey(chosen.kty === kty && chosen.crv === crv, `key is not for ${alg}`)
  return chosen
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
    spec = specFor(spec, alg, kty, crv)
    format = isPrivate ? 'pkcs8' : 'spki'
    usages = isPrivate ? spec.privateUsages : spec.publicUsages
  } else {
    const crv = isPlainObject(material) && Object.hasOwn(material, 'crv') ? material.crv : undefined
    spec = specFor(spec, alg, spec.kty, spec.or?.crv === crv ? crv : spec.crv)
    ;[keyData, usages] = checkJwk(material, alg, spec, extractable)
  }
  try {
    return await crypto.subtle.importKey(format as 'jwk', keyData as JsonWebKey, spec as EcKeyImportParams, extractable, usages)
  } catch (cause) {
    await assertSupported(alg, spec)
    throw keyInvalid(`${spec.kty} key import failed`, cause)
  }
}
