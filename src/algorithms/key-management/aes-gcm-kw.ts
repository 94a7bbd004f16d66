import { jweInvalid } from '../../errors.ts'
import { decode, encode } from '../../encoding/base64url.ts'
import { concatBytes } from '../../encoding/bytes.ts'
import type { KeySpec } from '../key-spec.ts'
import type { JweHeader } from '../../serialization/header.ts'
import { aesSpecs, checkAesKeyLength } from './aes-kw.ts'
import { cekOrRandom, randomCek, type KeyWrapFamily } from './family.ts'

/** RFC 7518 §4.7: the CEK encrypted with AES-GCM; "iv" and "tag" travel in the header. */
export type AesGcmKwAlgorithm = 'A128GCMKW' | 'A192GCMKW' | 'A256GCMKW'

export const AES_GCM_KW_SPECS = aesSpecs('AES-GCM', 'GCMKW', ['decrypt', 'encrypt'], ['encrypt', 'decrypt']) as Readonly<Record<AesGcmKwAlgorithm, KeySpec>>

/** RFC 7518 §4.7.1.1, §4.7.1.2: a 96-bit "iv" and a 128-bit "tag", checked before any key is used. */
function ivAndTag(header: JweHeader): [iv: Uint8Array, tag: Uint8Array] {
  const iv = decode(header.iv as string, 'JWE "iv"')
  const tag = decode(header.tag as string, 'JWE "tag"')
  if (iv.length !== 12) throw jweInvalid('JWE "iv" must be 96 bits')
  if (tag.length !== 16) throw jweInvalid('JWE "tag" must be 128 bits')
  return [iv, tag]
}

const gcm = (iv: Uint8Array): AesGcmParams => ({ name: 'AES-GCM', iv: iv as BufferSource, tagLength: 128 })

export const aesGcmKw: KeyWrapFamily = {
  specs: AES_GCM_KW_SPECS,
  checkHeader: (token) => void ivAndTag(token.header),
  async unwrap(alg, key, encryptedKey, header, cekBytes) {
    checkAesKeyLength(alg, key)
    const [iv, tag] = ivAndTag(header)
    const raw = await crypto.subtle.decrypt(gcm(iv), key, concatBytes(encryptedKey, tag) as BufferSource).then(
      (bytes) => new Uint8Array(bytes),
      () => undefined,
    )
    return cekOrRandom(raw, cekBytes)
  },
  async wrap(alg, key, cekBytes, _header, given) {
    checkAesKeyLength(alg, key)
    const cek = given ?? randomCek(cekBytes)
    const iv = randomCek(12)
    const sealed = new Uint8Array(await crypto.subtle.encrypt(gcm(iv), key, cek as BufferSource))
    return { encryptedKey: sealed.subarray(0, cekBytes), cek, headerParameters: { iv: encode(iv), tag: encode(sealed.subarray(cekBytes)) } }
  },
}
