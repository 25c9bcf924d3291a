/**
 * Deleting a fiche from its screen: an editor (CGT) is asked to confirm in
 * French; declining keeps the fiche, accepting removes it from the
 * negotiation's list and brings them back there. A viewer (DGT) is not
 * offered the button at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('delete-fiche on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  async function ficheIds(): Promise<string[]> {
    const page = await world.openAs('FNP', '/')
    const res = await page.request.get(`/api/negotiations/${world.negotiationId}/fiches`)
    const { fiches } = (await res.json()) as { fiches: { id: string }[] }
    await page.context().close()
    return fiches.map((f) => f.id)
  }

  it(`lets an editor delete a fiche after a French confirmation, and not a viewer (${target.name})`, async () => {
    const id = await world.ficheId(2)
    const path = `/#/fiches/${id}`

    const dgt = await world.openAs('DGT', path)
    await waitForLiveEditor(dgt)
    expect(await dgt.getByRole('button', { name: 'Supprimer la fiche' }).count()).toBe(0)

    const cgt = await world.openAs('CGT', path)
    await waitForLiveEditor(cgt)
    const button = cgt.getByRole('button', { name: 'Supprimer la fiche' })
    // Out of the way, behind « Autres actions ».
    expect(await button.isVisible()).toBe(false)
    await cgt.getByText('Autres actions').click()

    // Declining the confirmation keeps the fiche.
    const declined = new Promise<string>((resolve) => cgt.once('dialog', (d) => { resolve(d.message()); void d.dismiss() }))
    await button.click()
    expect(await declined).toContain('Supprimer la fiche')
    expect(await ficheIds()).toContain(id)

    // Accepting deletes it and goes back to the negotiation.
    const accepted = new Promise<string>((resolve) => cgt.once('dialog', (d) => { resolve(d.message()); void d.accept() }))
    await button.click()
    expect(await accepted).toContain('Les versions déjà créées en gardent une copie')
    await cgt.waitForURL(new RegExp(`#/negociations/${world.negotiationId}$`))
    expect(await ficheIds()).not.toContain(id)
    await screenshot(cgt, 'delete-fiche')
  })
})
