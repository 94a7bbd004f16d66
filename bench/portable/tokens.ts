/**
 * Keys and Auth0-shaped nested tokens made with Web Crypto in the runtime under test: an RS256
 * JWT (issuer key RSA 2048) inside a compact JWE with RSA-OAEP-256 / A256GCM to the API's key,
 * the same shape as bench/lib/tokens.ts mints with node:crypto. Every token is distinct (its own
 * client id, iat, CEK and IV). The encoder here is the bench's own, not a contender's.
 */
export const ISSUER = 'https://tenant.auth0.example/'
export const AUDIENCE = 'https://api.example.com'

const RSA_OAEP_256 = { name: 'RSA-OAEP', hash: 'SHA-256' } as const
const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

export interface NestedKeys {
  /** The API's RSA-OAEP-256 private key, usages decrypt + unwrapKey: the same object for every contender. */
  decryption: CryptoKey
  encryption: CryptoKey
  /** The issuer's RS256 keys. */
  signing: CryptoKey
  verification: CryptoKey
}

const rsa = (bits: number) => ({ modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) })

export async function generateNestedKeys(bits: number): Promise<NestedKeys> {
  const [api, issuer] = await Promise.all([
    crypto.subtle.generateKey({ ...RSA_OAEP_256, ...rsa(bits) }, false, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']),
    crypto.subtle.generateKey({ ...RS256, ...rsa(2048) }, false, ['sign', 'verify']),
  ])
  return { decryption: api.privateKey, encryption: api.publicKey, signing: issuer.privateKey, verification: issuer.publicKey }
}

export function encodeBase64url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const utf8 = new TextEncoder()
const b64 = (text: string) => encodeBase64url(utf8.encode(text))

let serial = 0

/** One fresh token. */
export async function mintToken(keys: NestedKeys, bits: number): Promise<string> {
  const random = crypto.getRandomValues(new Uint8Array(24 + 32 + 12))
  const clientId = encodeBase64url(random.subarray(0, 24)).slice(0, 32)
  const iat = Math.floor(Date.now() / 1000) - (serial++ % 600)
  const claims = { iss: ISSUER, sub: `${clientId}@clients`, aud: AUDIENCE, iat, exp: iat + 86_400, azp: clientId, scope: 'read:messages write:messages read:users', gty: 'client-credentials' }
  const signingInput = `${b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'sig-1' }))}.${b64(JSON.stringify(claims))}`
  const signature = new Uint8Array(await crypto.subtle.sign(RS256, keys.signing, utf8.encode(signingInput)))
  const jws = `${signingInput}.${encodeBase64url(signature)}`

  const header = b64(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: `enc-${bits}`, cty: 'JWT' }))
  const cekBytes = random.subarray(24, 56)
  const iv = random.subarray(56)
  const encryptedKey = new Uint8Array(await crypto.subtle.encrypt(RSA_OAEP_256, keys.encryption, cekBytes))
  const cek = await crypto.subtle.importKey('raw', cekBytes, 'AES-GCM', false, ['encrypt'])
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(header) }, cek, utf8.encode(jws)))
  const tagStart = sealed.length - 16
  return [header, encodeBase64url(encryptedKey), encodeBase64url(iv), encodeBase64url(sealed.subarray(0, tagStart)), encodeBase64url(sealed.subarray(tagStart))].join('.')
}

/** `count` fresh tokens, minted a few at a time (the runtime may spread the RSA signatures over threads). */
export async function mintTokens(keys: NestedKeys, bits: number, count: number): Promise<string[]> {
  const tokens: string[] = []
  while (tokens.length < count) {
    const batch = Math.min(16, count - tokens.length)
    tokens.push(...(await Promise.all(Array.from({ length: batch }, () => mintToken(keys, bits)))))
  }
  return tokens
}
