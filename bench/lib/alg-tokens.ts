/**
 * Keys and tokens for section 6 (other algorithms against jose), made with node:crypto only, so
 * that neither contender mints its own input. Every token is distinct (its own sub, iat, and for
 * JWE its own CEK, IV and, for ECDH-ES, ephemeral key). Keys reach both contenders as the same
 * CryptoKeys, imported once with crypto.subtle.
 */
import {
  createCipheriv,
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto'
import { AUDIENCE, ISSUER } from './tokens.ts'

export type JwsBenchAlgorithm = 'HS256' | 'ES256' | 'EdDSA'
export type JweBenchAlgorithm = 'A256KW' | 'ECDH-ES+A256KW'
export type JweBenchEncryption = 'A256GCM' | 'A256CBC-HS512'

/** Mints fresh tokens for one algorithm; `key` is what both contenders verify or decrypt with. */
export interface Minter {
  key: CryptoKey
  mint(): string
}

const b64 = (value: Uint8Array | string): string => Buffer.from(value).toString('base64url')

let serial = 0

/** Auth0-shaped claims (as in tokens.ts), each set distinct. */
function claims(): string {
  const clientId = randomBytes(24).toString('base64url').slice(0, 32)
  const iat = Math.floor(Date.now() / 1000) - (serial++ % 600)
  return JSON.stringify({
    iss: ISSUER,
    sub: `${clientId}@clients`,
    aud: AUDIENCE,
    iat,
    exp: iat + 86_400,
    azp: clientId,
    scope: 'read:messages write:messages read:users',
    gty: 'client-credentials',
  })
}

/**
 * A key pair as KeyObjects made fresh from PEM (see generateRsa in tokens.ts: exporting a JWK
 * from a KeyObject that the generation job still shares can deadlock Node 20).
 */
function keyPair(type: 'ec' | 'ed25519'): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKeyEncoding = { type: 'pkcs8', format: 'pem' } as const
  const publicKeyEncoding = { type: 'spki', format: 'pem' } as const
  const pems =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding, publicKeyEncoding })
      : generateKeyPairSync('ed25519', { privateKeyEncoding, publicKeyEncoding })
  return { privateKey: createPrivateKey(pems.privateKey), publicKey: createPublicKey(pems.publicKey) }
}

const subtle = crypto.subtle

export async function jwsMinter(alg: JwsBenchAlgorithm): Promise<Minter> {
  const header = b64(JSON.stringify({ alg, typ: 'JWT' }))
  const signed = (signature: (input: Buffer) => Buffer) => () => {
    const input = `${header}.${b64(claims())}`
    return `${input}.${b64(signature(Buffer.from(input, 'latin1')))}`
  }
  if (alg === 'HS256') {
    const secret = randomBytes(32)
    const key = await subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
    return { key, mint: signed((input) => createHmac('sha256', secret).update(input).digest()) }
  }
  if (alg === 'ES256') {
    const pair = keyPair('ec')
    const key = await subtle.importKey('jwk', pair.publicKey.export({ format: 'jwk' }), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])
    // RFC 7518 §3.4: R ‖ S, not DER.
    return { key, mint: signed((input) => sign('sha256', input, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' })) }
  }
  const pair = keyPair('ed25519')
  const key = await subtle.importKey('jwk', pair.publicKey.export({ format: 'jwk' }), { name: 'Ed25519' }, false, ['verify'])
  return { key, mint: signed((input) => sign(null, input, pair.privateKey)) }
}

/** RFC 3394 AES key wrap with the default IV (RFC 7518 §4.4). */
function aesKeyWrap(kek: Uint8Array, cek: Uint8Array): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'))
  return Buffer.concat([cipher.update(cek), cipher.final()])
}

/** [iv, ciphertext, tag] of `plaintext` under `enc`, the protected header (ASCII) as AAD. */
function encryptContent(enc: JweBenchEncryption, cek: Buffer, protectedHeader: string, plaintext: string): [Buffer, Buffer, Buffer] {
  const aad = Buffer.from(protectedHeader, 'ascii')
  if (enc === 'A256GCM') {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', cek, iv).setAAD(aad)
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return [iv, ciphertext, cipher.getAuthTag()]
  }
  // RFC 7518 §5.2.2.1: CEK = MAC_KEY ‖ ENC_KEY; tag = first half of HMAC(AAD ‖ IV ‖ ciphertext ‖ AL).
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-256-cbc', cek.subarray(32), iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const al = Buffer.alloc(8)
  al.writeBigUInt64BE(BigInt(aad.length * 8))
  const tag = createHmac('sha512', cek.subarray(0, 32)).update(Buffer.concat([aad, iv, ciphertext, al])).digest().subarray(0, 32)
  return [iv, ciphertext, tag]
}

const cekBytes = (enc: JweBenchEncryption): number => (enc === 'A256GCM' ? 32 : 64)

function compactJwe(header: object, enc: JweBenchEncryption, cek: Buffer, encryptedKey: Buffer): string {
  const protectedHeader = b64(JSON.stringify(header))
  const [iv, ciphertext, tag] = encryptContent(enc, cek, protectedHeader, claims())
  return [protectedHeader, b64(encryptedKey), b64(iv), b64(ciphertext), b64(tag)].join('.')
}

const u32 = (n: number): Buffer => {
  const out = Buffer.alloc(4)
  out.writeUInt32BE(n)
  return out
}

/** RFC 7518 §4.6.2 Concat KDF for a 256-bit key (one SHA-256 round), apu and apv empty. */
function concatKdf256(z: Buffer, alg: string): Buffer {
  return createHash('sha256').update(Buffer.concat([u32(1), z, u32(alg.length), Buffer.from(alg), u32(0), u32(0), u32(256)])).digest()
}

export async function jweMinter(alg: JweBenchAlgorithm, enc: JweBenchEncryption): Promise<Minter> {
  if (alg === 'A256KW') {
    const kek = randomBytes(32)
    const key = await subtle.importKey('raw', kek, 'AES-KW', false, ['wrapKey', 'unwrapKey'])
    const header = { alg, enc }
    return {
      key,
      mint() {
        const cek = randomBytes(cekBytes(enc))
        return compactJwe(header, enc, cek, aesKeyWrap(kek, cek))
      },
    }
  }
  const pair = keyPair('ec')
  const privateJwk = pair.privateKey.export({ format: 'jwk' })
  const recipient = Buffer.concat([Buffer.of(4), Buffer.from(privateJwk.x!, 'base64url'), Buffer.from(privateJwk.y!, 'base64url')])
  const key = await subtle.importKey('jwk', privateJwk, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits', 'deriveKey'])
  return {
    key,
    mint() {
      const ephemeral = createECDH('prime256v1')
      const point = ephemeral.generateKeys()
      const epk = { kty: 'EC', crv: 'P-256', x: b64(point.subarray(1, 33)), y: b64(point.subarray(33)) }
      const cek = randomBytes(cekBytes(enc))
      const kek = concatKdf256(ephemeral.computeSecret(recipient), alg)
      return compactJwe({ alg, enc, epk }, enc, cek, aesKeyWrap(kek, cek))
    },
  }
}
