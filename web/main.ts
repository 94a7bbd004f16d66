/**
 * The debugger page. Keys live in the text areas and in memory only: nothing is written to
 * storage, cookies or the URL, and the only request the page makes is the JWKS URL, on click.
 */
import { createRemoteJwks, JoseError } from '../src/index.ts'
import { analyze } from '../cli/core/analyze.ts'
import { parseKeyText, resolverFor, type KeyMaterial } from '../cli/core/key-material.ts'
import { byId } from './dom.ts'
import { render } from './render.ts'

const token = byId<HTMLTextAreaElement>('token')
const decryptKey = byId<HTMLTextAreaElement>('decrypt-key')
const verifyKey = byId<HTMLTextAreaElement>('verify-key')
const jwksUrl = byId<HTMLInputElement>('jwks-url')
const jwksStatus = byId('jwks-status')
const result = byId('result')

/** The JWK set fetched by the last click, until the URL field changes. */
let fetched: KeyMaterial | undefined
let run = 0

function material(area: HTMLTextAreaElement, what: string): KeyMaterial | undefined {
  if (area.value.trim() === '') return undefined
  const parsed = parseKeyText(area.value)
  if (parsed === undefined || parsed.kind === 'url') throw new JoseError('ERR_INVALID_ARGUMENT', `the ${what} is not PEM, a JWK or a JWK set`)
  return parsed
}

async function inspect(): Promise<void> {
  const current = ++run
  result.setAttribute('data-status', 'busy')
  const now = Math.floor(Date.now() / 1000)
  let report
  try {
    const decrypt = material(decryptKey, 'private key')
    const verify = material(verifyKey, 'public key') ?? fetched
    report = token.value.trim() === '' ? { layers: [], diagnoses: [] } : await analyze(token.value, {
      decryptKey: decrypt && resolverFor(decrypt, 'decrypt'),
      verifyKey: verify && resolverFor(verify, 'verify'),
      now,
    })
  } catch (error) {
    const code = error instanceof JoseError ? error.code : 'ERR_UNEXPECTED'
    report = { layers: [], diagnoses: [], error: { code, message: error instanceof JoseError ? error.message : 'unexpected failure' } }
  }
  if (current !== run) return
  render(report, now)
  result.setAttribute('data-status', 'ready')
}

async function fetchJwks(): Promise<void> {
  fetched = undefined
  jwksStatus.textContent = 'fetching…'
  const remote = createRemoteJwks(jwksUrl.value.trim())
  try {
    await remote.reload()
    const keys = remote.export()!.jwks.keys
    fetched = { kind: 'jwks', keys: keys as JsonWebKey[] }
    jwksStatus.textContent = `${keys.length} key(s) fetched; used when the public key field is empty`
  } catch (error) {
    jwksStatus.textContent = `${error instanceof JoseError ? error.code : 'ERR_UNEXPECTED'}: ${error instanceof Error ? error.message : ''}`
  }
}

/** A dropped file's text goes into the field it was dropped on, and nowhere else. */
for (const area of [token, decryptKey, verifyKey]) {
  area.addEventListener('dragover', (event) => {
    event.preventDefault()
    area.classList.add('dragging')
  })
  area.addEventListener('dragleave', () => area.classList.remove('dragging'))
  area.addEventListener('drop', (event) => {
    event.preventDefault()
    area.classList.remove('dragging')
    const file = event.dataTransfer?.files[0]
    if (file !== undefined) void file.text().then((text) => (area.value = text))
  })
}

byId('inspect').addEventListener('click', () => void inspect())
byId('fetch-jwks').addEventListener('click', () => void fetchJwks())
jwksUrl.addEventListener('input', () => {
  fetched = undefined
  jwksStatus.textContent = ''
})
byId('clear').addEventListener('click', () => {
  for (const field of [token, decryptKey, verifyKey, jwksUrl]) field.value = ''
  fetched = undefined
  jwksStatus.textContent = ''
  void inspect()
})
token.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void inspect()
})
result.setAttribute('data-status', 'loaded')
