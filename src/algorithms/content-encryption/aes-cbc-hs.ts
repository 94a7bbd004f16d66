import { algNotSupported } from '../../errors.ts'
import { concatBytes } from '../../encoding/bytes.ts'
import type { ContentEncryptionFamily } from './family.ts'

/**
 * RFC 7518 §5.2: AES-CBC with HMAC-SHA-2, encrypt-then-MAC. The CEK is MAC_KEY ‖ ENC_KEY, each
 * half of it; the tag is the first half of HMAC(AAD ‖ IV ‖ ciphertext ‖ AL).
 */
async function keys(enc: string, cek: Uint8Array, usage: KeyUsage): Promise<[mac: CryptoKey, aes: CryptoKey]> {
  const half = cek.length >>> 1
  try {
    return await Promise.all([
      crypto.subtle.importKey('raw', cek.subarray(0, half) as BufferSource, { name: 'HMAC', hash: `SHA-${enc.slice(-3)}` }, false, ['sign']),
      crypto.subtle.importKey('raw', cek.subarray(half) as BufferSource, { name: 'AES-CBC' }, false, [usage]),
    ])
  } catch {
    // The sizes were checked before; only a runtime without the size (AES-192 in Chromium) fails, for every token alike.
    throw algNotSupported(`AES-${half * 8} not supported by this runtime`)
  }
}

/** The full HMAC over AAD ‖ IV ‖ ciphertext ‖ AL, AL being the AAD's length in bits as a 64-bit big-endian integer. */
async function mac(key: CryptoKey, aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const al = new Uint8Array(8)
  new DataView(al.buffer).setUint32(4, aad.length * 8)
  new DataView(al.buffer).setUint32(0, Math.floor(aad.length / 0x20000000))
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, concatBytes(aad, iv, ciphertext, al) as BufferSource))
}

export const aesCbcHs: ContentEncryptionFamily = {
  async decrypt(enc, cek, iv, ciphertextAndTag, aad) {
    const [macKey, aesKey] = await keys(enc, cek, 'decrypt')
    const split = ciphertextAndTag.length - (cek.length >>> 1)
    const ciphertext = ciphertextAndTag.subarray(0, split)
    const expected = await mac(macKey, aad, iv, ciphertext)
    // Web Crypto verifies only a full-length HMAC; the tag is its first half (§5.2.2.1), compared in
    // constant time. The ciphertext is decrypted only once authenticated: no padding oracle.
    let difference = 0
    for (let i = split; i < ciphertextAndTag.length; i++) difference |= ciphertextAndTag[i]! ^ expected[i - split]!
    if (difference !== 0) return undefined
    return crypto.subtle
      .decrypt({ name: 'AES-CBC', iv: iv as BufferSource }, aesKey, ciphertext as BufferSource)
      .then((plaintext) => new Uint8Array(plaintext), () => undefined)
  },
  async encrypt(enc, cek, iv, plaintext, aad) {
    const [macKey, aesKey] = await keys(enc, cek, 'encrypt')
    const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: iv as BufferSource }, aesKey, plaintext as BufferSource))
    return { ciphertext, tag: (await mac(macKey, aad, iv, ciphertext)).subarray(0, cek.length >>> 1) }
  },
}
