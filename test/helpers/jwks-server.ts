import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { compactSign } from '../../src/jws/compact-sign.ts'
import { importRsaKey } from '../../src/keys/import-rsa.ts'
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'
import { RSA_SIGNATURE_SPECS as SIGNATURE_ALGORITHMS } from '../../src/algorithms/signature/rsa.ts'
import { generateKeyObjectsAsync } from './keys.ts'

export type Handler = (request: IncomingMessage, response: ServerResponse) => void

/** A real HTTP server on 127.0.0.1 with an ephemeral port whose behaviour a test swaps at will. */
export interface JwksServer {
  readonly url: string
  /** Requests received so far. */
  readonly hits: number
  /** Headers of the last request. */
  readonly lastHeaders: IncomingMessage['headers'] | undefined
  handle(handler: Handler): void
  /** Answers every request with this JSON document. */
  serve(document: unknown): void
  close(): Promise<void>
}

export async function startJwksServer(): Promise<JwksServer> {
  let handler: Handler = (_request, response) => respondStatus(response, 404)
  let hits = 0
  let lastHeaders: IncomingMessage['headers'] | undefined
  const server = createServer((request, response) => {
    hits++
    lastHeaders = request.headers
    handler(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get hits() {
      return hits
    },
    get lastHeaders() {
      return lastHeaders
    },
    handle(next) {
      handler = next
    },
    serve(document) {
      handler = (_request, response) => respondJson(response, document)
    },
    close() {
      // Hanging responses would otherwise keep close() waiting.
      server.closeAllConnections()
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

export function respondJson(response: ServerResponse, document: unknown): void {
  const body = JSON.stringify(document)
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  response.end(body)
}

export function respondStatus(response: ServerResponse, status: number, body = 'error page SECRET-BODY'): void {
  response.writeHead(status, { 'content-type': 'text/plain' })
  response.end(body)
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface TestKey {
  /** The public JWK as an issuer would publish it. */
  readonly jwk: JsonWebKey & { kid?: string }
  readonly kid: string | undefined
  sign(payload: string, alg?: SignatureAlgorithm, header?: Record<string, unknown>): Promise<string>
}

/** An RSA key pair from node:crypto; signs through the library so tokens match what it verifies. */
export async function createTestKey(
  kid: string | undefined,
  extra: Record<string, unknown> = {},
  modulusLength = 2048,
): Promise<TestKey> {
  const { publicKey, privatePem: pem } = await generateKeyObjectsAsync('rsa', { modulusLength })
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as JsonWebKey), ...(kid === undefined ? {} : { kid }), ...extra }
  const signers = new Map<SignatureAlgorithm, Promise<CryptoKey>>()
  return {
    jwk,
    kid,
    async sign(payload, alg = 'RS256', header = {}) {
      let key = signers.get(alg)
      if (key === undefined) {
        key = importRsaKey(pem, alg, SIGNATURE_ALGORITHMS[alg])
        signers.set(alg, key)
      }
      return compactSign(payload, await key, { alg, ...(kid === undefined ? {} : { kid }), ...header })
    },
  }
}
