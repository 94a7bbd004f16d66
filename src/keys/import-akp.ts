import { keyInvalid } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import type { ImportKeyOptions } from './import-key.ts'
import { assertKey, checkJwk } from './jwk.ts'
import { readPemBlock } from './pem.ts'
import { certificateSpki } from './der-convert.ts'
import { keyTypeOf } from './key-algorithm-id.ts'
import { readExtractable } from './import-rsa-jwk.ts'
import { seedPkcs8 } from './ml-dsa-pkcs8.ts'

/**
 * Imports an ML-DSA key for `alg` (RFC 9964): an "AKP" JWK ("pub", and "priv" for a private
 * key), or one PEM block: PRIVATE KEY (PKCS#8, see ml-dsa-pkcs8.ts for its forms), PUBLIC KEY
 * (SPKI) or CERTIFICATE (its public key, the certificate unchecked). The key's AlgorithmIdentifier
 * must be the alg's (RFC 9881 §2): an ML-DSA-44 key is no ML-DSA-65 key. Only runtimes whose Web
 * Crypto has ML-DSA get here: the family refuses to load elsewhere (ERR_ALG_NOT_SUPPORTED).
 */
export async function importKeyFor(material: unknown, alg: string, spec: KeySpec, options: ImportKeyOptions | undefined): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  let format: 'jwk' | 'pkcs8' | 'spki' = 'jwk'
  let keyData: JsonWebKey | Uint8Array
  let usages: readonly KeyUsage[]
  if (typeof material === 'string') {
    const [[label], der] = readPemBlock(material, /^PRIVATE KEY$|^PUBLIC KEY$|^CERTIFICATE$/)
    const isPrivate = label === 'PRIVATE KEY'
    keyData = label === 'CERTIFICATE' ? certificateSpki(der) : der
    assertKey(keyTypeOf(keyData, isPrivate)[1] === alg, `key is not for ${alg}`)
    if (isPrivate) keyData = await seedPkcs8(keyData, spec)
    format = isPrivate ? 'pkcs8' : 'spki'
    usages = isPrivate ? spec.privateUsages : spec.publicUsages
  } else {
    let jwk: JsonWebKey
    ;[jwk, usages] = checkJwk(material, alg, spec, extractable, [['pub'], ['priv']])
    // AKP keys name their algorithm in the key itself (RFC 9964): Web Crypto reads it.
    jwk.alg = alg
    keyData = jwk
  }
  return crypto.subtle.importKey(format as 'jwk', keyData as JsonWebKey, spec, extractable, usages).catch((cause: unknown) => {
    throw keyInvalid(`${alg} key import failed`, cause)
  })
}
