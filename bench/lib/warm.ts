/**
 * Section 2: the warm path. createVerifier's verify() on a token it has verified before: a
 * cache hit that re-runs the time-dependent claim checks. Timed against the cold path of the
 * same verifier configuration.
 */
import { createVerifier } from '../../src/index.ts'
import { interleave, type InterleaveResult } from './harness.ts'
import { importNestedKeys, nestedOptions } from './nested.ts'
import { TokenMinter, type KeyPairObjects } from './tokens.ts'

export interface WarmPlan {
  warmupRounds: number
  rounds: number
  batch: number
}

export async function runWarm(plan: WarmPlan, signing: KeyPairObjects, recipient: KeyPairObjects): Promise<InterleaveResult> {
  const keys = await importNestedKeys(recipient.material, signing.material)
  const verifier = createVerifier(nestedOptions(keys.decryption, keys.verification))
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
