/**
 * Interop with jose for ML-DSA keys from PEM and AKP keys in JWK sets, both ways. Needs ML-DSA
 * in Web Crypto, which Node 20 (the vitest runtime) lacks: jose-ml-dsa.test.ts bundles this
 * script and runs it with Node 24 and 26. Prints one line per alg; throws on any mismatch.
 */
import * as jose from 'jose'
import { compactSign, compactVerify, createLocalJwks, importKey } from '../../src/index.ts'
import keys from '../../vectors/rfc9881-ml-dsa-keys.json' with { type: 'json' }

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const expect = (actual: string, expected: string): void => {
  if (actual !== expected) throw new Error(`expected ${expected}, got ${actual}`)
}

for (const alg of ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const) {
  const pems = keys[alg]
  // webjose signs with each PKCS#8 form it takes; jose verifies with the SPKI and the certificate.
  for (const form of ['seed', 'both'] as const) {
    const jws = await compactSign(`webjose ${form}`, await importKey(pems[form], alg), { alg })
    for (const verifier of [await jose.importSPKI(pems.spki, alg), await jose.importX509(pems.certificate, alg)]) {
      expect(text((await jose.compactVerify(jws, verifier, { algorithms: [alg] })).payload), `webjose ${form}`)
    }
  }
  // jose signs; webjose verifies with the SPKI, the certificate, and jose's public AKP JWK in a set.
  const fromJose = await new jose.CompactSign(new TextEncoder().encode('jose')).setProtectedHeader({ alg, kid: 'pq' }).sign(await jose.importPKCS8(pems.seed, alg))
  const jwk = await jose.exportJWK(await jose.importSPKI(pems.spki, alg, { extractable: true }))
  expect(String(jwk.alg), alg)
  const set = createLocalJwks({ keys: [{ ...jwk, kid: 'pq' }] })
  for (const key of [await importKey(pems.spki, alg), await importKey(pems.certificate, alg), set]) {
    expect(text((await compactVerify(fromJose, key, { algorithms: [alg] })).payload), 'jose')
  }
  console.log(`${alg} ok`)
}
