/**
 * The ways of opening one nested token that the portable cold path compares, all with the same
 * CryptoKeys: webjose's one call and its reusable verifier, jose 6, and the two Web Crypto floors
 * (the CEK recovered by `unwrapKey`, or by `decrypt` + `importKey`), of which the faster over the
 * run is the floor. The lean conforming verifier is lean.ts.
 */
import { compactDecrypt, jwtVerify } from 'jose'
import { createVerifier, decryptAndVerifyJwt } from '../../src/index.ts'
import { AUDIENCE, ISSUER, type NestedKeys } from './tokens.ts'

export type OpenToken = (token: string) => Promise<unknown>

/** What opening a token needs: the API's RSA-OAEP-256 private key and the issuer's RS256 public key. */
export type OpeningKeys = Pick<NestedKeys, 'decryption' | 'verification'>

export function nestedOptions(keys: OpeningKeys) {
  return {
    decryptionKey: keys.decryption,
    verificationKey: keys.verification,
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
  } as const
}

export function webjoseOpener(keys: OpeningKeys): OpenToken {
  const options = nestedOptions(keys)
  return (token) => decryptAndVerifyJwt(token, options)
}

/** webjose's reusable verifier, cache off: every token takes the cold path, options checked once. */
export function verifierOpener(keys: OpeningKeys): OpenToken {
  const verifier = createVerifier({ ...nestedOptions(keys), cache: false })
  return (token) => verifier.verify(token)
}

export function joseOpener(keys: OpeningKeys): OpenToken {
  const decryptOptions = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] }
  const verifyOptions = { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE }
  return async (token) => {
    const { plaintext } = await compactDecrypt(token, keys.decryption, decryptOptions)
    return jwtVerify(plaintext, keys.verification, verifyOptions)
  }
}

type Decode = (text: string) => Uint8Array<ArrayBuffer>

interface NativeBase64 {
  fromBase64?: (text: string, options: { alphabet: 'base64url' }) => Uint8Array<ArrayBuffer>
}
interface BufferLike {
  from(text: string, encoding: 'base64url'): Uint8Array<ArrayBuffer>
}

/**
 * The floor's base64url decoder: the fastest the runtime offers, lenient (a floor checks nothing).
 * `Uint8Array.fromBase64` where present, else Node/Bun's Buffer, else atob.
 */
export function nativeDecoder(): { name: string; decode: Decode } {
  const fromBase64 = (Uint8Array as NativeBase64).fromBase64
  if (fromBase64 !== undefined) return { name: 'Uint8Array.fromBase64', decode: (text) => fromBase64(text, { alphabet: 'base64url' }) }
  const buffer = (globalThis as { Buffer?: BufferLike }).Buffer
  if (buffer !== undefined) return { name: 'Buffer.from', decode: (text) => buffer.from(text, 'base64url') }
  return { name: 'atob', decode: atobDecode }
}

export function atobDecode(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

const OAEP = { name: 'RSA-OAEP' } as const
const AES_GCM = { name: 'AES-GCM' } as const
const RS256 = { name: 'RSASSA-PKCS1-v1_5' } as const
const CEK_USAGES: KeyUsage[] = ['decrypt']

export const FLOOR_SEQUENCES = {
  /** RSA-OAEP → AES-GCM key in one call. */
  unwrapKey: (keys: OpeningKeys, encryptedKey: BufferSource) => crypto.subtle.unwrapKey('raw', encryptedKey, keys.decryption, OAEP, AES_GCM, false, CEK_USAGES),
  /** RSA-OAEP decrypt, then import the raw CEK. */
  'decrypt+importKey': async (keys: OpeningKeys, encryptedKey: BufferSource) =>
    crypto.subtle.importKey('raw', await crypto.subtle.decrypt(OAEP, keys.decryption, encryptedKey), AES_GCM, false, CEK_USAGES),
} as const

export type FloorSequence = keyof typeof FLOOR_SEQUENCES

/**
 * A Web Crypto floor: the fewest subtle calls that open the token and the least parsing around
 * them (split, native base64url, JSON.parse of the claims). No header or claim checks.
 */
export function floorOpener(keys: OpeningKeys, sequence: FloorSequence, decode: Decode = nativeDecoder().decode): OpenToken {
  const recoverCek = FLOOR_SEQUENCES[sequence]
  const ascii = new TextEncoder()
  const text = new TextDecoder()
  const subtle = crypto.subtle
  return async (token) => {
    const [header, encryptedKey, iv, ciphertext, tag] = token.split('.') as [string, string, string, string, string]
    const cek = await recoverCek(keys, decode(encryptedKey))
    const body = decode(ciphertext)
    const tagBytes = decode(tag)
    const sealed = new Uint8Array(body.length + tagBytes.length)
    sealed.set(body)
    sealed.set(tagBytes, body.length)
    const plaintext = await subtle.decrypt({ name: 'AES-GCM', iv: decode(iv), additionalData: ascii.encode(header) }, cek, sealed)
    const jws = text.decode(plaintext)
    const firstDot = jws.indexOf('.')
    const lastDot = jws.lastIndexOf('.')
    const valid = await subtle.verify(RS256, keys.verification, decode(jws.slice(lastDot + 1)), ascii.encode(jws.slice(0, lastDot)))
    if (!valid) throw new Error('floor: bad signature')
    return JSON.parse(text.decode(decode(jws.slice(firstDot + 1, lastDot))))
  }
}
