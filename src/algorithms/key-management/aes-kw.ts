import { algNotSupported, keyInvalid } from '../../errors.ts'
import type { KeySpec } from '../key-spec.ts'
import { cekOrRandom, randomCek, type KeyWrapFamily } from './family.ts'
import { importOct } from '../oct-importer.ts'

/** RFC 7518 §4.4: AES Key Wrap (RFC 3394) with a 128, 192 or 256-bit key. */
export type AesKwAlgorithm = 'A128KW' | 'A192KW' | 'A256KW'

const KW = { name: 'AES-KW' } as const
// The CEK travels in an extractable HMAC key: HMAC takes raw bytes of any length on every runtime.
const CARRIER = { name: 'HMAC', hash: 'SHA-256' } as const

/** The AES key specs of `name` (AES-KW, AES-GCM) for 128, 192 and 256 bits, by the "alg" `suffix` (KW, GCMKW) names. */
export const aesSpecs = (name: string, suffix: string, privateUsages: readonly KeyUsage[], publicUsages = privateUsages): Readonly<Record<string, KeySpec>> =>
  Object.fromEntries([128, 192, 256].map((secretBits) => [`A${secretBits}${suffix}`, { name, kty: 'oct', use: 'enc', privateUsages, publicUsages, secretBits, importer: importOct }]))

export const AES_KW_SPECS = aesSpecs('AES-KW', 'KW', ['unwrapKey', 'wrapKey']) as Readonly<Record<AesKwAlgorithm, KeySpec>>

/** The AES key size an "alg" names (A128KW, A256GCMKW, PBES2-HS256+A128KW → 128). */
export const aesBits = (alg: string): number => +/A(\d+)/.exec(alg)![1]!

/** RFC 7518 §4.4, §4.7: the key is exactly the size the "alg" names; a smaller one is a weaker key. */
export function checkAesKeyLength(alg: string, key: CryptoKey): void {
  if ((key.algorithm as AesKeyAlgorithm).length !== aesBits(alg)) throw keyInvalid(`key is not ${aesBits(alg)} bits for ${alg}`)
}

let decoy: Promise<CryptoKey> | undefined

/**
 * Unwraps to raw bytes. A failure exports a decoy carrier (made once per process) instead, so
 * it makes the same Web Crypto calls as a success, and continues with a random CEK (RFC 7516 §11.5).
 */
export async function kwUnwrap(kek: CryptoKey, encryptedKey: Uint8Array, cekBytes: number): Promise<Uint8Array> {
  const carrier = await crypto.subtle
    .unwrapKey('raw', encryptedKey as BufferSource, kek, KW, CARRIER, true, ['sign'])
    .catch(() => (decoy ??= crypto.subtle.importKey('raw', randomCek(8) as BufferSource, CARRIER, true, ['sign'])))
  return cekOrRandom(new Uint8Array(await crypto.subtle.exportKey('raw', carrier)), cekBytes)
}

export async function kwWrap(kek: CryptoKey, cek: Uint8Array): Promise<Uint8Array> {
  const carrier = await crypto.subtle.importKey('raw', cek as BufferSource, CARRIER, true, ['sign'])
  return new Uint8Array(await crypto.subtle.wrapKey('raw', carrier, kek, KW))
}

/** A derived AES-KW key (PBES2). Only a runtime without the size fails, for every token alike: no oracle. */
export function importKek(raw: Uint8Array, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, KW, false, usages).catch(() => {
    throw algNotSupported(`AES-${raw.length * 8} not supported by this runtime`)
  })
}

export const aesKw: KeyWrapFamily = {
  specs: AES_KW_SPECS,
  async unwrap(alg, key, encryptedKey, _header, cekBytes) {
    checkAesKeyLength(alg, key)
    return kwUnwrap(key, encryptedKey, cekBytes)
  },
  async wrap(alg, key, cekBytes, _header, given) {
    checkAesKeyLength(alg, key)
    const cek = given ?? randomCek(cekBytes)
    return { encryptedKey: await kwWrap(key, cek), cek }
  },
}
