/** node:http plumbing shared by the two demo servers. */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RunningServer {
  /** "http://127.0.0.1:PORT", no trailing slash. */
  readonly origin: string
  close(): Promise<void>
}

/** Listens on 127.0.0.1 with an ephemeral port. A handler that throws answers 500. */
export async function listen(handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>): Promise<RunningServer> {
  const listener: RequestListener = (request, response) => {
    handler(request, response).catch((error: unknown) => {
      // Never a stack trace or a message to the client; the operator gets it on stderr.
      console.error('demo server: unexpected error', error)
      if (!response.headersSent) sendJson(response, 500, { error: 'server_error' })
      else response.destroy()
    })
  }
  const server: Server = createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close() {
      // fetch keeps connections alive; close them so close() does not wait for their timeout.
      server.closeAllConnections()
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  })
  response.end(text)
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
}

/** The request body as text, refusing more than `limit` bytes. */
export async function readBody(request: IncomingMessage, limit = 16_384): Promise<string> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > limit) throw new BodyTooLargeError(`request body is larger than ${limit} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
