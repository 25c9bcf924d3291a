/**
 * Two negotiators of two organisations (CGT and CFDT) in two browser
 * contexts open the same fiche: what one types appears at the other's within
 * one second, with the typist's caret labelled with their name, and both see
 * each other in the presence list. A third person (FNP, the chair) sees both
 * carets at once: that view is the README's screenshot. On PGlite, and on
 * the real Postgres too when TEST_DATABASE_URL is set.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForEditorText, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('co-editing on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it(`shows one person's typing, caret and name to another within a second (${target.name})`, async () => {
    const ficheId = await world.ficheId(0)
    const path = `/#/fiches/${ficheId}`
    const cgt = await world.openAs('CGT', path)
    const cfdt = await world.openAs('CFDT', path)
    await Promise.all([waitForLiveEditor(cgt), waitForLiveEditor(cfdt)])

    // Karim (CGT) types at the end of the objet.
    const objet = cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first()
    await objet.click()
    await cgt.keyboard.press('End')
    const words = ' Proposition CGT : accueil et conseil du client.'
    await cgt.keyboard.type(words, { delay: 5 })
    const typedAt = Date.now()
    await waitForEditorText(cfdt, 'accueil et conseil du client.', 1_000)
    const latency = Date.now() - typedAt
    expect(latency).toBeLessThan(1_000)
    await expect.poll(() => cfdt.locator('[data-section=objet]').first().textContent()).toContain('Proposition CGT : accueil et conseil du client.')

    // Sophie (CFDT) sees Karim's caret with his name and his organisation's colour.
    const label = cfdt.locator('.collaboration-carets__label', { hasText: 'Karim Benali (CGT)' })
    await label.waitFor({ timeout: 2_000 })
    expect(await label.textContent()).toContain('CGT')
    const colour = await label.evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(colour).toBe('rgb(200, 16, 46)')

    // Each sees the other in the presence list.
    await expect.poll(() => cfdt.locator('[data-testid=presence]').textContent()).toContain('Karim Benali (CGT)')
    await expect.poll(() => cgt.locator('[data-testid=presence]').textContent()).toContain('Sophie Leroy (CFDT)')

    // And Sophie's answer reaches Karim the same way.
    const contenu = cfdt.locator('[data-testid=fiche-editor] [data-section=contenu] li p').first()
    await contenu.click()
    await cfdt.keyboard.press('End')
    await cfdt.keyboard.type(' (amendement CFDT)', { delay: 5 })
    await waitForEditorText(cgt, '(amendement CFDT)', 1_000)
    await cgt.locator('.collaboration-carets__label', { hasText: 'Sophie Leroy (CFDT)' }).waitFor({ timeout: 2_000 })
    await screenshot(cfdt, `co-editing-cfdt-${target.name}`)

    // The chair, watching, sees both carets: the README's picture.
    const fnp = await world.openAs('FNP', path)
    await waitForLiveEditor(fnp)
    await cgt.keyboard.type(' Vu', { delay: 20 })
    await cfdt.keyboard.type(' ok', { delay: 20 })
    await fnp.locator('.collaboration-carets__label').nth(1).waitFor({ timeout: 3_000 })
    expect(await fnp.locator('.collaboration-carets__label').count()).toBe(2)
    const shot = await screenshot(fnp, `co-editing-two-carets-${target.name}`)
    if (target.name === 'pglite') {
      const images = join(import.meta.dirname, '..', '..', 'docs', 'images')
      mkdirSync(images, { recursive: true })
      copyFileSync(shot, join(images, 'editor-two-carets.png'))
    }
  })
})
