/**
 * Fresh tokens for the throughput section, cheaply: section 1's token shape (an Auth0-shaped RS256
 * JWT inside RSA-OAEP-256/A256GCM), but the inner JWTs come from a pool of `distinct` signed ones
 * while every JWE is new (its own CEK and IV, so its own string: no cache can answer it, and the
 * RSA decryption, AES-GCM decryption and RS256 verification all run). Signing each JWT anew
 * (an RSA private-key operation per token, on the bench's own main thread) would cost as much
 * CPU as opening it and double the section's time.
 */
import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto'
import { TokenMinter, type KeyPairObjects } from './tokens.ts'

const b64 = (value: Uint8Array): string => Buffer.from(value).toString('base64url')

export function throughputMinter(signing: KeyPairObjects, recipient: KeyPairObjects, distinct = 256): (count: number) => string[] {
  // The JWTs of section 1's tokens, recovered once from them.
  const source = new TokenMinter(signing, recipient).pool(distinct)
  const protectedHeader = source[0]!.split('.')[0]!
  const jwts = source.map((token) => {
    const [, encryptedKey, iv, ciphertext, tag] = token.split('.') as [string, string, string, string, string]
    const oaep = { key: recipient.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }
    const decipher = createDecipheriv('aes-256-gcm', privateDecrypt(oaep, Buffer.from(encryptedKey, 'base64url')), Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(protectedHeader, 'ascii'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
  })
  let next = 0
  const mint = (): string => {
    const jwt = jwts[next++ % jwts.length]!
    const cek = randomBytes(32)
    const iv = randomBytes(12)
    const encryptedKey = publicEncrypt({ key: recipient.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek)
    const cipher = createCipheriv('aes-256-gcm', cek, iv)
    cipher.setAAD(Buffer.from(protectedHeader, 'ascii'))
    const ciphertext = Buffer.concat([cipher.update(jwt), cipher.final()])
    return [protectedHeader, b64(encryptedKey), b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.')
  }
  return (count) => Array.from({ length: count }, mint)
}
