/**
 * createLocalJwks and key selection over random documents: any JSON value, `{ "keys": [...] }`
 * with random entries, and near-valid sets built from real public keys whose entries carry
 * varied "kid", "alg", "use" and "key_ops", private members, JWK mutations (see support.ts),
 * "__proto__" members, deep nesting, or too many keys.
 *
 * Properties: createLocalJwks returns a resolver or throws ERR_JWKS_INVALID, exactly when the
 * document is not a set of at most 100 keys nested at most 16 levels (as a fetched set); the
 * resolver gives a public, non-extractable verification CryptoKey of the one key that matches
 * (RFC 7517: "kid" equal when the header has one, "use" sig, "alg" the header's, "key_ops"
 * with verify; copies of one public key count once), or rejects with ERR_JWKS_NO_MATCHING_KEY,
 * ERR_JWKS_MULTIPLE_MATCHING_KEYS, ERR_ALG_NOT_SUPPORTED or ERR_KEY_INVALID as that model
 * predicts; selectJwk returns the matching entry itself, or one of those codes. No message
 * quotes the document. fast-check prints the seed and the shrunk counterexample on failure.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { buildDocument, document, header, makeKeyPool, type KeyPool } from './jwk-set-documents.ts'
import { checkResolver, checkSelectJwk, tooDeep } from './jwk-set-model.ts'

let keyPool: KeyPool

beforeAll(() => {
  keyPool = makeKeyPool()
})

describe('local JWK sets: a CryptoKey of the matching key or a JoseError', () => {
  it('any JSON value, and { keys: [any JSON] }', async () => {
    const doc = fc.oneof(fc.jsonValue(), fc.record({ keys: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }) }))
    await fc.assert(
      fc.asyncProperty(doc, header, async (value, request) => {
        const text = JSON.stringify(value) ?? ''
        await checkResolver(value, request, text, keyPool)
        checkSelectJwk(value, request, text)
      }),
      { numRuns: 1000 },
    )
  })

  it('near-valid sets of real keys: kid/alg/use/key_ops variations, private members, mutations, deep nesting, too many keys', async () => {
    /** Resolved keys, to check that the generators reach the successful path. */
    let resolved = 0
    await fc.assert(
      fc.asyncProperty(document, fc.array(header, { minLength: 1, maxLength: 3 }), async (recipe, requests) => {
        const doc = buildDocument(recipe, keyPool)
        const text = tooDeep(doc) ? '' : (JSON.stringify(doc) ?? '')
        for (const request of requests) {
          if (await checkResolver(doc, request, text, keyPool)) resolved++
          checkSelectJwk(doc, request, text)
        }
      }),
      { numRuns: 1000 },
    )
    expect(resolved).toBeGreaterThan(0)
  }, 30_000)
})
