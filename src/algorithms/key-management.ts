import type { Hash, RsaAlgorithmSpec } from './key-spec.ts'
import { importCek } from './content-encryption.ts'

/** RFC 7518 §4.3 (RSA-OAEP, SHA-1) and its SHA-2 variants; MGF1 uses the same hash. */
export type KeyManagementAlgorithm = 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA-OAEP-384' | 'RSA-OAEP-512'

// unwrapKey lets decryption recover and import the CEK in one Web Crypto call.
const DECRYPT: readonly KeyUsage[] = ['decrypt', 'unwrapKey']
const ENCRYPT: readonly KeyUsage[] = ['encrypt', 'wrapKey']

function oaep(hash: Hash): RsaAlgorithmSpec {
  return { name: 'RSA-OAEP', hash, kty: 'RSA', use: 'enc', privateUsages: DECRYPT, publicUsages: ENCRYPT }
}

export const KEY_MANAGEMENT_ALGORITHMS: Readonly<Record<KeyManagementAlgorithm, RsaAlgorithmSpec>> = {
  'RSA-OAEP': oaep('SHA-1'),
  'RSA-OAEP-256': oaep('SHA-256'),
  'RSA-OAEP-384': oaep('SHA-384'),
  'RSA-OAEP-512': oaep('SHA-512'),
}

export function isKeyManagementAlgorithm(alg: unknown): alg is KeyManagementAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(KEY_MANAGEMENT_ALGORITHMS, alg)
}

const OAEP = { name: 'RSA-OAEP' } as const

/**
 * Recovers the CEK as a non-extractable AES-GCM key of exactly `cekBits`.
 *
 * RFC 7516 §11.5: a failed unwrap and a CEK of the wrong size must be indistinguishable
 * from a failed tag, so both continue with a random key of the right size and the same
 * number of Web Crypto calls; the content decryption then fails with the uniform error.
 * A CEK of the wrong size is an attack (a 16-byte CEK under A256GCM), never a smaller key.
 *
 * "decrypt" then "importKey" is preferred over one "unwrapKey": Node 20's unwrapKey first
 * tries the algorithm as a key-wrapping one, throwing and catching a DOMException on every
 * call, and measures slower than the two calls (bench/RESULTS.md).
 */
export async function unwrapCek(key: CryptoKey, encryptedKey: Uint8Array, cekBits: number): Promise<CryptoKey> {
  if (!key.usages.includes('decrypt')) {
    // A caller-supplied key limited to "unwrapKey": one call, and one on the failure path too.
    try {
      const cek = await crypto.subtle.unwrapKey(
        'raw',
        encryptedKey as BufferSource,
        key,
        OAEP,
        { name: 'AES-GCM' },
        false,
        ['decrypt'],
      )
      if ((cek.algorithm as AesKeyAlgorithm).length === cekBits) return cek
    } catch {
      // fall through to the decoy key
    }
    return decoyCek(cekBits)
  }
  let raw: Uint8Array | undefined
  try {
    raw = new Uint8Array(await crypto.subtle.decrypt(OAEP, key, encryptedKey as BufferSource))
  } catch {
    raw = undefined
  }
  const usable = raw !== undefined && raw.length * 8 === cekBits
  return importCek(usable ? raw! : crypto.getRandomValues(new Uint8Array(cekBits >>> 3)), ['decrypt'])
}

const decoys = /* @__PURE__ */ new Map<number, Promise<CryptoKey>>()

/**
 * A random key, created once per size and process, that decryption continues with after
 * an unwrap failure. Reusing it keeps the failure path at the same number of Web Crypto
 * calls as the success path; it is never exported and never decrypts anything.
 */
function decoyCek(bits: number): Promise<CryptoKey> {
  let decoy = decoys.get(bits)
  if (decoy === undefined) {
    // The token's own size: where the runtime lacks it (AES-192 in Chromium) this is the same
    // ERR_ALG_NOT_SUPPORTED that a key with "decrypt" gets, for every such token alike.
    decoy = importCek(crypto.getRandomValues(new Uint8Array(bits >>> 3)), ['decrypt'])
    decoys.set(bits, decoy)
    decoy.catch(() => decoys.delete(bits))
  }
  return decoy
}

/**
 * Encrypts a raw CEK to the recipient's RSA public key. A key limited to "wrapKey" wraps the
 * same bytes held in an extractable HMAC key, which takes any length on every runtime.
 */
export async function wrapCek(key: CryptoKey, cek: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    key.usages.includes('encrypt')
      ? await crypto.subtle.encrypt(OAEP, key, cek as BufferSource)
      : await crypto.subtle.wrapKey('raw', await crypto.subtle.importKey('raw', cek as BufferSource, HMAC, true, ['sign']), key, OAEP),
  )
}

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const
