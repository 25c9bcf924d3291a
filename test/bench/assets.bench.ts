/**
 * `npm run bench:assets`: the JavaScript a browser really downloads for the
 * fiche screen (issue 14's target: ≤ 200 KB brotli on first load), then
 * what opening the comparison screen adds. The real server (child process,
 * demo data on PGlite) serves the built editor with its precompressed
 * files; chromium, signed in as the demo chair with a cold cache and
 * `Accept-Encoding: br`, opens a fiche until its live editor is ready and
 * the network has been quiet for a second, types one character (the fiche
 * validator, zod, loads at the first change), then follows the hash route
 * to the comparison screen. Every script response is recorded from the
 * DevTools protocol: URL, bytes on the wire (`encodedDataLength`, headers
 * included) and body bytes (`Content-Length`), `Content-Encoding`,
 * `Cache-Control`. Several samples (fresh context each); the editor is
 * rebuilt first (BENCH_NO_BUILD=1 skips it). No peer: the figures are set
 * against the target. Prints a table and writes test/bench/results/assets.json
 * with the commit measured.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { databaseTargets } from '../utils/db.ts'
import { startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'
import { provenance } from './provenance.ts'

const here = import.meta.dirname
const ROOT = join(here, '..', '..')
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 3)
const TARGET_BYTES = 200 * 1000
/** Quiet time that ends a step: no script request started or finished for this long. */
const QUIET_MS = 1000

interface Script {
  url: string
  /** Bytes on the wire, response headers included (CDP `encodedDataLength`). */
  transferred: number
  /** Body bytes as sent (`Content-Length`), null when the server did not say. */
  contentLength: number | null
  encoding: string | null
  cacheControl: string | null
  status: number
}

/** Records the script responses of a page through CDP, per step. */
async function recordScripts(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  // Chromium offers brotli on HTTPS only; the bench speaks plain HTTP to
  // 127.0.0.1, so it asks for brotli as a browser on the deployed site does.
  await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'br, gzip' } })
  const pending = new Map<string, Omit<Script, 'transferred'>>()
  let done: Script[] = []
  let lastActivity = Date.now()
  const started = new Set<string>()
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type !== 'Script') return
    lastActivity = Date.now()
    started.add(e.requestId)
  })
  cdp.on('Network.responseReceived', (e) => {
    if (e.type !== 'Script') return
    lastActivity = Date.now()
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]))
    pending.set(e.requestId, {
      url: new URL(e.response.url).pathname,
      contentLength: h['content-length'] ? Number(h['content-length']) : null,
      encoding: h['content-encoding'] ?? null,
      cacheControl: h['cache-control'] ?? null,
      status: e.response.status,
    })
  })
  cdp.on('Network.loadingFinished', (e) => {
    const r = pending.get(e.requestId)
    if (!r) return
    lastActivity = Date.now()
    pending.delete(e.requestId)
    started.delete(e.requestId)
    done.push({ ...r, transferred: e.encodedDataLength })
  })
  return {
    /**
     * Waits until no script is in flight and none moved for QUIET_MS (counted
     * from the call at the earliest: what the step's action triggers may not
     * have reached the network yet), then hands over what this step loaded.
     */
    async step(): Promise<Script[]> {
      const from = Date.now()
      while (started.size > 0 || Date.now() - Math.max(lastActivity, from) < QUIET_MS) await new Promise((r) => setTimeout(r, 100))
      const out = done
      done = []
      return out
    },
  }
}

interface Sample { fiche: Script[]; firstChange: Script[]; compare: Script[] }

