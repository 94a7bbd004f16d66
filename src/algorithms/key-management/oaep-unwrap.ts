import { randomCek } from './family.ts'
import { HMAC, OAEP } from './rsa-oaep-wrap.ts'

let decoy: Promise<CryptoKey> | undefined

/**
 * Unwraps with a key limited to "unwrapKey": into an extractable carrier, read back. A failure
 * exports a decoy carrier (made once per process) instead, so the calls are the same (RFC 7516 §11.5).
 */
export async function unwrapToRaw(key: CryptoKey, encryptedKey: Uint8Array): Promise<Uint8Array> {
  const carrier = await crypto.subtle
    .unwrapKey('raw', encryptedKey as BufferSource, key, OAEP, HMAC, true, ['sign'])
    .catch(() => (decoy ??= crypto.subtle.importKey('raw', randomCek(32) as BufferSource, HMAC, true, ['sign'])))
  return new Uint8Array(await crypto.subtle.exportKey('raw', carrier))
}
