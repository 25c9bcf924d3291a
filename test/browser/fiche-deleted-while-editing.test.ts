/**
 * A fiche deleted while someone types in it: the person is told at once who
 * deleted it (« Cette fiche a été supprimée par … (FNP) »), not a storage
 * error, and what this browser held — what they typed included — can be
 * restored into a new fiche of the same negotiation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('fiche deleted while editing ($name)', (target) => {
  let world: BrowserWorld
  beforeAll(async () => { world = await startBrowserWorld(target) })
  afterAll(async () => { await world?.close() })

  it('tells who deleted the fiche and restores the local copy into a new fiche', async () => {
    const id = await world.ficheId(3)
    const cgt = await world.openAs('CGT', `/#/fiches/${id}`)
    await waitForLiveEditor(cgt)
    const objet = cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first()
    await objet.click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.type(' Texte à garder malgré la suppression.', { delay: 5 })

    const fnp = await world.openAs('FNP', '/')
    const deleted = await fnp.request.delete(`/api/fiches/${id}`, { headers: { 'x-requested-with': 'paritaire' } })
    expect(deleted.status()).toBe(204)

    const notice = cgt.locator('[data-testid=fiche-deleted]')
    await notice.waitFor({ timeout: 10_000 })
    expect(await notice.textContent()).toMatch(/Cette fiche a été supprimée par .+ \(FNP\)/)
    expect(await cgt.locator('[data-testid=connection-state]').textContent()).not.toMatch(/stockage_indisponible/)

    await cgt.getByRole('button', { name: 'Restaurer dans une nouvelle fiche' }).click()
    await cgt.waitForURL((url) => /#\/fiches\//.test(url.hash) && !url.hash.includes(id))
    await waitForLiveEditor(cgt)
    await expect.poll(() => cgt.locator('[data-testid=fiche-editor] [data-section=objet]').first().textContent(), { timeout: 10_000 })
      .toContain('Texte à garder malgré la suppression.')
  })
})
