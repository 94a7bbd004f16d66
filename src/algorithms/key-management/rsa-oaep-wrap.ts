import { randomCek, type WrappedCek } from './family.ts'
import { HMAC, OAEP } from './rsa-oaep.ts'

/**
 * Encrypts a fresh CEK to the recipient's RSA public key. A key limited to "wrapKey" wraps the
 * same bytes held in an extractable HMAC key.
 */
export async function wrap(_alg: string, key: CryptoKey, cekBytes: number, _header?: unknown): Promise<WrappedCek> {
  const cek = randomCek(cekBytes)
  const encryptedKey = new Uint8Array(
    key.usages.includes('encrypt')
      ? await crypto.subtle.encrypt(OAEP, key, cek as BufferSource)
      : await crypto.subtle.wrapKey('raw', await crypto.subtle.importKey('raw', cek as BufferSource, HMAC, true, ['sign']), key, OAEP),
  )
  return { encryptedKey, cek }
}
