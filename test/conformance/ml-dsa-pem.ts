/**
 * ML-DSA keys from PEM (RFC 9881 Appendix C examples): PKCS#8 in its seed and both forms, SPKI,
 * X.509 certificates; the expandedKey-only form and keys of another ML-DSA alg are refused. AKP
 * keys in a JWK set are selected by "alg" (RFC 9964). Skipped where Web Crypto lacks ML-DSA,
 * where the refusal is checked instead.
 */
import { compactSign, compactVerify, createLocalJwks, exportJwk, importKey, type SignatureAlgorithm } from '../../src/index.ts'
import { assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { flipBit, ML_DSA_SUPPORTED, ML_DSA_UNSUPPORTED, text } from './support.ts'
import { rfc9881 } from './vectors.ts'

const ML_DSA = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const
const other = (alg: SignatureAlgorithm): (typeof ML_DSA)[number] => (alg === 'ML-DSA-44' ? 'ML-DSA-87' : 'ML-DSA-44')
const relabel = (pem: string, label: string): string => pem.replace(/(BEGIN|END) [A-Z ]+-----/g, `$1 ${label}-----`)

for (const alg of ML_DSA) {
  const pems = rfc9881[alg]
  const names = [
    `${alg} PEM (RFC 9881 C): PKCS#8 seed and both forms sign, SPKI and certificate verify, all one key`,
    `${alg} PEM refusals: expandedKey-only PKCS#8, another alg's key, wrong labels, public for private and back`,
    `${alg} AKP JWK in a set: selected by "alg", verifies; another alg's or an alg-less AKP key is not selected`,
  ]
  if (!ML_DSA_SUPPORTED) {
    for (const name of names) skip(name, ML_DSA_UNSUPPORTED)
    continue
  }
  test(names[0]!, async () => {
    const verifiers = [await importKey(pems.spki, alg), await importKey(pems.certificate, alg)]
    for (const pem of [pems.seed, pems.both]) {
      const jws = await compactSign('from PEM', await importKey(pem, alg), { alg })
      for (const key of verifiers) assertEqual(text((await compactVerify(jws, key, { algorithms: [alg] })).payload), 'from PEM')
      await assertRejectsWithCode(() => compactVerify(flipBit(jws, 2, 7), verifiers[0]!, { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_INVALID')
    }
    const fromSeed = await exportJwk(await importKey(pems.seed, alg, { extractable: true }))
    const fromBoth = await exportJwk(await importKey(pems.both, alg, { extractable: true }))
    const published = await exportJwk(await importKey(pems.spki, alg, { extractable: true }))
    assertEqual(fromSeed.priv, fromBoth.priv, 'the both form imports its seed')
    assertEqual(fromSeed.pub, published.pub, 'the seed generates the published key')
    assertEqual(fromSeed.alg, alg)
    assertEqual((await importKey(pems.seed, alg)).extractable, false)
  })

  test(names[1]!, async () => {
    await assertRejectsWithCode(() => importKey(pems.expanded, alg), 'ERR_KEY_INVALID')
    const wrong = rfc9881[other(alg)]
    for (const pem of [wrong.seed, wrong.both, wrong.spki, wrong.certificate]) await assertRejectsWithCode(() => importKey(pem, alg), 'ERR_KEY_INVALID')
    for (const pem of [relabel(pems.seed, 'PUBLIC KEY'), relabel(pems.spki, 'PRIVATE KEY'), relabel(pems.seed, 'EC PRIVATE KEY'), relabel(pems.spki, 'RSA PUBLIC KEY'), relabel(pems.certificate, 'PUBLIC KEY')]) {
      await assertRejectsWithCode(() => importKey(pem, alg), 'ERR_KEY_INVALID')
    }
    const publicKey = await importKey(pems.spki, alg)
    const privateKey = await importKey(pems.seed, alg)
    await assertRejectsWithCode(() => compactSign('x', publicKey, { alg }), 'ERR_KEY_INVALID')
    const jws = await compactSign('x', privateKey, { alg })
    await assertRejectsWithCode(() => compactVerify(jws, privateKey, { algorithms: [alg] }), 'ERR_KEY_INVALID')
    // RSA and EC algs refuse an ML-DSA key's PEM.
    await assertRejectsWithCode(() => importKey(pems.spki, 'ES256'), 'ERR_KEY_INVALID')
    await assertRejectsWithCode(() => importKey(pems.seed, 'PS256'), 'ERR_KEY_INVALID')
  })

  test(names[2]!, async () => {
    const privateKey = await importKey(pems.seed, alg)
    const jwk = await exportJwk(await importKey(pems.spki, alg, { extractable: true }))
    const wrongJwk = await exportJwk(await importKey(rfc9881[other(alg)].spki, other(alg), { extractable: true }))
    const jws = await compactSign('from a set', privateKey, { alg, kid: 'pq' })
    const keys = createLocalJwks({ keys: [{ ...wrongJwk, kid: 'pq' }, { ...jwk, kid: 'pq' }] })
    assertEqual(text((await compactVerify(jws, keys, { algorithms: [alg] })).payload), 'from a set')
    const { alg: _alg, ...algLess } = jwk
    await assertRejectsWithCode(() => compactVerify(jws, createLocalJwks({ keys: [{ ...algLess, kid: 'pq' }, { ...wrongJwk, kid: 'pq' }] }), { algorithms: [alg] }), 'ERR_JWKS_NO_MATCHING_KEY')
  })
}

test('ML-DSA PEM (RFC 9881 C): a both-form key whose expandedKey is not its seed\'s is refused; without ML-DSA, any ML-DSA PEM is ERR_ALG_NOT_SUPPORTED', async () => {
  if (!ML_DSA_SUPPORTED) {
    await assertRejectsWithCode(() => importKey(rfc9881['ML-DSA-44'].seed, 'ML-DSA-44'), 'ERR_ALG_NOT_SUPPORTED')
    return
  }
  await assertRejectsWithCode(() => importKey(rfc9881['inconsistent-ML-DSA-44'].both, 'ML-DSA-44'), 'ERR_KEY_INVALID')
})
