/**
 * The documents a chair takes to the table, rendered for a reviewer: the
 * first page of the avenant PDF, of the Word redline (through LibreOffice),
 * of the tableau comparatif PDF, and the grid SVG (through chromium), saved
 * as test/artifacts/docs-*.png. Each is checked to be a real, non-blank
 * image of the expected size, and the Word redline's PDF to hold its note.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { diffTextes, draftAvenantFrom, grilleRows, renderGrilleSvg, renderRedlineDocx } from '@paritaire/diff'
import { afterAll, describe, expect, it } from 'vitest'
import { avenantPdf, closePdfBrowser, tableauPdf } from '../../apps/server/src/pdf/index.ts'
import { ARTIFACTS_DIR, launchBrowser } from '../utils/browser.ts'
import { accord2009Edited, avenant2024 } from './pairs.ts'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'paritaire-docs-'))
mkdirSync(ARTIFACTS_DIR, { recursive: true })
afterAll(async () => {
  await closePdfBrowser()
  rmSync(dir, { recursive: true, force: true })
})

/** First page of a PDF as test/artifacts/docs-NAME.png (pdftoppm, 80 dpi). */
async function firstPage(pdf: Uint8Array | string, name: string): Promise<string> {
  const file = typeof pdf === 'string' ? pdf : join(dir, `${name}.pdf`)
  if (typeof pdf !== 'string') writeFileSync(file, pdf)
  const out = join(ARTIFACTS_DIR, `docs-${name}`)
  await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, out], { timeout: 60_000 })
  return `${out}.png`
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file)
  expect(b.subarray(1, 4).toString()).toBe('PNG')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

describe('documents rendered for review (test/artifacts/docs-*.png)', () => {
  const newer = avenant2024()
  const { older } = accord2009Edited()
  const meta = { olderMeta: { organisation: 'FNP', date: '2009-12-09', label: 'Accord du 9 décembre 2009' }, newerMeta: { organisation: 'FS CFDT', date: '2024-03-11', label: 'Avenant du 11 mars 2024' } }
  const cs = diffTextes(older, newer, meta)

  it('the avenant, first page (A4 portrait)', async () => {
    const av = draftAvenantFrom(cs, older, newer, {
      numero: '3', date: '2024-03-11', lieu: 'Paris',
      parties: { employeurs: ['FNP', 'FFPMI'], salaries: ['FS CFDT', 'UNSA commerces et services', 'CAT'] },
    })
    const png = await firstPage(await avenantPdf(av, diffTextes(older, newer, { ...meta, ignoreTypography: true })), 'avenant')
    const { width, height } = pngSize(png)
    expect(height).toBeGreaterThan(width)
    expect(statSync(png).size).toBeGreaterThan(20_000)
  }, 90_000)

  it('the Word redline through LibreOffice, first page', async () => {
    const file = join(dir, 'redline.docx')
    writeFileSync(file, await renderRedlineDocx(cs, older, newer, { title: 'Avenant du 11 mars 2024 — modifications suivies' }))
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 })
    const pdf = join(dir, 'redline.pdf')
    const { stdout } = await run('pdftotext', ['-f', '1', '-l', '1', pdf, '-'])
    expect(stdout).toContain('Note de présentation')
    expect(stdout).toMatch(/\d+ différences typographiques/)
    const png = await firstPage(pdf, 'redline')
    expect(statSync(png).size).toBeGreaterThan(20_000)
  }, 180_000)

  it('the tableau comparatif PDF, first page (A4 landscape)', async () => {
    const png = await firstPage(await tableauPdf(diffTextes(older, newer, { ...meta, ignoreTypography: true })), 'tableau')
    const { width, height } = pngSize(png)
    expect(width).toBeGreaterThan(height)
  }, 90_000)

  it('the grid SVG through chromium', async () => {
    const moved = structuredClone(older)
    moved.fiches[4]!.classement.coefficient = 180
    moved.fiches[30]!.classement.coefficient = 230
    moved.fiches.splice(12, 1)
    const svg = renderGrilleSvg(grilleRows(newer, moved, diffTextes(moved, newer)), { title: 'Grille des coefficients — 2009 → 2024' })
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`)
      const png = join(ARTIFACTS_DIR, 'docs-grille.png')
      await page.locator('svg').first().screenshot({ path: png })
      const { width, height } = pngSize(png)
      expect(width).toBe(1200)
      expect(height).toBeGreaterThan(1000)
    } finally {
      await browser.close()
    }
  }, 90_000)
})
