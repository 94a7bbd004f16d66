import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { RsaAlgorithmSpec } from '../../src/algorithms/rsa-spec.ts'
import { KEY_MANAGEMENT_ALGORITHMS, type KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../../src/algorithms/signature.ts'

export interface TestRsaKey {
  privateKey: KeyObject
  publicKey: KeyObject
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
  privatePem: string
  publicPem: string
}

const generated = new Map<number, TestRsaKey>()

/** One RSA key pair per size per test file, made with node:crypto (independent of the code under test). */
export function rsaKey(bits = 2048): TestRsaKey {
  let key = generated.get(bits)
  if (!key) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
    key = {
      privateKey,
      publicKey,
      privateJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
      publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
      privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      publicPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
    }
    generated.set(bits, key)
  }
  return key
}

function specFor(alg: SignatureAlgorithm | KeyManagementAlgorithm): RsaAlgorithmSpec {
  return alg in SIGNATURE_ALGORITHMS
    ? SIGNATURE_ALGORITHMS[alg as SignatureAlgorithm]
    : KEY_MANAGEMENT_ALGORITHMS[alg as KeyManagementAlgorithm]
}

/** Imports a test key straight through Web Crypto, bypassing the library's importKey. */
export async function webCryptoKey(
  alg: SignatureAlgorithm | KeyManagementAlgorithm,
  type: 'private' | 'public',
  bits = 2048,
  usages?: KeyUsage[],
): Promise<CryptoKey> {
  const spec = specFor(alg)
  const key = rsaKey(bits)
  const jwk = type === 'private' ? key.privateJwk : key.publicJwk
  return crypto.subtle.importKey(
    'jwk',
    jwk,
    { name: spec.name, hash: spec.hash },
    false,
    usages ?? [...(type === 'private' ? spec.privateUsages : spec.publicUsages)],
  )
}
