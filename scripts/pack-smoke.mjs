// Copied into a fresh project by pack-check.mjs: it resolves 'webjose' from the installed tarball.
import { JoseError, base64url, compactDecrypt, compactEncrypt, compactSign, compactVerify, importKey } from 'webjose'

const bytes = crypto.getRandomValues(new Uint8Array(33))
const encoded = base64url.encode(bytes)
if (base64url.decode(encoded).join() !== bytes.join()) throw new Error('base64url round trip failed')

async function keys(algorithm, usages, alg) {
  const pair = await crypto.subtle.generateKey(
    { ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    usages,
  )
  const [privateJwk, publicJwk] = await Promise.all([
    crypto.subtle.exportKey('jwk', pair.privateKey),
    crypto.subtle.exportKey('jwk', pair.publicKey),
  ])
  return { privateKey: await importKey(privateJwk, alg), publicKey: await importKey(publicJwk, alg) }
}

const signing = await keys({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['sign', 'verify'], 'RS256')
const jws = await compactSign('{"sub":"smoke"}', signing.privateKey, { alg: 'RS256' })
const verified = await compactVerify(jws, signing.publicKey, { algorithms: ['RS256'] })
if (new TextDecoder().decode(verified.payload) !== '{"sub":"smoke"}') throw new Error('JWS round trip failed')

const encryption = await keys({ name: 'RSA-OAEP', hash: 'SHA-256' }, ['encrypt', 'decrypt'], 'RSA-OAEP-256')
const jwe = await compactEncrypt(jws, encryption.publicKey, { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' })
const decrypted = await compactDecrypt(jwe, encryption.privateKey, {
  keyManagementAlgorithms: ['RSA-OAEP-256'],
  contentEncryptionAlgorithms: ['A256GCM'],
})
if (new TextDecoder().decode(decrypted.plaintext) !== jws) throw new Error('JWE round trip failed')

try {
  base64url.decode('not base64url!')
  throw new Error('bad base64url was accepted')
} catch (error) {
  if (!(error instanceof JoseError) || error.code !== 'ERR_BASE64URL') throw error
}
// The framework adapters, each reached through its subpath only.
for (const subpath of ['express', 'fastify', 'hono']) {
  const adapter = await import(`webjose/${subpath}`)
  if (typeof adapter.auth !== 'function' || typeof adapter.requiredScopes !== 'function') throw new Error(`webjose/${subpath} lacks auth or requiredScopes`)
}
console.log('pack-check: smoke test passed (webjose/express, /fastify, /hono; base64url, RS256 sign/verify, RSA-OAEP-256 + A256GCM encrypt/decrypt)')
