/** importKey's extractable option: off by default, honoured when asked, checked against the JWK's "ext", refused when malformed. */
import { beforeAll, describe, expect, it } from 'vitest'
import { importKey } from '../../src/keys/import-key.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { importKeyForms, type Pems } from './helpers.ts'

const subtle = globalThis.crypto.subtle

let keys: Pems
beforeAll(() => {
  ;({ keys } = importKeyForms())
})

describe('importKey: extractable', () => {
  it('is false by default for private and public keys', async () => {
    for (const material of [keys.pkcs8, keys.pkcs1, keys.privateJwk, keys.spki, keys.pkcs1Public, keys.publicJwk]) {
      expect((await importKey(material, 'RS256')).extractable).toBe(false)
      expect((await importKey(material, 'RS256', {})).extractable).toBe(false)
      expect((await importKey(material, 'RS256', { extractable: false })).extractable).toBe(false)
    }
  })

  it('is true when asked, and exports the same key', async () => {
    const key = await importKey(keys.pkcs1, 'PS256', { extractable: true })
    expect(key.extractable).toBe(true)
    const jwk = await subtle.exportKey('jwk', key)
    expect(jwk.n).toBe(keys.privateJwk.n)
    expect(jwk.d).toBe(keys.privateJwk.d)
    expect((await importKey(keys.spki, 'RS256', { extractable: true })).extractable).toBe(true)
  })

  it('refuses ext: false with extractable: true', async () => {
    await expectJoseError(importKey({ ...keys.privateJwk, ext: false }, 'RS256', { extractable: true }), 'ERR_KEY_INVALID')
  })

  it('refuses malformed options with ERR_INVALID_ARGUMENT', async () => {
    // Options are a plain object: a Map, a class instance or one inheriting defaults is not.
    const inherited = Object.create({ extractable: true }) as object
    class Options {
      extractable = true
    }
    for (const options of [null, 'yes', [], new Map([['extractable', true]]), new Options(), inherited, { extractable: 'yes' }, { extractable: 1 }]) {
      await expectJoseError(importKey(keys.spki, 'RS256', options as never), 'ERR_INVALID_ARGUMENT')
    }
  })
})
