import type { Hash, RsaAlgorithmSpec } from '../key-spec.ts'
import { cekOrRandom, type KeyManagementFamily } from './family.ts'

/** RFC 7518 §4.3 (RSA-OAEP, SHA-1) and its SHA-2 variants; MGF1 uses the same hash. */
export type RsaOaepAlgorithm = 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA-OAEP-384' | 'RSA-OAEP-512'


/**
 * "RSA-OAEP" is SHA-1; "RSA-OAEP-256" and the others name their SHA-2 hash. "decrypt" comes first:
 * decryption checks a key for its spec's first private usage.
 */
export const RSA_OAEP_SPECS = Object.fromEntries(
  ['', '-256', '-384', '-512'].map((size) => [
    `RSA-OAEP${size}`,
    { name: 'RSA-OAEP', hash: (size ? `SHA${size}` : 'SHA-1') as Hash, kty: 'RSA', use: 'enc', privateUsages: ['decrypt', 'unwrapKey'], publicUsages: ['encrypt', 'wrapKey'] } satisfies RsaAlgorithmSpec,
  ]),
) as unknown as Readonly<Record<RsaOaepAlgorithm, RsaAlgorithmSpec>>



/**
 * RFC 7516 §11.5: a failed unwrap and a CEK of the wrong size continue with a random CEK, with
 * the same Web Crypto calls as a success; the content decryption then fails uniformly. A CEK of
 * the wrong size is an attack (a 16-byte CEK under A256GCM), never a smaller key.
 *
 * "decrypt" is preferred over "unwrapKey": Node 20's unwrapKey first tries the algorithm as a
 * key-wrapping one, throwing and catching a DOMException on every call (bench/RESULTS.md). A
 * caller-supplied key limited to "unwrapKey" is rare: its code loads with the first such key.
 */
async function unwrap(_alg: string, key: CryptoKey, encryptedKey: Uint8Array, _header: unknown, cekBytes: number): Promise<Uint8Array> {
  const raw = key.usages.includes('decrypt')
    ? await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key, encryptedKey as BufferSource).then((bytes) => new Uint8Array(bytes), () => undefined)
    : await (await import('./oaep-unwrap.ts')).unwrapToRaw(key, encryptedKey)
  return cekOrRandom(raw, cekBytes)
}

export const rsaOaep: KeyManagementFamily = { specs: RSA_OAEP_SPECS, unwrap }
