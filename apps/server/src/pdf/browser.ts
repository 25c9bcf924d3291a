/**
 * HTML → PDF with Debian's chromium through playwright-core (`page.pdf`,
 * CSS paged media): one browser for the process, launched on first use and
 * closed after a minute idle, and at most `MAX_PAGES` pages rendering at
 * once (more wait their turn). Without chromium on the machine
 * `PdfUnavailableError` says how to install it; the routes answer 503 and
 * everything else works.
 */
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'

/** Read on each use, so that an operator (or a test) can point to another build. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const MAX_PAGES = 2
const IDLE_MS = 60_000

export class PdfUnavailableError extends Error {
  constructor(path: string) {
    super(`La génération de PDF demande chromium, introuvable ici (${path}). Installez-le (Debian : « apt-get install chromium ») ou indiquez son chemin dans CHROMIUM_PATH.`)
  }
}

export interface PdfOptions {
  landscape?: boolean
  /** page.pdf header template (Chromium classes: pageNumber, totalPages, title, date). */
  headerTemplate?: string
  footerTemplate?: string
}

/** « Page 3 sur 43 », centred, for every document. */
export const PAGE_FOOTER = '<div style="font: 8pt sans-serif; color: #555; width: 100%; text-align: center;">Page <span class="pageNumber"></span> sur <span class="totalPages"></span></div>'

/** A header repeating the document title (escaped by Chromium from <title>). */
export const TITLE_HEADER = '<div style="font: 7.5pt sans-serif; color: #777; width: 100%; text-align: center;"><span class="title"></span></div>'

let browser: Promise<Browser> | null = null
let idle: NodeJS.Timeout | null = null
let active = 0
const waiting: (() => void)[] = []

export const pdfAvailable = (): boolean => existsSync(chromiumPath())

function getBrowser(): Promise<Browser> {
  if (!pdfAvailable()) throw new PdfUnavailableError(chromiumPath())
  // playwright-core is loaded with the first PDF: loading it costs the server's start some 0.4 s.
  browser ??= import('playwright-core')
    .then(({ chromium }) => chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] }))
    .catch((err: unknown) => {
      browser = null
      throw err
    })
  return browser
}

async function slot(): Promise<void> {
  if (active < MAX_PAGES) {
    active++
    return
  }
  await new Promise<void>((resolve) => waiting.push(resolve))
}

function release(): void {
  const next = waiting.shift()
  if (next) next()
  else active--
  if (active === 0) {
    idle = setTimeout(() => void closePdfBrowser(), IDLE_MS)
    idle.unref()
  }
}

/** Renders a complete HTML page (no network: every resource is inline) as A4 PDF bytes. */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const b = await getBrowser()
  await slot()
  if (idle) clearTimeout(idle)
  const context = await b.newContext({ locale: 'fr-FR', javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    // Nothing leaves the machine: a fiche cannot make the renderer fetch anything.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()))
    await page.setContent(html, { waitUntil: 'load' })
    const header = options.headerTemplate ?? '<span></span>'
    const footer = options.footerTemplate ?? PAGE_FOOTER
    const pdf = await page.pdf({
      format: 'A4',
      landscape: options.landscape ?? false,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: header,
      footerTemplate: footer,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    })
    return new Uint8Array(pdf)
  } finally {
    await context.close().catch(() => {})
    release()
  }
}

/** Closes the shared browser (tests, shutdown). */
export async function closePdfBrowser(): Promise<void> {
  const b = browser
  browser = null
  if (b) await (await b).close().catch(() => {})
}
