/** decryptAndVerifyJwt's options, each refused by code when malformed. */
import { describe, it } from 'vitest'
import { decryptAndVerifyJwt, type DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { nestedToken } from '../helpers/tokens.ts'
import { loose, useVerifierKeys } from '../helpers/verifier-fixture.ts'

useVerifierKeys()

describe('decryptAndVerifyJwt', () => {
  describe('options', () => {
    it.each([
      ['options null', null],
      ['options a string', 'RS256'],
    ])('%s → ERR_INVALID_ARGUMENT', async (_name, value) => {
      await expectJoseError(
        decryptAndVerifyJwt(nestedToken(), value as unknown as DecryptAndVerifyJwtOptions),
        'ERR_INVALID_ARGUMENT',
      )
    })

    it.each([
      ['algorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['algorithms', [], 'ERR_INVALID_ARGUMENT'],
      ['algorithms', 'RS256', 'ERR_INVALID_ARGUMENT'],
      ['algorithms', ['ES256K'], 'ERR_ALG_NOT_SUPPORTED'],
      ['algorithms', ['none'], 'ERR_ALG_NOT_SUPPORTED'],
      ['keyManagementAlgorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['keyManagementAlgorithms', ['RSA1_5'], 'ERR_ALG_NOT_SUPPORTED'],
      ['keyManagementAlgorithms', ['RSA1_5'], 'ERR_ALG_NOT_SUPPORTED'],
      ['contentEncryptionAlgorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['contentEncryptionAlgorithms', ['A512GCM'], 'ERR_ALG_NOT_SUPPORTED'],
      ['issuer', 42, 'ERR_INVALID_ARGUMENT'],
      ['issuer', [], 'ERR_INVALID_ARGUMENT'],
      ['audience', { aud: 'x' }, 'ERR_INVALID_ARGUMENT'],
      ['subject', 7, 'ERR_INVALID_ARGUMENT'],
      ['clockTolerance', -1, 'ERR_INVALID_ARGUMENT'],
      ['clockTolerance', '60', 'ERR_INVALID_ARGUMENT'],
      ['maxTokenAge', Number.NaN, 'ERR_INVALID_ARGUMENT'],
      ['requiredClaims', 'jti', 'ERR_INVALID_ARGUMENT'],
      ['currentDate', 'now', 'ERR_INVALID_ARGUMENT'],
      ['typ', 1, 'ERR_INVALID_ARGUMENT'],
      ['profile', 'id+jwt', 'ERR_INVALID_ARGUMENT'],
    ] as const)('options.%s = %j → %s', async (member, value, code) => {
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), loose({ [member]: value })), code)
    })
  })
})
