/**
 * Helpers for the browser tests: launching Debian's chromium through
 * playwright-core (never a downloaded browser), opening a signed-in context
 * for a user, cutting a page's live connection on demand, and saving the
 * screenshot each test leaves under test/artifacts/ for a reviewer.
 */
import { mkdirSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core'
import type { DatabaseTarget } from './db.ts'
import { startTestServer, type TestServer } from './server.ts'
import { createContext, loadConfig, migrateToLatest, seedDemo, type Database } from '@paritaire/server'
import { Writable } from 'node:stream'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const ARTIFACTS_DIR = join(import.meta.dirname, '..', 'artifacts')

/**
 * One chromium per test file, whatever the number of worlds (one per
 * database target): worlds hold on to it, and it closes two seconds after
 * the last one let go unless another world took it meanwhile.
 */
let shared: { browser: Promise<Browser>; users: number; closing?: ReturnType<typeof setTimeout> } | null = null

async function acquireBrowser(): Promise<Browser> {
  if (!shared) shared = { browser: launchBrowser(), users: 0 }
  clearTimeout(shared.closing)
  shared.users += 1
  return shared.browser
}

function releaseBrowser(): void {
  const held = shared
  if (!held) return
  held.users -= 1
  if (held.users > 0) return
  // The next describe block of the file (the other database) starts within
  // this delay and takes the same browser; after the file's last world, it closes.
  held.closing = setTimeout(() => {
    if (shared === held && held.users === 0) {
      shared = null
      void held.browser.then((b) => b.close())
    }
  }, 2_000)
}

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
  /**
   * `browserOffline: false` cuts the sockets only, as a proxy or server
   * restart does (the browser sees no network change, no 'offline' event).
   */
  cut(options?: { browserOffline?: boolean }): Promise<void>
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
    async cut({ browserOffline = true } = {}) {
      down = true
      if (browserOffline) await context.setOffline(true)
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

// ------------------------------------------------------------- demo world

/** A demo login as `GET /api/health` lists them in demo mode. */
export interface DemoLogin extends Credentials {
  organisation: string
  name: string
  role: string
}

/**
 * What a browser test runs against: a real server process on a fresh
 * database of the given target (PGlite or Postgres), holding the demo data —
 * FNP chairs the photography negotiation (the corpus avenant, 114 fiches, one
 * version), CGT and CFDT edit, DGT reads — and one chromium.
 */
export interface BrowserWorld {
  server: TestServer<DemoLogin[]>
  browser: Browser
  baseURL: string
  logins: Record<string, DemoLogin>
  negotiationId: string
  /**
   * A signed-in page of a new context for the demo user of `organisation`,
   * at `path`; `setup` runs on the context before the page opens (routes).
   */
  openAs(organisation: string, path?: string, setup?: (context: BrowserContext) => Promise<void>): Promise<Page>
  /** The id of the demo negotiation's `index`-th fiche (in text order). */
  ficheId(index?: number): Promise<string>
  close(): Promise<void>
}

/** Output the demo seeding would print, discarded. */
const quiet = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() })

/**
 * Installs the demo data before the server starts, through the server's own
 * `seedDemo`: `serve --demo` would seed the embedded database only.
 */
async function seedDemoWorld(database: Database): Promise<DemoLogin[]> {
  const ctx = createContext(loadConfig({}), database)
  await migrateToLatest(ctx.database.db)
  const demo = await seedDemo(ctx, { stdout: quiet(), stderr: quiet() })
  return demo.logins.map((l) => ({ ...l, role: String(l.role) }))
}

export async function startBrowserWorld(target: DatabaseTarget): Promise<BrowserWorld> {
  // `demo` as well: on PGlite the server then finds the seeded demo and
  // announces its logins on /api/health, as `npm start` does.
  const server = await startTestServer({ target, seed: seedDemoWorld, demo: true })
  let browser: Browser | undefined
  try {
    browser = await acquireBrowser()
    const logins = Object.fromEntries(server.seeded.map((l) => [l.organisation, l]))
    const chair = logins.FNP
    if (!chair) throw new Error(`the demo has no FNP login: ${JSON.stringify(server.seeded)}`)
    const api = await newContext(browser, server.url)
    await signIn(api, chair)
    const list = (await (await api.request.get('/api/negotiations')).json()) as { negotiations: { id: string }[] }
    const negotiationId = list.negotiations[0]?.id
    if (!negotiationId) throw new Error('the demo negotiation is missing')
    const contexts: BrowserContext[] = [api]
    const world: BrowserWorld = {
      server,
      browser,
      baseURL: server.url,
      logins,
      negotiationId,
      async openAs(organisation, path = '/', setup) {
        const who = logins[organisation]
        if (!who) throw new Error(`no demo login for ${organisation}`)
        const context = await newContext(browser!, server.url)
        contexts.push(context)
        await signIn(context, who)
        await setup?.(context)
        const page = await context.newPage()
        await page.goto(path)
        return page
      },
      async ficheId(index = 0) {
        const res = await api.request.get(`/api/negotiations/${negotiationId}/fiches`)
        const { fiches } = (await res.json()) as { fiches: { id: string }[] }
        const fiche = fiches[index]
        if (!fiche) throw new Error(`no fiche #${index}`)
        return fiche.id
      },
      async close() {
        await Promise.allSettled(contexts.map((c) => c.close()))
        releaseBrowser()
        await server.stop()
      },
    }
    return world
  } catch (error) {
    if (browser) releaseBrowser()
    await server.stop()
    throw error
  }
}

/**
 * The fiche editor of `page` once the live document has loaded and is
 * drawn: connected, and the editor's own ready state (`data-ready`, set after
 * the shared document's first render and the node views' first frame).
 */
export async function waitForLiveEditor(page: Page): Promise<void> {
  await page.locator('[data-testid=connection-state]').filter({ hasText: 'Connecté' }).waitFor()
  await page.locator('[data-testid=fiche-editor][data-ready=true] .fiche-doc').waitFor()
}

/**
 * The text of one entry of a ZIP archive (a .docx is one): enough of the
 * format to read `word/document.xml` from a download without a zip library.
 */
export function readZipEntry(zip: Buffer, name: string): string | null {
  for (let at = zip.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const method = zip.readUInt16LE(at + 8)
    const compressedSize = zip.readUInt32LE(at + 18)
    const nameLength = zip.readUInt16LE(at + 26)
    const extraLength = zip.readUInt16LE(at + 28)
    const entryName = zip.toString('utf8', at + 30, at + 30 + nameLength)
    if (entryName !== name) continue
    const start = at + 30 + nameLength + extraLength
    const data = zip.subarray(start, start + compressedSize)
    return (method === 0 ? data : inflateRawSync(data)).toString('utf8')
  }
  return null
}
