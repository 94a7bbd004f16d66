/** Keys, one client, one API, and both servers running on ephemeral ports. */
import { randomBytes } from 'node:crypto'
import { startAuthServer, type AuthServer } from './auth-server.ts'
import { generateDemoKeys, type DemoKeys } from './keys.ts'
import { startResourceServer, type ResourceServer } from './resource-server.ts'

/** The API identifier, as registered with the authorization server. */
export const API_AUDIENCE = 'https://messages.example.com'
/** Another API's identifier, for tokens the messages API must refuse. */
export const OTHER_AUDIENCE = 'https://billing.example.com'
export const CLIENT_ID = 'demo-m2m-client'
export const API_SCOPE = 'read:messages'
export const REALM = 'messages-api'

export interface DemoEnvironment {
  readonly keys: DemoKeys
  readonly client: { readonly clientId: string; readonly clientSecret: string }
  readonly auth: AuthServer
  readonly api: ResourceServer
  close(): Promise<void>
}

export async function startDemoEnvironment(keys?: DemoKeys): Promise<DemoEnvironment> {
  const demoKeys = keys ?? (await generateDemoKeys())
  const client = { clientId: CLIENT_ID, clientSecret: randomBytes(24).toString('base64url') }
  const auth = await startAuthServer({
    signingKey: demoKeys.signing,
    apis: [{ audience: API_AUDIENCE, encryptionKey: demoKeys.api }],
    clients: [{ ...client, grants: { [API_AUDIENCE]: API_SCOPE } }],
    tokenLifetimeSeconds: 3600,
  })
  let api: ResourceServer
  try {
    api = await startResourceServer({
      audience: API_AUDIENCE,
      issuer: auth.issuer,
      jwksUri: auth.jwksUri,
      decryptionKeyPem: demoKeys.api.privateKeyPem,
      realm: REALM,
      scope: API_SCOPE,
    })
  } catch (error) {
    await auth.close()
    throw error
  }
  return {
    keys: demoKeys,
    client,
    auth,
    api,
    async close() {
      await Promise.allSettled([api.close(), auth.close()])
    },
  }
}

/** POST /oauth/token with a form body, as in Auth0's curl example. */
export async function requestToken(
  tokenEndpoint: string,
  form: Readonly<Record<string, string>>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

export interface ApiAnswer {
  status: number
  body: Record<string, unknown>
  wwwAuthenticate: string | null
}

/** GET the API with this Authorization header (none when undefined). */
export async function callApi(url: string, authorization?: string): Promise<ApiAnswer> {
  const response = await fetch(url, { headers: authorization === undefined ? {} : { authorization } })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    wwwAuthenticate: response.headers.get('www-authenticate'),
  }
}
