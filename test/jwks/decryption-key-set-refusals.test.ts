/** new DecryptionKeySet over every key type: each entry that could never decrypt is refused when the set is made (ERR_KEY_INVALID). */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateKeyPairSync } from 'node:crypto'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { b64, cryptoKeyFor, namedKey } from '../helpers/tokens.ts'
import { curveKeys, secret, type CurveKey } from '../helpers/decryption-key-set-forms.ts'

let P256: CurveKey, P521: CurveKey, X25519: CurveKey, X448: CurveKey
beforeAll(() => {
  ;({ P256, P521, X25519, X448 } = curveKeys())
})

describe('construction refuses what could never decrypt (ERR_KEY_INVALID)', () => {
  const refuse = (key: unknown, message?: string) => {
    const error = expectJoseErrorSync(() => new DecryptionKeySet([{ key: key as never }]), 'ERR_KEY_INVALID')
    if (message !== undefined) expect(error.message).toBe(message)
  }
  const octJwk = { kty: 'oct', k: b64(secret(32, 1)) }

  it('empty bytes', () => {
    refuse(new Uint8Array(0), 'decryption key 0 is empty')
  })

  it('an oct JWK for signing, without a decrypting key_ops, malformed, or whose alg is not a JWE alg for a secret or is of another size', () => {
    for (const members of [{ use: 'sig' }, { key_ops: ['sign'] }, { key_ops: ['encrypt', 'wrapKey'] }, { key_ops: 'decrypt' }, { ext: 'no' }, { k: 'not base64url!' }, { k: undefined }, { k: '' }]) {
      refuse({ ...octJwk, ...members })
    }
    for (const alg of ['HS256', 'RSA-OAEP', 'ECDH-ES', 'A512KW', 5]) refuse({ ...octJwk, alg }, 'JWK "alg" mismatch')
    for (const alg of ['A128KW', 'A192GCMKW', 'A128GCM', 'A256CBC-HS512']) refuse({ ...octJwk, alg }, `JWK "k" is not the size ${alg} needs`)
    // Controls.
    for (const members of [{ use: 'enc' }, { key_ops: ['unwrapKey'] }, { key_ops: ['decrypt', 'encrypt'], use: 'enc' }, { key_ops: ['deriveBits'] }, { alg: 'A256GCMKW' }, { alg: 'A128CBC-HS256' }, { alg: 'PBES2-HS256+A128KW' }, { ext: true }]) {
      expect(new DecryptionKeySet([{ key: { ...octJwk, ...members } as JsonWebKey }])).toBeInstanceOf(DecryptionKeySet)
    }
  })

  it('an EC or OKP JWK that is public, of a curve ECDH-ES lacks, malformed, for signing, or bound to another alg', () => {
    refuse(P256.publicJwk, 'decryption key 0 is a public key; a private key is needed')
    refuse(X25519.publicJwk, 'decryption key 0 is a public key; a private key is needed')
    refuse({ kty: 'OKP', crv: 'Ed25519', x: b64(secret(32, 1)), d: b64(secret(32, 2)) }, 'JWK "crv" invalid')
    refuse({ ...X25519.privateJwk, kty: 'EC' }, 'JWK "crv" invalid')
    refuse({ ...P256.privateJwk, crv: 'secp256k1' }, 'JWK "crv" invalid')
    refuse({ ...P256.privateJwk, x: b64(secret(31, 1)) }, 'JWK "x" invalid')
    refuse({ ...P521.privateJwk, y: b64(secret(64, 1)) }, 'JWK "y" invalid')
    refuse({ ...X448.privateJwk, d: b64(secret(32, 1)) }, 'JWK "d" invalid')
    refuse({ ...P256.privateJwk, y: undefined }, 'JWK "y" invalid')
    for (const members of [{ use: 'sig' }, { key_ops: ['sign'] }, { key_ops: ['deriveKey'] }, { alg: 'ES256' }, { alg: 'A256KW' }]) refuse({ ...P256.privateJwk, ...members })
    // Controls.
    for (const members of [{ use: 'enc' }, { key_ops: ['deriveBits'] }, { alg: 'ECDH-ES+A192KW' }]) {
      expect(new DecryptionKeySet([{ key: { ...P256.privateJwk, ...members } as JsonWebKey }])).toBeInstanceOf(DecryptionKeySet)
    }
  })

  it('a PEM that is public, a signing curve, a SEC1 key naming no curve, or malformed DER', () => {
    refuse(P256.publicPem, 'decryption key 0 is a public key; a private key is needed')
    const ed25519 = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
    refuse(ed25519.privateKey, 'key is not for ECDH-ES')
    // SEC1 without its [0] parameters: version, the private key, and the [1] public key only.
    const der = Buffer.from(P256.sec1Pem!.replace(/-----[^-]+-----|\s/g, ''), 'base64')
    const keyEnd = 2 + 3 + 2 + 32
    const parametersLength = der[keyEnd + 1]! + 2
    const body = Buffer.concat([der.subarray(2, keyEnd), der.subarray(keyEnd + parametersLength)])
    const noCurve = Buffer.concat([Buffer.from([0x30, body.length]), body])
    refuse(`-----BEGIN EC PRIVATE KEY-----\n${noCurve.toString('base64')}\n-----END EC PRIVATE KEY-----`, 'SEC1 key names no curve')
    refuse('-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----', 'DER: malformed')
    refuse('-----BEGIN PRIVATE KEY-----\nMAMCAQE=\n-----END PRIVATE KEY-----', 'DER: malformed')
  })

  it('a CryptoKey that is public, lacks its decryption usage, signs, or is a "dir" key that cannot be read', async () => {
    const message = 'decryption key 0 is not a private or secret key for a JWE algorithm, with its decryption usage (RSA keys of 2048 bits or more)'
    const ecdh = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits', 'deriveKey'])) as CryptoKeyPair
    const x25519 = (await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveKey'])) as CryptoKeyPair
    const keys = [
      ecdh.publicKey,
      x25519.privateKey,
      await crypto.subtle.importKey('raw', secret(16, 1), 'AES-KW', false, ['wrapKey']),
      await crypto.subtle.importKey('raw', secret(16, 1), 'AES-GCM', false, ['encrypt']),
      // AES-GCM key wrap decrypts: "unwrapKey" alone could never open a token.
      await crypto.subtle.importKey('raw', secret(16, 1), 'AES-GCM', false, ['unwrapKey']),
      await crypto.subtle.importKey('raw', secret(16, 1), 'PBKDF2', false, ['deriveKey']),
      await crypto.subtle.importKey('raw', secret(32, 1), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']),
      ((await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair).privateKey,
      // RFC 7518 §4.3: RSA keys of 2048 bits or more.
      await cryptoKeyFor(namedKey('small', 1024), 'RSA-OAEP-256', 'private'),
    ]
    for (const key of keys) refuse(key, message)
    // Controls: an ECDH private key with deriveBits; an RSA-OAEP private key with unwrapKey only (RFC 7517 §4.3).
    for (const key of [ecdh.privateKey, await cryptoKeyFor(namedKey('a'), 'RSA-OAEP', 'private', ['unwrapKey'])]) {
      expect(new DecryptionKeySet([{ key }])).toBeInstanceOf(DecryptionKeySet)
    }
  })
})