async function sample(world: BrowserWorld, ficheId: string): Promise<Sample> {
  const page = await world.openAs('FNP', '/')
  // The sign-in page load above came before the recorder: start from a blank
  // page with a cold cache, then open the fiche as a bookmark would.
  await page.goto('about:blank')
  const rec = await recordScripts(page)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.clearBrowserCache')
  await page.goto(`/#/fiches/${ficheId}`)
  await waitForLiveEditor(page)
  const fiche = await rec.step()
  await page.locator('[data-testid=fiche-editor] [data-section=objet] p').first().click()
  await page.keyboard.press('End')
  await page.keyboard.type('.')
  const firstChange = await rec.step()
  await page.evaluate((id) => { window.location.hash = `#/negociations/${id}/comparer` }, world.negotiationId)
  await page.getByRole('heading', { name: 'Comparer deux versions' }).waitFor()
  const compare = await rec.step()
  await page.context().close()
  return { fiche, firstChange, compare }
}

const total = (scripts: Script[], key: 'transferred' | 'contentLength') => scripts.reduce((a, s) => a + (s[key] ?? 0), 0)
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

if (process.env.BENCH_NO_BUILD !== '1') {
  console.error('assets bench: building the editor…')
  const built = spawnSync(join(ROOT, 'node_modules', '.bin', 'pnpm'), ['--filter', '@paritaire/editor', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

const target = databaseTargets().find((t) => t.name === 'pglite')!
const world = await startBrowserWorld(target)
const samples: Sample[] = []
try {
  const ficheId = await world.ficheId(0)
  for (let i = 0; i < SAMPLES; i++) {
    console.error(`assets bench: sample ${i + 1}/${SAMPLES}…`)
    samples.push(await sample(world, ficheId))
  }
} finally {
  await world.close()
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const figures = {
  fiche: {
    transferred: median(samples.map((s) => total(s.fiche, 'transferred'))),
    body: median(samples.map((s) => total(s.fiche, 'contentLength'))),
    requests: median(samples.map((s) => s.fiche.length)),
  },
  firstChangeAdds: {
    transferred: median(samples.map((s) => total(s.firstChange, 'transferred'))),
    body: median(samples.map((s) => total(s.firstChange, 'contentLength'))),
    requests: median(samples.map((s) => s.firstChange.length)),
  },
  compareAdds: {
    transferred: median(samples.map((s) => total(s.compare, 'transferred'))),
    body: median(samples.map((s) => total(s.compare, 'contentLength'))),
    requests: median(samples.map((s) => s.compare.length)),
  },
}

// The scripts of the first sample, as a table (the others load the same files).
const first = samples[0]!
const steps = [['Fiche (premier chargement)', first.fiche], ['Première modification (en plus)', first.firstChange], ['Comparaison (en plus)', first.compare]] as const
for (const [name, scripts] of steps) {
  console.log(`\n${name}`)
  console.log('| script | transféré | corps | encodage | cache-control |')
  console.log('|---|---|---|---|---|')
  for (const s of [...scripts].sort((a, b) => b.transferred - a.transferred)) {
    console.log(`| ${s.url} | ${kb(s.transferred)} | ${s.contentLength === null ? '?' : kb(s.contentLength)} | ${s.encoding ?? 'aucun'} | ${s.cacheControl ?? '—'} |`)
  }
}
console.log(`\n${SAMPLES} samples, medians: fiche screen first load ${kb(figures.fiche.transferred)} transferred (${kb(figures.fiche.body)} of bodies, ${figures.fiche.requests} scripts; target ≤ ${kb(TARGET_BYTES)}); the first change adds ${kb(figures.firstChangeAdds.transferred)} (${figures.firstChangeAdds.requests} scripts); compare screen adds ${kb(figures.compareAdds.transferred)} (${figures.compareAdds.requests} scripts)`)

mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'assets.json'), `${JSON.stringify({
  ...provenance(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
  samples: SAMPLES,
  targetBytes: TARGET_BYTES,
  figures,
  scripts: { fiche: first.fiche, firstChange: first.firstChange, compare: first.compare },
  perSample: samples.map((s) => ({ fiche: total(s.fiche, 'transferred'), firstChange: total(s.firstChange, 'transferred'), compare: total(s.compare, 'transferred') })),
}, null, 2)}\n`)
