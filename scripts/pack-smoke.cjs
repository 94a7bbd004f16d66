// Copied into a fresh CommonJS project (package.json without "type") by pack-check.mjs: Node
// ≥ 20.19 loads the ES module build through require() (the exports map's "default" condition).
'use strict'
const webjose = require('webjose')
const { JoseError, base64url, compactSign, compactVerify, importKey } = webjose

async function main() {
  // One module instance for both loaders, so `instanceof JoseError` holds whichever one a caller used.
  const imported = await import('webjose')
  if (imported.JoseError !== JoseError) throw new Error('require() and import() loaded two copies')
  if (Object.keys(webjose).sort().join() !== Object.keys(imported).sort().join()) throw new Error('require() exports differ')
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )
  const privateKey = await importKey(await crypto.subtle.exportKey('jwk', pair.privateKey), 'RS256')
  const publicKey = await importKey(await crypto.subtle.exportKey('jwk', pair.publicKey), 'RS256')
  const jws = await compactSign('{"sub":"cjs"}', privateKey, { alg: 'RS256' })
  const { payload } = await compactVerify(jws, publicKey, { algorithms: ['RS256'] })
  if (new TextDecoder().decode(payload) !== '{"sub":"cjs"}') throw new Error('JWS round trip failed')
  try {
    base64url.decode('not base64url!')
    throw new Error('bad base64url was accepted')
  } catch (error) {
    if (!(error instanceof JoseError) || error.code !== 'ERR_BASE64URL') throw error
  }
  console.log(`pack-check: CommonJS smoke test passed on Node ${process.version} (require('webjose'), RS256 sign/verify)`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
