/** Unwrap, CEK-length and tag failures throw the same error (class, code, message, properties, stack) through every RSA-OAEP decryption entry point. */
import { describe, expect, it } from 'vitest'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { DECRYPTION_FAILED_MESSAGE, JoseError } from '../../src/errors.ts'
import { decryptionEntryPoints, fileDecryptionFailures } from '../helpers/decryption-failures.ts'
import { fileContext, namedKey, rejects } from './support.ts'

const ctx = fileContext()
const tokens = fileDecryptionFailures()
const entryPoints = decryptionEntryPoints(ctx)

describe('one failure for every decryption error (RFC 7516 §11.5)', () => {
  for (const entry of entryPoints) {
    it(`${entry.name}: same class, code, message, properties and stack`, async () => {
      const decrypt = await entry.decrypt()
      await expect(decrypt(tokens.valid)).resolves.toBeDefined()
      const errors: JoseError[] = []
      for (const token of Object.values(tokens.failures)) {
        errors.push(await rejects(decrypt(token), 'ERR_JWE_DECRYPTION_FAILED', token))
      }
      const [first] = errors
      for (const error of errors) {
        expect(Object.getPrototypeOf(error)).toBe(JoseError.prototype)
        expect(error.constructor).toBe(JoseError)
        expect(error.name).toBe('JoseError')
        expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
        expect(error.cause).toBeUndefined()
        expect(Reflect.ownKeys(error)).toEqual(Reflect.ownKeys(first!))
        // The stack names the code path: it must be the same one for every kind of failure.
        expect(error.stack).toBe(first!.stack)
      }
    })
  }

  it('a DecryptionKeySet in which no key fits the token fails the same way', async () => {
    const set = new DecryptionKeySet([{ key: namedKey('other-recipient').privatePem }, { key: namedKey('third-recipient').privatePem }])
    for (const token of [tokens.valid, ...Object.values(tokens.failures)]) {
      const error = await rejects(decryptAndVerifyJwt(token, ctx.nested({ decryptionKey: set })), 'ERR_JWE_DECRYPTION_FAILED', token)
      expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    }
  })
})
