import { writeFileSync } from 'node:fs'
import { importKey } from '../../src/index.ts'
import { intFlag, stringFlag, UsageError } from '../args.ts'
import { print, printJson } from '../io.ts'
import { generate, thumbprint, type Jwk } from '../jwk-backend.ts'
import type { Command } from '../command.ts'

export const keygen: Command = {
  name: 'keygen',
  summary: 'generate a key pair (RSA, EC, OKP) or a secret (oct); kid = RFC 7638 thumbprint',
  usage: 'webjose keygen [--kty RSA] [--bits 2048] [--crv CRV] [--alg ALG] [--use sig|enc] [--format jwk|pem] [--out PREFIX] [--jwks FILE] [--print-private]',
  help: `Prints the public key. The private key is written only with --out (PREFIX.private.*, mode
0600, never over an existing file) and printed only with --print-private.

  --kty KTY         RSA (default), EC, OKP or oct
  --bits N          RSA modulus size (default 2048, at least 2048)
  --crv CRV         EC: P-256 (default), P-384, P-521; OKP: Ed25519 (default), Ed448, X25519, X448
  --size BYTES      oct secret size (default 32)
  --alg ALG         "alg" of the JWKs; checked by importing the public key with webjose
  --use USE         "use" of the JWKs (sig or enc)
  --format FORMAT   jwk (default) or pem (PKCS#8 / SPKI)
  --out PREFIX      write PREFIX.private.{jwk,pem} and PREFIX.public.{jwk,pem}
  --jwks FILE       write the public JWKS ({"keys":[...]})
  --print-private   print the private key too
  --json            machine output
Exit: 0, 2 usage.`,
  flags: {
    kty: 'string', bits: 'string', crv: 'string', size: 'string', alg: 'string', use: 'string', format: 'string',
    out: 'string', jwks: 'string', 'print-private': 'boolean', json: 'boolean',
  },
  async run(parsed) {
    if (parsed.positionals.length > 0) throw new UsageError('keygen takes no positional argument')
    const format = stringFlag(parsed, 'format') ?? 'jwk'
    if (format !== 'jwk' && format !== 'pem') throw new UsageError('--format must be jwk or pem')
    const kty = stringFlag(parsed, 'kty') ?? 'RSA'
    const key = generate({ kty, bits: intFlag(parsed, 'bits', 2048, 2048), crv: stringFlag(parsed, 'crv'), size: intFlag(parsed, 'size', 32, 16) })
    if (format === 'pem' && key.privatePem === undefined) throw new UsageError('an oct secret has no PEM form: use --format jwk')
    const kid = await thumbprint(key.publicJwk ?? key.privateJwk)
    const metadata: Record<string, string> = { kid }
    for (const name of ['alg', 'use'] as const) {
      const value = stringFlag(parsed, name)
      if (value !== undefined) metadata[name] = value
    }
    const privateJwk: Jwk = { ...key.privateJwk, ...metadata }
    const publicJwk: Jwk | undefined = key.publicJwk && { ...key.publicJwk, ...metadata }
    // The library must accept what it generates for the alg named (RSA today; other kty as families land).
    if (metadata.alg !== undefined) await importKey(publicJwk ?? privateJwk, metadata.alg as never)

    const privateText = format === 'pem' ? key.privatePem! : `${JSON.stringify(privateJwk, null, 2)}\n`
    const publicText = publicJwk && (format === 'pem' ? key.publicPem! : `${JSON.stringify(publicJwk, null, 2)}\n`)
    const written: string[] = []
    const out = stringFlag(parsed, 'out')
    if (out !== undefined) {
      written.push(write(`${out}.private.${format}`, privateText, 0o600))
      if (publicText !== undefined) written.push(write(`${out}.public.${format}`, publicText, 0o644))
    }
    const jwksFile = stringFlag(parsed, 'jwks')
    if (jwksFile !== undefined) {
      if (publicJwk === undefined) throw new UsageError('--jwks: an oct secret has no public JWKS')
      written.push(write(jwksFile, `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`, 0o644))
    }
    const printPrivate = parsed.flags.has('print-private')
    if (parsed.flags.has('json')) {
      printJson({ kid, kty, written, public: publicJwk, ...(printPrivate ? { private: privateJwk } : {}) })
      return 0
    }
    for (const path of written) print(`wrote ${path}`)
    print(`kid ${kid}`)
    if (publicText !== undefined) print(publicText.trimEnd())
    if (printPrivate) print(privateText.trimEnd())
    else if (out === undefined) print('(private key not printed: use --out PREFIX, or --print-private)')
    return 0
  },
}

function write(path: string, text: string, mode: number): string {
  try {
    writeFileSync(path, text, { mode, flag: 'wx' })
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new UsageError(code === 'EEXIST' ? `${path} exists: not overwritten` : `cannot write ${path} (${String(code)})`)
  }
  return path
}
