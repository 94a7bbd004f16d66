/** The AES-GCM authentication tag of a valid JWE truncated, extended, moved, flipped or zeroed. */
import { describe, it } from 'vitest'
import { b64, decodeSegment, fileContext, fileTokens, flipBit, refusals, setSegment } from './support.ts'

const ctx = fileContext()
const { rejectsJwe } = refusals(ctx)
const valid = fileTokens()

describe('authentication tag (RFC 7518 §5.3: 128 bits)', () => {
  const tagOf = (token: string) => decodeSegment(token, 4)

  for (const length of [1, 4, 8, 12, 15]) {
    it(`truncated to ${length} bytes is malformed`, async () => {
      await rejectsJwe(setSegment(valid.jwe, 4, b64(tagOf(valid.jwe).subarray(0, length))), 'ERR_JWE_INVALID')
    })
  }

  it('missing (empty segment) is malformed', async () => {
    await rejectsJwe(setSegment(valid.jwe, 4, ''), 'ERR_JWE_INVALID')
  })

  for (const length of [17, 32]) {
    it(`extended to ${length} bytes is malformed`, async () => {
      const tag = tagOf(valid.jwe)
      const longer = Buffer.concat([tag, tag, Buffer.alloc(16)]).subarray(0, length)
      await rejectsJwe(setSegment(valid.jwe, 4, b64(longer)), 'ERR_JWE_INVALID')
    })
  }

  it('its last bytes moved into the ciphertext (same concatenated bytes) is malformed', async () => {
    const ciphertext = decodeSegment(valid.jwe, 3)
    const tag = tagOf(valid.jwe)
    const moved = setSegment(setSegment(valid.jwe, 3, b64(Buffer.concat([ciphertext, tag.subarray(0, 4)]))), 4, b64(tag.subarray(4)))
    await rejectsJwe(moved, 'ERR_JWE_INVALID')
  })

  it('with any single bit flipped fails decryption', async () => {
    for (const at of [0, 7, 15]) await rejectsJwe(flipBit(valid.jwe, 4, at, at % 8), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('all zeros fails decryption', async () => {
    await rejectsJwe(setSegment(valid.jwe, 4, b64(Buffer.alloc(16))), 'ERR_JWE_DECRYPTION_FAILED')
  })
})
