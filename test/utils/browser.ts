/**
 * Helpers for the browser tests: launching Debian's chromium through
 * playwright-core (never a downloaded browser), opening a signed-in context
 * for a user, cutting a page's live connection on demand, and saving the
 * screenshot each test leaves under test/artifacts/ for a reviewer.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const ARTIFACTS_DIR = join(import.meta.dirname, '..', 'artifacts')

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

export interface Credentials {
  email: string
  password: string
}

/** A fresh context (own cookies, own storage) at a laptop-sized viewport, French locale. */
export async function newContext(browser: Browser, baseURL: string, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true })
  context.setDefaultTimeout(15_000)
  return context
}

/**
 * Signs in through the API; the context's pages then carry the session
 * cookie. (The sign-in screen itself is exercised by its own test.)
 */
export async function signIn(context: BrowserContext, who: Credentials): Promise<void> {
  const response = await context.request.post('/api/auth/login', {
    data: { email: who.email, password: who.password },
    headers: { 'X-Requested-With': 'paritaire' },
  })
  if (!response.ok()) throw new Error(`sign-in of ${who.email} failed: ${response.status()} ${await response.text()}`)
}

/** A signed-in page of a new context, already at `path` (a hash route like `#/fiches/ID`). */
export async function openAs(browser: Browser, baseURL: string, who: Credentials, path = '/'): Promise<Page> {
  const context = await newContext(browser, baseURL)
  await signIn(context, who)
  const page = await context.newPage()
  await page.goto(path)
  return page
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const path = join(ARTIFACTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/**
 * A switch on the live connection of every page of a context. Chromium's
 * offline emulation (`context.setOffline`) stops new connections but does not
 * always close a WebSocket already open, so the sync sockets are routed
 * through Playwright: `cut()` closes them and refuses new ones until
 * `restore()`, which is what a dropped network does to the provider.
 */
export interface ConnectionSwitch {
  cut(): Promise<void>
  restore(): Promise<void>
  /** Sockets opened so far (for assertions that the provider did retry). */
  readonly attempts: number
}

export async function routeSync(context: BrowserContext): Promise<ConnectionSwitch> {
  let down = false
  let attempts = 0
  const open = new Set<WebSocketRoute>()
  await context.routeWebSocket(/\/sync\//, (ws) => {
    attempts += 1
    if (down) {
      void ws.close({ code: 4000, reason: 'réseau coupé (test)' })
      return
    }
    // No onClose handler here: it would stop Playwright forwarding closes
    // between the page and the server, which the tests rely on.
    ws.connectToServer()
    open.add(ws)
  })
  return {
    async cut() {
      down = true
      await context.setOffline(true)
      await Promise.allSettled([...open].map((ws) => ws.close({ code: 4000, reason: 'réseau coupé (test)' })))
      open.clear()
    },
    async restore() {
      down = false
      await context.setOffline(false)
    },
    get attempts() {
      return attempts
    },
  }
}

/** Waits until `text` appears inside the fiche editor of `page`. */
export async function waitForEditorText(page: Page, text: string, timeout = 5_000): Promise<void> {
  await page.locator('.fiche-doc').filter({ hasText: text }).first().waitFor({ timeout })
}
