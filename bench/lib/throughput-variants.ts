/**
 * The ways of opening a token that the throughput section compares, built from the same key
 * material in the main process, in worker threads and in child processes alike.
 *
 * - floor: the fewest Web Crypto calls that open the token (bench/lib/nested.ts, its
 *   decrypt + importKey form, the faster one on Node 20), with or without key copies.
 * - webjose: `createVerifier` as a resource server builds it (default cache, fresh tokens so
 *   every one misses it), the decryption key given as PEM (imported as copies: the default) or
 *   as one CryptoKey.
 * - node-sync (reference, not Web Crypto): node:crypto's synchronous calls for the same work.
 */
import { constants, createDecipheriv, createPrivateKey, createPublicKey, privateDecrypt, verify } from 'node:crypto'
import { createVerifier } from '../../src/index.ts'
import { floorOpener, floorTwoCallOpener, nestedOptions, type OpenToken } from './nested.ts'
import { AUDIENCE, ISSUER } from './tokens.ts'

export interface ThroughputMaterial {
  privatePem: string
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
  publicPem: string
}

/** Separately imported copies of the API key per process or worker (DecryptionKeySet's default). */
export const FLOOR_COPIES = 4

export type InProcessVariant =
  | 'floor'
  | 'floor-one-key'
  | 'floor-unwrap'
  | 'rsa-only'
  | 'rsa-only-one-key'
  | 'rsa-only-clones'
  | 'rsa-sync'
  | 'webjose-pem'
  | 'webjose-cryptokey'

export const VARIANT_LABELS: Record<InProcessVariant | 'node-sync', string> = {
  floor: `floor, ${FLOOR_COPIES} key copies`,
  'floor-one-key': 'floor, one CryptoKey',
  'floor-unwrap': `floor with unwrapKey, ${FLOOR_COPIES} key copies`,
  'rsa-only': `RSA-OAEP decrypt alone, ${FLOOR_COPIES} key copies`,
  'rsa-only-one-key': 'RSA-OAEP decrypt alone, one CryptoKey',
  'rsa-only-clones': `RSA-OAEP decrypt alone, ${FLOOR_COPIES} structuredClone()s of one CryptoKey`,
  'rsa-sync': 'RSA-OAEP decrypt alone, node:crypto synchronous, one thread (not Web Crypto; reference)',
  'webjose-pem': 'webjose createVerifier, PEM key (copies by default)',
  'webjose-cryptokey': 'webjose createVerifier, one CryptoKey',
  'node-sync': 'node:crypto, synchronous (not Web Crypto; reference)',
}

const importDecryption = (jwk: JsonWebKey) =>
  crypto.subtle.importKey('jwk', jwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt', 'unwrapKey'])

function inTurn(keys: readonly CryptoKey[]): () => CryptoKey {
  let next = 0
  return () => keys[next++ % keys.length]!
}

export async function inProcessOpeners(material: ThroughputMaterial): Promise<Record<InProcessVariant, OpenToken>> {
  const verification = await crypto.subtle.importKey('jwk', material.publicJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'verify',
  ])
  const one = await importDecryption(material.privateJwk)
  const copy = inTurn(await Promise.all(Array.from({ length: FLOOR_COPIES }, () => importDecryption(material.privateJwk))))
  // A structured clone is a new CryptoKey object; whether it has its own native key (and mutex) is measured.
  const clone = inTurn(Array.from({ length: FLOOR_COPIES }, () => structuredClone(one)))
  const rsaWith = (key: () => CryptoKey): OpenToken => (token) => crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key(), encryptedKey(token))
  // The floor reads keys.decryption once per token: a getter hands out the copies in turn.
  const rotating = { get decryption() { return copy() }, verification }
  const verifierFor = (decryptionKey: CryptoKey | string) => {
    const verifier = createVerifier(nestedOptions(decryptionKey as CryptoKey, verification))
    return (token: string) => verifier.verify(token)
  }
  return {
    floor: floorTwoCallOpener(rotating),
    'floor-one-key': floorTwoCallOpener({ decryption: one, verification }),
    'floor-unwrap': floorOpener(rotating),
    'rsa-only': rsaWith(copy),
    'rsa-only-one-key': rsaWith(() => one),
    'rsa-only-clones': rsaWith(clone),
    'rsa-sync': rsaSync(material),
    'webjose-pem': verifierFor(material.privatePem),
    'webjose-cryptokey': verifierFor(one),
  }
}

/** One RSA private-key operation as OpenSSL does it, with no Web Crypto around it: its CPU cost is the unit of the ceiling. */
function rsaSync(material: ThroughputMaterial): OpenToken {
  const key = createPrivateKey(material.privatePem)
  return async (token) => privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, encryptedKey(token) as Buffer)
}

const encryptedKey = (token: string): BufferSource => Buffer.from(token.split('.')[1]!, 'base64url') as BufferSource

/**
 * The same work through node:crypto's synchronous calls (RSA-OAEP-256 private decrypt,
 * AES-256-GCM, RS256 verify, the claims parsed): what OpenSSL does for a token without Web
 * Crypto's job dispatch. A reference for where the time goes, not something webjose can use.
 */
export function nodeSyncOpener(material: ThroughputMaterial): (token: string) => unknown {
  const privateKey = createPrivateKey(material.privatePem)
  const publicKey = createPublicKey(material.publicPem)
  return (token) => {
    const [header, key, iv, ciphertext, tag] = token.split('.') as [string, string, string, string, string]
    const cek = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(key, 'base64url'))
    const decipher = createDecipheriv('aes-256-gcm', cek, Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(header, 'latin1'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const jws = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('latin1')
    const lastDot = jws.lastIndexOf('.')
    if (!verify('sha256', Buffer.from(jws.slice(0, lastDot), 'latin1'), publicKey, Buffer.from(jws.slice(lastDot + 1), 'base64url'))) {
      throw new Error('node-sync: bad signature')
    }
    const claims = JSON.parse(Buffer.from(jws.slice(jws.indexOf('.') + 1, lastDot), 'base64url').toString('utf8')) as { iss?: string; aud?: string }
    if (claims.iss !== ISSUER || claims.aud !== AUDIENCE) throw new Error('node-sync: wrong issuer or audience')
    return claims
  }
}
