import { jweInvalid, keyInvalid } from '../../errors.ts'
import type { KeySpec } from '../key-spec.ts'
import { cekOrRandom, type KeyWrapFamily } from './family.ts'
import { importOct } from '../oct-importer.ts'

/**
 * RFC 7518 §4.5: the shared key is the CEK itself. It is held as an extractable HMAC key, the
 * one Web Crypto key that takes raw bytes of every CEK size (16 to 64); its hash is SHA-1, which
 * no HS* algorithm uses, so a "dir" key can never pass as a JWS signing key (assertKeyFor checks it).
 */
export const DIR_SPEC: KeySpec = { name: 'HMAC', hash: 'SHA-1', kty: 'oct', use: 'enc', privateUsages: ['sign'], publicUsages: ['sign'], importer: importOct }

async function exportRaw(key: CryptoKey): Promise<Uint8Array> {
  // The CEK is read out of the key for every token.
  if (!key.extractable) throw keyInvalid('a "dir" key must be extractable')
  return new Uint8Array(await crypto.subtle.exportKey('raw', key))
}

export const direct: KeyWrapFamily = {
  specs: { dir: DIR_SPEC },
  // RFC 7516 §5.1 step 5: direct encryption sends an empty encrypted key.
  checkHeader(token) {
    if (token.cipher.encryptedKey.length > 0) throw jweInvalid('JWE encrypted key must be empty for "dir"')
  },
  // A key of another size than the "enc" needs cannot open the token: the uniform failure.
  unwrap: async (_alg, key, _encryptedKey, _header, cekBytes) => cekOrRandom(await exportRaw(key), cekBytes),
  async wrap(_alg, key, cekBytes) {
    const cek = await exportRaw(key)
    if (cek.length !== cekBytes) throw keyInvalid(`"dir" key must be ${cekBytes * 8} bits for this "enc"`)
    return { encryptedKey: new Uint8Array(0), cek }
  },
}
