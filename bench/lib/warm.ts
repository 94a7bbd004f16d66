/**
 * Section 2: the warm path. createVerifier's verify() on a token it has verified before: a
 * cache hit that re-runs the time-dependent claim checks. Timed against the cold path of the
 * same verifier configuration.
 */
import { createVerifier } from '../../src/index.ts'
import { interleave, type InterleaveResult } from './harness.ts'
import { importNestedKeys } from './nested.ts'
import { AUDIENCE, ISSUER, TokenMinter, type KeyPairObjects } from './tokens.ts'

export interface WarmPlan {
  warmupRounds: number
  rounds: number
  batch: number
}

export async function runWarm(plan: WarmPlan, signing: KeyPairObjects, recipient: KeyPairObjects): Promise<InterleaveResult> {
  const keys = await importNestedKeys(recipient.material, signing.material)
  const verifier = createVerifier({
    decryptionKey: keys.decryption,
    verificationKey: keys.verification,
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
  })
  const token = new TokenMinter(signing, recipient).mint()
  await verifier.verify(token)
  return interleave(
    [
      {
        name: 'createVerifier().verify(same token)',
        async batch(count) {
          for (let i = 0; i < count; i++) await verifier.verify(token)
        },
      },
    ],
    { ...plan, mainThreadCpu: true },
  )
}
