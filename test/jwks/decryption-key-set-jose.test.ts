/** DecryptionKeySet picking and opening the JWEs the jose library makes, for every key type. */
import { beforeAll, describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { curveKeys, open, plaintext, secret, type CurveKey } from '../helpers/decryption-key-set-forms.ts'

let P521: CurveKey, X25519: CurveKey
beforeAll(() => {
  ;({ P521, X25519 } = curveKeys())
})

describe('tokens jose makes', () => {
  it('the set picks and opens them: ECDH-ES+A256KW on P-521 and X25519, A256GCMKW, dir among kid-less entries of every type; PBES2 by kid', async () => {
    const password = new TextEncoder().encode('jose password')
    const set = createDecryptionKeySet([{ key: P521.sec1Pem! }, { key: X25519.privateJwk }, { key: secret(32, 4) }, { key: secret(64, 5) }, { kid: 'pw', key: password }], { maxKeysPerToken: 1 })
    const tokens = [
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }).encrypt(await jose.importJWK(P521.publicJwk, 'ECDH-ES+A256KW')),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128CBC-HS256' }).encrypt(await jose.importJWK(X25519.publicJwk, 'ECDH-ES')),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'A256GCMKW', enc: 'A256GCM' }).encrypt(secret(32, 4)),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).encrypt(secret(64, 5)),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', kid: 'pw' }).setKeyManagementParameters({ p2c: 1000 }).encrypt(password),
    ]
    for (const token of tokens) expect(await open(token, set)).toBe(plaintext)
    // Without its kid, a PBES2 token fits every unbound secret (a password has any size): too many to try.
    const kidless = await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' }).setKeyManagementParameters({ p2c: 1000 }).encrypt(password)
    await expectJoseError(open(kidless, set), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  })
})
