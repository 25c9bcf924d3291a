/**
 * Amendments in the browser, on both databases: CFDT, given the role
 * « Amendements et commentaires », proposes an amendment in the prose and
 * one on the coefficient; CGT sees both in CFDT's colour within a second;
 * CGT proposes one of its own (suggestion mode toggled on); the chair
 * accepts CFDT's prose amendment and rejects the coefficient, and the text
 * and the audit log show it. CFDT cannot edit directly: the coefficient is
 * read-only and what it types stays an amendment. The chair's view with
 * amendments from two organisations is saved as
 * test/artifacts/amendments-two-orgs.png (and, on PGlite, as the docs'
 * docs/images/editor-amendments.png).
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { routeSync, screenshot, startBrowserWorld, waitForLiveEditor, type BrowserWorld, type ConnectionSwitch } from '../utils/browser.ts'

const CFDT_COLOUR = 'rgb(229, 98, 26)'

describe.each(databaseTargets())('amendements dans le navigateur ($name)', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it('proposes, shows, decides and audits amendments of two organisations', async () => {
    const ficheId = await world.ficheId(0)
    const path = `/#/fiches/${ficheId}`
    const fnp = await world.openAs('FNP', path)
    const member = await fnp.request.post(`/api/negotiations/${world.negotiationId}/members`, { data: { organisation: 'CFDT', role: 'commenter' } })
    expect(member.status()).toBeLessThan(300)
    const before = (await (await fnp.request.get(`/api/fiches/${ficheId}`)).json()).fiche

    const cfdt = await world.openAs('CFDT', path)
    const cgt = await world.openAs('CGT', path)
    await Promise.all([waitForLiveEditor(fnp), waitForLiveEditor(cfdt), waitForLiveEditor(cgt)])
    await cfdt.locator('[data-testid=amendment-only-notice]').waitFor()
    const toggle = cfdt.locator('[data-testid=suggest-toggle]')
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true')
    expect(await toggle.isDisabled()).toBe(true)

    // CFDT types at the end of the objet: an insertion in its colour, not a direct edit.
    const objet = cfdt.locator('[data-testid=fiche-editor] [data-section=objet] p').first()
    await objet.click()
    await cfdt.keyboard.press('End')
    await cfdt.keyboard.type(' (amendement CFDT)', { delay: 5 })
    const typedAt = Date.now()
    const atCgt = cgt.locator('[data-section=objet] ins.amendment-insertion', { hasText: 'amendement CFDT' })
    await atCgt.first().waitFor({ timeout: 1_000 })
    expect(Date.now() - typedAt).toBeLessThan(1_000)
    expect(await atCgt.first().evaluate((el) => getComputedStyle(el).textDecorationColor)).toBe(CFDT_COLOUR)
    expect(await atCgt.first().getAttribute('title')).toMatch(/Sophie Leroy.*\(CFDT\)/)

    // CFDT cannot change the coefficient directly; it proposes 160.
    const coefficient = cfdt.locator('.classement-form').getByLabel('Coefficient', { exact: true })
    expect(await coefficient.getAttribute('readonly')).not.toBeNull()
    const form = cfdt.locator('.classement-proposals__form')
    await form.getByLabel('Champ à amender').selectOption('coefficient')
    await form.getByLabel('Nouvelle valeur proposée').fill('160')
    await form.getByRole('button', { name: 'Proposer la valeur' }).click()
    const proposalAtCgt = cgt.locator('.classement-proposals__table tr[data-proposal-id]')
    await proposalAtCgt.first().waitFor({ timeout: 1_000 })
    expect(await proposalAtCgt.first().locator('.classement-proposals__new').textContent()).toBe('160')
    expect(await proposalAtCgt.first().locator('.classement-proposals__new').evaluate((el) => getComputedStyle(el).textDecorationColor)).toBe(CFDT_COLOUR)

    // The canonical text (what versions store) has neither.
    const during = (await (await fnp.request.get(`/api/fiches/${ficheId}`)).json()).fiche
    expect(JSON.stringify(during.objet)).not.toContain('amendement CFDT')
    expect(during.classement.coefficient).toBe(before.classement.coefficient)

    // CGT proposes too, with the toggle on.
    await cgt.locator('[data-testid=suggest-toggle]').click()
    const contenu = cgt.locator('[data-testid=fiche-editor] [data-section=contenu] p').first()
    await contenu.click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.type(' (proposition CGT)', { delay: 5 })
    await fnp.locator('ins.amendment-insertion', { hasText: 'proposition CGT' }).first().waitFor({ timeout: 3_000 })
    const panel = fnp.locator('[data-testid=amendments-panel]')
    await expect.poll(() => panel.locator('.amendment-item').count()).toBe(3)
    await expect.poll(() => panel.textContent()).toContain('(proposition CGT)')
    // Tall enough to show the prose amendments, the side list and the classement proposals.
    await fnp.setViewportSize({ width: 1280, height: 1500 })
    await fnp.locator('[data-testid=fiche-editor] [data-section=denomination]').first().scrollIntoViewIfNeeded()
    const shot = await screenshot(fnp, 'amendments-two-orgs')
    if (target.name === 'pglite') {
      const images = join(import.meta.dirname, '..', '..', 'docs', 'images')
      mkdirSync(images, { recursive: true })
      copyFileSync(shot, join(images, 'editor-amendments.png'))
    }

    // The chair accepts CFDT's prose amendment and rejects the coefficient.
    const prose = panel.locator('.amendment-item', { hasText: 'amendement CFDT' })
    await prose.getByRole('button', { name: 'Accepter' }).click()
    await expect.poll(() => panel.locator('.amendment-item').count(), { timeout: 10_000 }).toBe(2)
    const field = panel.locator('.amendment-item', { hasText: 'Coefficient' })
    await field.getByRole('button', { name: 'Rejeter' }).click()
    await expect.poll(() => panel.locator('.amendment-item').count(), { timeout: 10_000 }).toBe(1)

    await expect.poll(async () => cgt.locator('[data-section=objet]').first().textContent(), { timeout: 10_000 }).toContain('(amendement CFDT)')
    expect(await cgt.locator('[data-section=objet] ins.amendment-insertion').count()).toBe(0)
    await expect.poll(() => cgt.locator('.classement-proposals__table tr[data-proposal-id]').count(), { timeout: 10_000 }).toBe(0)
    const after = (await (await fnp.request.get(`/api/fiches/${ficheId}`)).json()).fiche
    expect(JSON.stringify(after.objet)).toContain('(amendement CFDT)')
    expect(after.classement.coefficient).toBe(before.classement.coefficient)

    const audit = (await (await fnp.request.get(`/api/negotiations/${world.negotiationId}/audit`)).json()).events as { action: string; organisation: string; details: { proposedBy?: { organisation?: string }; field?: string | null } }[]
    const decisions = audit.filter((e) => e.action.startsWith('amendment.'))
    expect(decisions.map((e) => [e.action, e.organisation, e.details.proposedBy?.organisation, e.details.field])).toEqual([
      ['amendment.accept', 'FNP', 'CFDT', null],
      ['amendment.reject', 'FNP', 'CFDT', 'coefficient'],
    ])

    // The negotiation page shows who decides; the chair may change it.
    await fnp.goto(`/#/negociations/${world.negotiationId}`)
    const settings = fnp.locator('[data-testid=amendment-settings]')
    await settings.waitFor()
    expect(await settings.locator('select').inputValue()).toBe('chair')
  })

  it('lists as orphaned an amendment whose words a colleague deleted meanwhile', async () => {
    const ficheId = await world.ficheId(1)
    const path = `/#/fiches/${ficheId}`
    const fnp = await world.openAs('FNP', path)
    await fnp.request.post(`/api/negotiations/${world.negotiationId}/members`, { data: { organisation: 'CFDT', role: 'commenter' } })
    let network!: ConnectionSwitch
    const cfdt = await world.openAs('CFDT', path, async (context) => {
      network = await routeSync(context)
    })
    const cgt = await world.openAs('CGT', path)
    await Promise.all([waitForLiveEditor(cfdt), waitForLiveEditor(cgt)])

    // CFDT, cut off, proposes words in the second activity…
    await network.cut()
    const item = cfdt.locator('[data-testid=fiche-editor] [data-section=contenu] li p').nth(1)
    await item.click()
    await cfdt.keyboard.press('End')
    await cfdt.keyboard.type(' (ajout CFDT hors ligne)', { delay: 5 })
    const panel = cfdt.locator('[data-testid=amendments-panel]')
    await expect.poll(() => panel.textContent()).toContain('ajout CFDT hors ligne')

    // …while CGT deletes that activity altogether.
    const first = cgt.locator('[data-testid=fiche-editor] [data-section=contenu] li p').nth(0)
    const removed = (await cgt.locator('[data-testid=fiche-editor] [data-section=contenu] li p').nth(1).textContent()) ?? ''
    await first.click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.press('Shift+ArrowDown')
    await cgt.keyboard.press('Shift+End')
    await cgt.keyboard.press('Backspace')
    await expect.poll(() => cgt.locator('[data-section=contenu]').first().textContent()).not.toContain(removed.slice(0, 30))

    // Back online, CFDT's amendment has nothing left to attach to: it is listed as orphaned, not silently lost.
    await network.restore()
    await expect.poll(() => cfdt.locator('[data-section=contenu]').first().textContent(), { timeout: 15_000 }).not.toContain(removed.slice(0, 30))
    const orphans = cfdt.locator('.amendments-panel__orphans')
    await orphans.waitFor({ timeout: 15_000 })
    expect(await orphans.textContent()).toContain('ajout CFDT hors ligne')
    expect(await panel.locator('.amendment-item', { hasText: 'ajout CFDT hors ligne' }).count()).toBe(0)
  })
})
