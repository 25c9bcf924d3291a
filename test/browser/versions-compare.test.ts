/**
 * The redline cycle as a negotiator lives it: freeze the text as a named
 * version, edit a fiche, freeze another version, compare the two. The
 * summary counts the modified fiche, the inline redline shows the deleted
 * and inserted words, the tableau comparatif shows both wordings, and the
 * Word export downloads as a .docx holding real tracked changes. A version
 * also compares with the live draft, edits made since included.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { databaseTargets } from '../utils/db.ts'
import {
  ARTIFACTS_DIR,
  readZipEntry,
  screenshot,
  startBrowserWorld,
  waitForLiveEditor,
  type BrowserWorld,
} from '../utils/browser.ts'

describe.each(databaseTargets())('versions-compare on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  async function createVersion(page: Page, label: string): Promise<void> {
    await page.goto(`/#/negociations/${world.negotiationId}/historique`)
    await page.getByLabel('Nom de la nouvelle version').fill(label)
    await page.getByRole('button', { name: 'Créer une version' }).click()
    await page.locator('[data-testid=versions]').getByText(label, { exact: true }).waitFor()
  }

  it(`compares two versions: redline, tableau and DOCX (${target.name})`, async () => {
    const cgt = await world.openAs('CGT')
    await createVersion(cgt, 'Avant la séance')

    // Rewrite the end of the first fiche's objet: "… en magasin." → "… en boutique et en ligne."
    await cgt.goto(`/#/fiches/${await world.ficheId(0)}`)
    await waitForLiveEditor(cgt)
    const objet = cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first()
    expect(await objet.textContent()).toContain('en magasin.')
    await objet.click()
    await cgt.keyboard.press('End')
    for (let i = 0; i < 'magasin.'.length; i++) await cgt.keyboard.press('Backspace')
    await cgt.keyboard.type('boutique et en ligne.')
    await expect.poll(() => objet.textContent()).toContain('en boutique et en ligne.')
    // And its coefficient: a classement change, which the summary must list.
    const coefficient = cgt.getByLabel('Coefficient', { exact: true })
    const oldCoefficient = await coefficient.inputValue()
    await coefficient.fill('160')
    // Versions read the live document on the server: wait until the edits are there.
    await expect
      .poll(async () => {
        const res = await cgt.request.get(`/api/fiches/${await world.ficheId(0)}`)
        return JSON.stringify(await res.json())
      })
      .toMatch(/boutique et en ligne.*"coefficient":160/)

    await createVersion(cgt, 'Proposition CGT')

    // Compare the two, from the history's last row (the older version) to the newer.
    const versions = (await (await cgt.request.get(`/api/negotiations/${world.negotiationId}/versions`)).json()) as {
      versions: { id: string; label: string }[]
    }
    const from = versions.versions.find((v) => v.label === 'Avant la séance')!.id
    const to = versions.versions.find((v) => v.label === 'Proposition CGT')!.id
    await cgt.goto(`/#/negociations/${world.negotiationId}/comparer?de=${from}&a=${to}`)
    const summary = cgt.locator('[data-testid=compare-summary]')
    await summary.waitFor()
    expect(await summary.locator('.summary-count--modified .summary-count__n').textContent()).toBe('1')
    expect(await summary.locator('.summary-count--added .summary-count__n').textContent()).toBe('0')
    const classement = summary.locator('tr', { hasText: 'Coefficient' })
    expect(await classement.locator('.value-old').textContent()).toBe(oldCoefficient)
    expect(await classement.locator('.value-new').textContent()).toBe('160')

    const redline = cgt.locator('[data-testid=redline]')
    await redline.locator('.pt-ins', { hasText: 'boutique' }).waitFor()
    const inserted = (await redline.locator('.pt-ins').allTextContents()).join(' ')
    const deleted = (await redline.locator('.pt-del').allTextContents()).join(' ')
    expect(inserted).toContain('boutique')
    expect(inserted).toContain('ligne')
    expect(deleted).toContain('magasin')
    await redline.locator('.pt-fiche-title', { hasText: 'Opérateur vendeur 1er niveau' }).waitFor()
    const shot = await screenshot(cgt, 'compare-inline')
    const images = join(import.meta.dirname, '..', '..', 'docs', 'images')
    mkdirSync(images, { recursive: true })
    copyFileSync(shot, join(images, 'compare.png'))

    // The tableau comparatif shows the old and the new wording side by side.
    await cgt.getByLabel('Tableau comparatif').check()
    await expect.poll(() => redline.textContent()).toContain('boutique')
    expect(await redline.locator('table').count()).toBeGreaterThan(0)
    await screenshot(cgt, 'compare-tableau')

    // Word export with tracked changes.
    const [download] = await Promise.all([
      cgt.waitForEvent('download'),
      cgt.getByRole('link', { name: /Télécharger en Word/ }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    const file = join(ARTIFACTS_DIR, 'comparaison.docx')
    await download.saveAs(file)
    const bytes = readFileSync(file)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    const xml = readZipEntry(bytes, 'word/document.xml')
    expect(xml).toContain('<w:ins ')
    expect(xml).toContain('<w:del ')
    expect(xml).toContain('boutique')
    expect(xml).toMatch(/w:author="CGT"/)

    // A version against the live draft: what was typed since the version shows.
    await cgt.goto(`/#/fiches/${await world.ficheId(0)}`)
    await waitForLiveEditor(cgt)
    await cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first().click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.type(' Et par téléphone.')
    await expect
      .poll(async () => JSON.stringify(await (await cgt.request.get(`/api/fiches/${await world.ficheId(0)}`)).json()))
      .toContain('Et par téléphone.')
    await cgt.goto(`/#/negociations/${world.negotiationId}/historique`)
    await cgt.locator('[data-testid=versions] tr', { hasText: 'Proposition CGT' }).getByRole('link', { name: 'Comparer' }).click()
    await redline.locator('.pt-ins', { hasText: 'téléphone' }).waitFor()
    expect(await cgt.getByLabel("Version d'arrivée").inputValue()).toBe('live')
    const [liveDownload] = await Promise.all([
      cgt.waitForEvent('download'),
      cgt.getByRole('link', { name: /Télécharger en Word/ }).click(),
    ])
    const liveFile = join(ARTIFACTS_DIR, 'comparaison-projet-en-cours.docx')
    await liveDownload.saveAs(liveFile)
    expect(readZipEntry(readFileSync(liveFile), 'word/document.xml')).toContain('téléphone')
    await screenshot(cgt, 'compare-live')
  })
})
