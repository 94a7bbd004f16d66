import type { Hash, RsaAlgorithmSpec } from '../key-spec.ts'
import { cekOrRandom, randomCek, type KeyManagementFamily } from './family.ts'

/** RFC 7518 §4.3 (RSA-OAEP, SHA-1) and its SHA-2 variants; MGF1 uses the same hash. */
export type RsaOaepAlgorithm = 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA-OAEP-384' | 'RSA-OAEP-512'

// "decrypt" first: decryption checks a key for its spec's first private usage.
const DECRYPT: readonly KeyUsage[] = ['decrypt', 'unwrapKey']
const ENCRYPT: readonly KeyUsage[] = ['encrypt', 'wrapKey']

function oaep(hash: Hash): RsaAlgorithmSpec {
  return { name: 'RSA-OAEP', hash, kty: 'RSA', use: 'enc', privateUsages: DECRYPT, publicUsages: ENCRYPT }
}

export const RSA_OAEP_SPECS: Readonly<Record<RsaOaepAlgorithm, RsaAlgorithmSpec>> = {
  'RSA-OAEP': oaep('SHA-1'),
  'RSA-OAEP-256': oaep('SHA-256'),
  'RSA-OAEP-384': oaep('SHA-384'),
  'RSA-OAEP-512': oaep('SHA-512'),
}

export const OAEP = { name: 'RSA-OAEP' } as const
// HMAC keys take raw bytes of any length on every runtime: the carrier of a CEK of unknown size.
export const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const

let decoy: Promise<CryptoKey> | undefined

/**
 * RFC 7516 §11.5: a failed unwrap and a CEK of the wrong size continue with a random CEK, with
 * the same Web Crypto calls as a success; the content decryption then fails uniformly. A CEK of
 * the wrong size is an attack (a 16-byte CEK under A256GCM), never a smaller key.
 *
 * "decrypt" is preferred over "unwrapKey": Node 20's unwrapKey first tries the algorithm as a
 * key-wrapping one, throwing and catching a DOMException on every call (bench/RESULTS.md).
 */
async function unwrap(_alg: string, key: CryptoKey, encryptedKey: Uint8Array, _header: unknown, cekBytes: number): Promise<Uint8Array> {
  let raw: Uint8Array | undefined
  if (key.usages.includes('decrypt')) {
    raw = await crypto.subtle.decrypt(OAEP, key, encryptedKey as BufferSource).then((bytes) => new Uint8Array(bytes), () => undefined)
  } else {
    // A caller-supplied key limited to "unwrapKey": unwrap into an extractable carrier and read it
    // back; a failure exports a decoy carrier (made once per process) so the calls stay the same.
    const carrier = await crypto.subtle
      .unwrapKey('raw', encryptedKey as BufferSource, key, OAEP, HMAC, true, ['sign'])
      .catch(() => (decoy ??= crypto.subtle.importKey('raw', randomCek(32) as BufferSource, HMAC, true, ['sign'])))
    raw = new Uint8Array(await crypto.subtle.exportKey('raw', carrier))
  }
  return cekOrRandom(raw, cekBytes)
}

export const rsaOaep: KeyManagementFamily = {
  specs: RSA_OAEP_SPECS,
  unwrap,
  // Encryption is not on the resource-server path: its code loads with the first token encrypted.
  wrap: (...args) => import('./rsa-oaep-wrap.ts').then((m) => m.wrap(...args)),
}
