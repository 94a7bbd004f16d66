import { createRemoteJwks, importKey, JoseError } from '../../src/index.ts'
import { stringFlag, UsageError } from '../args.ts'
import { supportedAlgorithms } from '../core/algorithms.ts'
import { parseKeyText, type KeyMaterial } from '../core/key-material.ts'
import { print, printJson } from '../io.ts'
import { publicJwk, thumbprint, type Jwk } from '../jwk-backend.ts'
import { reportFailure, toFailure } from '../failure.ts'
import { existsSync, readFileSync } from 'node:fs'
import type { Command } from '../command.ts'

export const jwks: Command = {
  name: 'jwks',
  summary: 'PEM/JWK keys to a public JWKS, or fetch a JWKS URL and list what each key can verify',
  usage: 'webjose jwks [--alg ALG] [--use USE] KEY... | webjose jwks [--json] URL',
  help: `With keys (files, PEM or JWK text): prints {"keys":[...]} with their public halves, kid = the
RFC 7638 thumbprint unless the JWK has one. Private members are never copied.
With a URL (https, or http on 127.0.0.1/localhost): fetches it as createRemoteJwks does (5 s
timeout, 64 KiB cap), validates it, and lists each key with the algorithms webjose would verify
with it.

  --alg ALG   "alg" of the listed keys
  --use USE   "use" of the listed keys
  --json      machine output (for a URL)
Exit: 0, 1 the URL's JWKS is refused, 2 usage.`,
  flags: { alg: 'string', use: 'string', json: 'boolean' },
  async run(parsed) {
    if (parsed.positionals.length === 0) throw new UsageError('give keys or a JWKS URL')
    const [first] = parsed.positionals
    if (parsed.positionals.length === 1 && /^https?:\/\//i.test(first!)) return listRemote(first!, parsed.flags.has('json'))
    const keys = parsed.positionals.flatMap((source) => toPublicKeys(source))
    for (const jwk of keys) {
      jwk.kid ??= await thumbprint(jwk)
      for (const name of ['alg', 'use'] as const) {
        const value = stringFlag(parsed, name)
        if (value !== undefined) jwk[name] = value
      }
    }
    printJson({ keys })
    return 0
  },
}

function toPublicKeys(source: string): Jwk[] {
  const material: KeyMaterial | undefined = parseKeyText(source) ?? (existsSync(source) ? parseKeyText(readFileSync(source, 'utf8')) : undefined)
  if (material === undefined || material.kind === 'url') throw new UsageError('each KEY must be a readable file, PEM, JWK or JWK set')
  if (material.kind === 'jwks') return material.keys.map((jwk) => publicJwk({ kind: 'jwk', jwk }))
  const jwk = publicJwk(material)
  if (jwk.kty === 'oct') throw new UsageError('a secret (oct) key has no place in a public JWKS')
  return [jwk]
}

async function listRemote(url: string, json: boolean): Promise<number> {
  const remote = createRemoteJwks(url)
  try {
    await remote.reload()
  } catch (error) {
    const failure = toFailure(error)
    if (failure === undefined) throw error
    reportFailure(failure, json)
    return 1
  }
  const keys = remote.export()!.jwks.keys as Jwk[]
  const rows = await Promise.all(keys.map(async (jwk) => ({ kid: jwk.kid, kty: jwk.kty, alg: jwk.alg, use: jwk.use, verifies: await verifiableAlgorithms(jwk) })))
  if (json) {
    printJson({ ok: true, keys: rows })
    return 0
  }
  print(`${rows.length} key(s) at ${url}`)
  for (const row of rows) {
    print(`  kid ${JSON.stringify(row.kid ?? null)}  kty ${row.kty}${row.use ? `  use ${row.use}` : ''}${row.alg ? `  alg ${row.alg}` : ''}  verifies: ${row.verifies.join(', ') || 'nothing (not a signature key webjose can use)'}`)
  }
  return 0
}

/** The JWS algorithms importKey accepts this key for (its own alg only, when it names one). */
async function verifiableAlgorithms(jwk: Jwk): Promise<string[]> {
  if (jwk.use !== undefined && jwk.use !== 'sig') return []
  const candidates = typeof jwk.alg === 'string' ? [jwk.alg] : (await supportedAlgorithms()).jws
  const usable = await Promise.all(
    candidates.map((alg) =>
      importKey(jwk, alg as never).then(
        () => true,
        (error: unknown) => {
          if (error instanceof JoseError) return false
          throw error
        },
      ),
    ),
  )
  return candidates.filter((_, index) => usable[index])
}
