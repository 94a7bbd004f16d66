/** The AES-GCM initialization vector of a valid JWE modified or of the wrong length. */
import { describe, it } from 'vitest'
import { b64, decodeSegment, fileContext, fileTokens, flipBit, refusals, setSegment } from './support.ts'

const ctx = fileContext()
const { rejectsJwe } = refusals(ctx)
const valid = fileTokens()

describe('initialization vector (RFC 7518 §5.3: 96 bits)', () => {
  it('modified fails decryption', async () => {
    for (const at of [0, 5, 11]) await rejectsJwe(flipBit(valid.jwe, 2, at, 7), 'ERR_JWE_DECRYPTION_FAILED')
  })

  for (const length of [0, 1, 8, 11, 13, 16, 32]) {
    it(`${length} bytes long is malformed`, async () => {
      const iv = decodeSegment(valid.jwe, 2)
      await rejectsJwe(setSegment(valid.jwe, 2, b64(Buffer.concat([iv, iv, iv]).subarray(0, length))), 'ERR_JWE_INVALID')
    })
  }
})
