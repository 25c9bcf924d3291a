/**
 * The six sections of a fiche survive the blunt attacks a hurried user
 * makes: select-all then Delete, select-all then Backspace, and typing over
 * a select-all. Both the typist and a colleague watching the same fiche
 * still see the six labelled sections, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForEditorText, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

const SECTIONS = ['denomination', 'objet', 'contenu', 'classement', 'acces', 'evolution']
describe.each(databaseTargets())('section-protection on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  async function sectionsOf(page: Page): Promise<string[]> {
    return page
      .locator('[data-testid=fiche-editor] .fiche-doc > [data-section], [data-testid=fiche-editor] .fiche-doc > * > [data-section]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-section') ?? ''))
  }

  it(`keeps the six sections through select-all + delete (${target.name})`, async () => {
    const path = `/#/fiches/${await world.ficheId(3)}`
    const cgt = await world.openAs('CGT', path)
    const cfdt = await world.openAs('CFDT', path)
    await Promise.all([waitForLiveEditor(cgt), waitForLiveEditor(cfdt)])
    expect(await sectionsOf(cgt)).toEqual(SECTIONS)

    await cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first().click()
    for (const key of ['Delete', 'Backspace']) {
      await cgt.keyboard.press('ControlOrMeta+A')
      await cgt.keyboard.press(key)
      expect(await sectionsOf(cgt)).toEqual(SECTIONS)
    }
    await cgt.keyboard.press('ControlOrMeta+A')
    await cgt.keyboard.type('Tout remplacé')
    expect(await sectionsOf(cgt)).toEqual(SECTIONS)

    // The colleague's copy went through the server: the same six sections, labelled.
    await cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first().click()
    await cgt.keyboard.type(' — repère')
    await waitForEditorText(cfdt, 'repère', 2_000)
    expect(await sectionsOf(cfdt)).toEqual(SECTIONS)
    const labels = await cfdt
      .locator('[data-testid=fiche-editor] [data-section]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-label') ?? n.querySelector('h2')?.textContent ?? ''))
    expect(labels).toEqual([
      'Dénomination',
      'Objet / Finalité',
      'Contenu / Missions / Activités',
      'Classement',
      "Modes d'accès / Exigences",
      "Possibilités d'évolution",
    ])
    await expect.poll(() => cgt.locator('[data-testid=connection-state]').textContent()).toContain('Connecté')
    await screenshot(cgt, 'section-protection')
  })
})
