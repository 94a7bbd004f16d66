import { randomCek, type KeyWrapFamily, type WrappedCek } from './family.ts'
import { rsaOaep } from './rsa-oaep.ts'

export const OAEP = { name: 'RSA-OAEP' } as const
// HMAC keys take raw bytes of any length on every runtime: the carrier of a CEK of unknown size.
export const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const

/**
 * Encrypts the CEK (a fresh one unless given) to the recipient's RSA public key. A key limited to
 * "wrapKey" wraps the same bytes held in an extractable HMAC key.
 */
async function wrap(_alg: string, key: CryptoKey, cekBytes: number, _header?: unknown, given?: Uint8Array): Promise<WrappedCek> {
  const cek = given ?? randomCek(cekBytes)
  const encryptedKey = new Uint8Array(
    key.usages.includes('encrypt')
      ? await crypto.subtle.encrypt(OAEP, key, cek as BufferSource)
      : await crypto.subtle.wrapKey('raw', await crypto.subtle.importKey('raw', cek as BufferSource, HMAC, true, ['sign']), key, OAEP),
  )
  return { encryptedKey, cek }
}

/** RSA-OAEP with its encryption half, loaded with the first token encrypted. */
export const rsaOaepWrap: KeyWrapFamily = { ...rsaOaep, wrap }
