import { concatBytes } from '../../encoding/bytes.ts'
import { utf8Encode } from '../../encoding/utf8.ts'

/** A 32-bit big-endian integer (RFC 7518 §4.6.2: lengths and counters are 32-bit big-endian). */
const uint32 = (value: number): Uint8Array => new Uint8Array([value >>> 24, value >>> 16, value >>> 8, value])

/** A Datalen ‖ Data field of OtherInfo (NIST SP 800-56A §5.8.1.2, as RFC 7518 §4.6.2 uses it). */
const lengthPrefixed = (data: Uint8Array): Uint8Array => concatBytes(uint32(data.length), data)

/**
 * RFC 7518 §4.6.2 OtherInfo: AlgorithmID (the "enc" for direct ECDH-ES, else the "alg"),
 * PartyUInfo and PartyVInfo (the decoded "apu" and "apv", empty when absent), each prefixed
 * with its length, then SuppPubInfo, the derived key's length in bits. SuppPrivInfo is empty.
 */
export function otherInfo(algorithmId: string, apu: Uint8Array, apv: Uint8Array, keyBits: number): Uint8Array {
  return concatBytes(lengthPrefixed(utf8Encode(algorithmId)), lengthPrefixed(apu), lengthPrefixed(apv), uint32(keyBits))
}

/**
 * The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256 (RFC 7518 §4.6.2): SHA-256(counter ‖ Z ‖
 * OtherInfo) for counter = 1, 2, …, concatenated and cut to `keyBits` (a multiple of 8, at most 512).
 */
export async function concatKdf(sharedSecret: Uint8Array, keyBits: number, info: Uint8Array): Promise<Uint8Array> {
  const rounds = Math.ceil(keyBits / 256)
  const out = new Uint8Array(rounds * 32)
  for (let round = 0; round < rounds; round++) {
    const digest = await crypto.subtle.digest('SHA-256', concatBytes(uint32(round + 1), sharedSecret, info) as BufferSource)
    out.set(new Uint8Array(digest), round * 32)
  }
  return out.subarray(0, keyBits >>> 3)
}
