import { algNotSupported } from '../../errors.ts'
import type { KeySpec } from '../key-spec.ts'

const probes = new Map<string, Promise<boolean>>()

/**
 * Whether this runtime's Web Crypto has the algorithm and curve of `spec`, found by generating
 * a throwaway key once per process: Web Crypto has no feature query, and the error of an
 * unknown algorithm is not the same in every runtime. Ed448, for one, exists in Node only.
 */
export function supports(spec: KeySpec): Promise<boolean> {
  const id = spec.name + spec.namedCurve
  let probe = probes.get(id)
  if (!probe) {
    probe = Promise.resolve()
      .then(() => crypto.subtle.generateKey(spec as EcKeyGenParams, false, [...spec.privateUsages] as KeyUsage[]))
      .then(
        () => true,
        () => false,
      )
    probes.set(id, probe)
  }
  return probe
}

/** ERR_ALG_NOT_SUPPORTED, naming `alg` (an allow-listed name), unless the runtime has `spec`. */
export async function assertSupported(alg: string, spec: KeySpec): Promise<void> {
  if (!(await supports(spec))) throw algNotSupported(`${alg} with ${spec.crv} keys is not supported by this runtime`)
}
