/**
 * The debugger page in Debian's Chromium (playwright-core, never a downloaded browser), driven
 * like a person would with an Auth0-shaped encrypted access token. Screenshots go to
 * .cache/debugger-screenshots/. Browser and server close in afterAll whatever happens, and every
 * wait is bounded.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startDebugger, CSP } from '../../scripts/debugger.mjs'
import { makeFixtures, type Fixtures } from '../cli/fixtures.ts'

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const SHOTS = new URL('../../.cache/debugger-screenshots/', import.meta.url).pathname
const JWKS_URL = 'https://tenant.example/.well-known/jwks.json'

let server: { url: string; close(): Promise<void> } | undefined
let browser: Browser | undefined
let page: Page
let f: Fixtures
let apiPrivateJwk: string
let scratch: string
/** Every request the page made beyond its own three files. */
const outside: string[] = []

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'webjose-web-'))
  mkdirSync(SHOTS, { recursive: true })
  f = await makeFixtures(scratch)
  apiPrivateJwk = readFileSync(f.paths.apiPrivate, 'utf8')
  server = await startDebugger()
  browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ARGS, timeout: 30_000 })
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
  page.setDefaultTimeout(10_000)
  const origin = new URL(server.url).origin
  await page.route(
    (url) => url.origin !== origin,
    (route) => {
      outside.push(route.request().url())
      // The one request the page may make, on click: the JWKS URL typed; anything else is refused.
      if (route.request().url() === JWKS_URL) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(f.jwks) })
      return route.abort()
    },
  )
  const response = await page.goto(server.url)
  expect(response?.headers()['content-security-policy']).toBe(CSP)
  await page.waitForSelector('#result[data-status="loaded"]')
}, 60_000)

afterAll(async () => {
  await browser?.close().catch(() => {})
  await server?.close()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

/** Fills the fields (empty string clears), clicks Inspect, waits for the result. */
async function inspect(fields: { token: string; decryptKey?: string; verifyKey?: string }): Promise<void> {
  await page.fill('#token', fields.token)
  await page.fill('#decrypt-key', fields.decryptKey ?? '')
  await page.fill('#verify-key', fields.verifyKey ?? '')
  await page.click('#inspect')
  await page.waitForSelector('#result[data-status="ready"]')
}

const text = (selector: string) => page.locator(selector).innerText()
const diagnoses = () => page.locator('#diagnoses li').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))

describe('debugger page', () => {
  it('a valid token: both headers, decrypted claims, signature ok, a timeline against now', async () => {
    await inspect({ token: f.valid, decryptKey: apiPrivateJwk, verifyKey: JSON.stringify(f.jwks) })
    expect(await text('[data-kind="JWE"] .status')).toBe('decryption: ok')
    expect(await text('[data-kind="JWE"] pre')).toContain('"RSA-OAEP-256"')
    expect(await text('[data-kind="JWS"] .status')).toBe('signature: ok')
    expect(await text('tr[data-claim="aud"]')).toContain('https://api.example.com')
    expect(await text('tr[data-claim="exp"]')).toContain('(in 41 min)')
    expect(await page.locator('#timeline svg [data-mark]').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-mark')))).toEqual(['valid', 'iat', 'exp', 'now'])
    expect(await diagnoses()).toEqual([])
    expect(await page.locator('#error').isHidden()).toBe(true)
    await page.screenshot({ path: `${SHOTS}valid.png`, fullPage: true })
  })

  it('an expired token: the expired diagnosis, exp in the past on the timeline', async () => {
    await inspect({ token: f.expired, decryptKey: apiPrivateJwk, verifyKey: JSON.stringify(f.jwks) })
    expect(await diagnoses()).toEqual(['expired'])
    expect(await text('#diagnoses li[data-id="expired"]')).toContain('ERR_JWT_EXPIRED')
    expect(await text('tr[data-claim="exp"]')).toContain('(1 h ago)')
    expect(await page.locator('#timeline rect[data-mark="valid"]').getAttribute('fill')).toBe('#f4c4c4')
    await page.screenshot({ path: `${SHOTS}expired.png`, fullPage: true })
  })

  it('the wrong private key: decryption FAILED with the exact error code', async () => {
    await inspect({ token: f.valid, decryptKey: readFileSync(f.paths.otherPrivate, 'utf8') })
    expect(await page.locator('#error').getAttribute('data-code')).toBe('ERR_JWE_DECRYPTION_FAILED')
    expect(await text('[data-kind="JWE"] .status')).toBe('decryption: FAILED')
    expect(await page.locator('#claims').innerText()).toBe('')
    await page.screenshot({ path: `${SHOTS}wrong-key.png`, fullPage: true })
  })

  it('the wrong public key: signature FAILED with the code', async () => {
    await inspect({ token: f.valid, decryptKey: apiPrivateJwk, verifyKey: readFileSync(f.paths.apiPublic, 'utf8') })
    expect(await text('[data-kind="JWS"] .status')).toBe('signature: FAILED')
    expect(await page.locator('#error').getAttribute('data-code')).toMatch(/^ERR_(JWS_SIGNATURE_INVALID|KEY_INVALID)$/)
  })

  it('a swapped header: the swapped diagnosis, and the library refuses it with its code', async () => {
    await inspect({ token: f.swapped, decryptKey: apiPrivateJwk })
    expect(await diagnoses()).toEqual(['swapped-alg-enc'])
    expect(await page.locator('#error').getAttribute('data-code')).toBe('ERR_JWE_INVALID')
    expect(await text('#error')).toContain('look swapped')
    await page.screenshot({ path: `${SHOTS}swapped.png`, fullPage: true })
  })

  it('a bare JWS and an opaque dir token get their diagnoses', async () => {
    await inspect({ token: f.bareJws })
    expect(await diagnoses()).toEqual(['bare-jws'])
    await inspect({ token: f.dir })
    expect(await diagnoses()).toEqual(['dir-token', 'missing-kid'])
  })

  it('a key that is not PEM, JWK or JWKS: ERR_INVALID_ARGUMENT, without echoing it', async () => {
    await inspect({ token: f.valid, decryptKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' })
    expect(await page.locator('#error').getAttribute('data-code')).toBe('ERR_INVALID_ARGUMENT')
    expect(await text('#error')).not.toContain('MIIEvQIBADAN')
  })

  it('fetches the JWKS URL only on the click, then verifies with it', async () => {
    const before = outside.length
    await page.fill('#jwks-url', JWKS_URL)
    await inspect({ token: f.valid, decryptKey: apiPrivateJwk })
    expect(outside.length).toBe(before)
    expect(await text('[data-kind="JWS"] .status')).toBe('signature: skipped')
    await page.click('#fetch-jwks')
    await page.waitForFunction(() => /key\(s\) fetched|ERR_/.test(document.getElementById('jwks-status')?.textContent ?? ''), undefined, { timeout: 10_000 })
    expect(await text('#jwks-status')).toContain('1 key(s) fetched')
    expect(outside.slice(before)).toEqual([JWKS_URL])
    await inspect({ token: f.valid, decryptKey: apiPrivateJwk })
    expect(await text('[data-kind="JWS"] .status')).toBe('signature: ok')
  })

  it('stores nothing: no storage, no cookies, nothing in the URL, and says so', async () => {
    const state = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, url: location.href }))
    expect(state).toEqual({ local: 0, session: 0, cookie: '', url: server!.url })
    expect(await text('#privacy')).toContain('nothing is uploaded, stored (no localStorage, no cookies) or put in the URL')
    expect(outside.filter((url) => url !== JWKS_URL)).toEqual([])
  })
})
