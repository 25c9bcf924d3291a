/**
 * A viewer (DGT, "Lecture seule") opens a fiche being edited: they are told
 * they read only, the editor refuses their keystrokes and the classement
 * fields are read-only, yet they see the editors' changes live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForEditorText, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('viewer-read-only on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it(`does not let a viewer type, and shows them the editors' changes (${target.name})`, async () => {
    const path = `/#/fiches/${await world.ficheId(1)}`
    const dgt = await world.openAs('DGT', path)
    const cgt = await world.openAs('CGT', path)
    await Promise.all([waitForLiveEditor(dgt), waitForLiveEditor(cgt)])

    await dgt.locator('[data-testid=read-only-notice]').waitFor()
    expect(await dgt.locator('[data-testid=read-only-notice]').textContent()).toContain('Lecture seule')
    const doc = dgt.locator('[data-testid=fiche-editor] .fiche-doc')
    expect(await doc.getAttribute('contenteditable')).toBe('false')

    const before = await doc.textContent()
    await dgt.locator('[data-testid=fiche-editor] [data-section=objet]').click()
    await dgt.keyboard.type('Texte du lecteur')
    await dgt.keyboard.press('ControlOrMeta+A')
    await dgt.keyboard.press('Delete')
    expect(await doc.textContent()).toBe(before)
    expect(await dgt.getByLabel('Coefficient', { exact: true }).getAttribute('readonly')).not.toBeNull()

    // The editor's own change arrives; the viewer's attempt never reaches the editor.
    await cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first().click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.type(' Ajout CGT visible du lecteur.')
    await waitForEditorText(dgt, 'Ajout CGT visible du lecteur.', 2_000)
    expect(await cgt.locator('[data-testid=fiche-editor] .fiche-doc').textContent()).not.toContain('Texte du lecteur')
    await screenshot(dgt, 'viewer-read-only')
  })
})
