/**
 * The lean conforming verifier: the Web Crypto floor plus only the checks every verifier must
 * make (RFC 7515 §5.2, RFC 7516 §5.2, RFC 7519 §7.2, RFC 8725 §3.1), written as lean as the bench
 * can. What a conforming verifier costs at least, so the distance from it to the floor is the
 * room a library has under the cold-path target. Web APIs only: Node's ladder
 * (bench/lib/ladder.ts) and the portable bench (run.ts) time the same code, each choosing its
 * base64url decoder.
 */
import { byteLength, decode, decodeIntoBuffer } from '../../src/encoding/base64url.ts'
import type { OpeningKeys, OpenToken } from './openers.ts'
import { AUDIENCE, ISSUER } from './tokens.ts'

/** A base64url decoder: whole segments, and the ciphertext into the buffer it shares with the tag. */
export interface LeanDecoder {
  decode(segment: string): Uint8Array
  decodeInto(segment: string, out: Uint8Array, offset: number): void
}

/** webjose's strict decoder (native `setFromBase64` where the runtime has it): in place, as readContent decodes, so the lean verifier is not charged a copy webjose avoids. */
export const strictDecoder: LeanDecoder = {
  decode,
  decodeInto: (segment, out, offset) => decodeIntoBuffer(segment, out, offset, 'ciphertext'),
}

const AES_GCM = { name: 'AES-GCM' } as const
const OAEP = { name: 'RSA-OAEP' } as const
const RS256 = { name: 'RSASSA-PKCS1-v1_5' } as const
const utf8 = new TextDecoder('utf-8', { fatal: true })
const ascii = new TextEncoder()
const json = (bytes: Uint8Array): Record<string, unknown> => {
  const value: unknown = JSON.parse(utf8.decode(bytes))
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object')
  return value as Record<string, unknown>
}
const refuse = (what: string): never => {
  throw new Error(`refused: ${what}`)
}

/**
 * The inner JWT with the least a verifier must do: a JSON header whose "alg" is allowed and that
 * has no "crit" or "b64"; the signature; a JSON claims set (parsed while the signature is
 * verified, judged after it holds) whose "exp" is in the future, "nbf" past, "iss" the issuer
 * and "aud" the audience.
 */
export async function leanInner(plaintext: Uint8Array, keys: OpeningKeys, decoder: LeanDecoder): Promise<unknown> {
  const jws = utf8.decode(plaintext)
  const firstDot = jws.indexOf('.')
  const lastDot = jws.lastIndexOf('.')
  if (firstDot < 0 || jws.indexOf('.', firstDot + 1) !== lastDot) refuse('JWS segments')
  const header = json(decoder.decode(jws.slice(0, firstDot)))
  if (header.alg !== 'RS256' || header.crit !== undefined || header.b64 !== undefined) refuse('JWS header')
  const verified = crypto.subtle.verify(RS256, keys.verification, decoder.decode(jws.slice(lastDot + 1)) as BufferSource, plaintext.subarray(0, lastDot) as BufferSource)
  const claims = json(decoder.decode(jws.slice(firstDot + 1, lastDot)))
  if (!(await verified)) refuse('signature')
  const now = Date.now() / 1000
  const { exp, nbf, iss, aud } = claims
  if (typeof exp !== 'number' || now >= exp || (nbf !== undefined && !(typeof nbf === 'number' && nbf <= now))) refuse('exp/nbf')
  if (iss !== ISSUER || !(aud === AUDIENCE || (Array.isArray(aud) && aud.includes(AUDIENCE)))) refuse('iss/aud')
  return claims
}

/** Recovers the CEK (RSA-OAEP decrypt + importKey) and decrypts the content. */
export async function decryptContent(keys: OpeningKeys, encryptedKey: Uint8Array, content: () => [Uint8Array, Uint8Array, Uint8Array]): Promise<Uint8Array> {
  const rawCek = crypto.subtle.decrypt(OAEP, keys.decryption, encryptedKey as BufferSource)
  // IV, ciphertext and tag are decoded while RSA-OAEP runs.
  const [iv, ciphertextAndTag, aad] = content()
  const cek = await crypto.subtle.importKey('raw', await rawCek, AES_GCM, false, ['decrypt'])
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource }, cek, ciphertextAndTag as BufferSource))
}

/** The whole lean verifier: the JWE header's "alg"/"enc" allowed, no "crit" or "zip"; IV and tag sizes; then leanInner. */
export function leanVerifier(keys: OpeningKeys, decoder: LeanDecoder): OpenToken {
  return async (token) => {
    const segments = token.split('.')
    if (segments.length !== 5) refuse('JWE segments')
    const [protectedHeader, encryptedKey, iv, ciphertext, tag] = segments as [string, string, string, string, string]
    const header = json(decoder.decode(protectedHeader))
    if (header.alg !== 'RSA-OAEP-256' || header.enc !== 'A256GCM' || header.crit !== undefined || header.zip !== undefined) refuse('JWE header')
    const plaintext = await decryptContent(keys, decoder.decode(encryptedKey), () => {
      const ivBytes = decoder.decode(iv)
      const tagBytes = decoder.decode(tag)
      if (ivBytes.length !== 12 || tagBytes.length !== 16) refuse('IV/tag size')
      const ciphertextLength = byteLength(ciphertext, 'ciphertext')
      const ciphertextAndTag = new Uint8Array(ciphertextLength + 16)
      decoder.decodeInto(ciphertext, ciphertextAndTag, 0)
      ciphertextAndTag.set(tagBytes, ciphertextLength)
      return [ivBytes, ciphertextAndTag, ascii.encode(protectedHeader)]
    })
    return leanInner(plaintext, keys, decoder)
  }
}
