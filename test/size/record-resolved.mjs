// @ts-check
// A module resolve hook (node:module register) for auth0-loads.test.ts: appends the URL of every
// module the child resolves, one a line, to the file named by WEBJOSE_RESOLVED_LOG. Written
// synchronously before the module loads, so the record is complete when the child exits.
import { appendFileSync } from 'node:fs'

const log = process.env['WEBJOSE_RESOLVED_LOG']
if (!log) throw new Error('WEBJOSE_RESOLVED_LOG is not set')

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  appendFileSync(log, `${resolved.url}\n`)
  return resolved
}
