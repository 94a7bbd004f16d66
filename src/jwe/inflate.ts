import { JoseError, jweInvalid } from '../errors.ts'
import { concatBytes } from '../encoding/bytes.ts'

/**
 * Inflates a "zip": "DEF" plaintext (RFC 7516 §4.1.3, raw DEFLATE per RFC 1951), stopping
 * as soon as the output passes `maxBytes`: a few kilobytes of ciphertext can otherwise
 * expand into gigabytes (a decompression bomb).
 */
export async function inflateRaw(compressed: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([compressed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined)
        throw jweInvalid(`JWE plaintext inflates to more than ${maxBytes} bytes`)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof JoseError) throw error
    throw jweInvalid('JWE plaintext is not valid DEFLATE data')
  }
  return concatBytes(...chunks)
}
