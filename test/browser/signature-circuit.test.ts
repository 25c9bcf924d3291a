/**
 * The signature circuit through the screens, on the demo (FNP chairs and is
 * the employer organisation; CGT weighs 28,50 %, CFDT 31,20 %): every step
 * asks for confirmation; with FNP and CGT alone the publication is refused
 * with the law's reasons, shown to the chair; once CFDT signs, the panel
 * says the agreement is valid and it publishes; the negotiation says it is
 * concluded. Then the fiche editor shows the lock (the signed text, then a
 * fiche the chair marks agreed), who set it, and stops offering edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('signature circuit on $name', (target) => {
  let world: BrowserWorld
  beforeAll(async () => { world = await startBrowserWorld(target) })
  afterAll(async () => { await world?.close() })

  const LABEL = 'Avenant classification — circuit'
  const row = (page: Page) => page.locator('[data-testid=versions] > tbody > tr', { hasText: LABEL })
  const panel = (page: Page) => page.locator('[data-testid=signature-circuit]')
  async function confirmed(page: Page, name: string | RegExp) {
    await row(page).getByRole('button', { name }).click()
    await row(page).getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click()
  }

  it(`refuses publication until the agreement is valid, then publishes (${target.name})`, async () => {
    const history = `/#/negociations/${world.negotiationId}/historique`
    const fnp = await world.openAs('FNP', history)
    await expect.poll(() => fnp.getByLabel('Poids de CGT (%)').inputValue()).toBe('28,5')
    await fnp.getByLabel('Nom de la nouvelle version').fill(LABEL)
    await fnp.getByRole('button', { name: 'Créer une version' }).click()
    await row(fnp).locator('.badge', { hasText: 'Brouillon' }).waitFor()
    await row(fnp).getByRole('button', { name: 'Proposer' }).click()
    await row(fnp).locator('.badge', { hasText: 'Proposition' }).waitFor()

    // Cancelling the confirmation changes nothing.
    await row(fnp).getByRole('button', { name: 'Valider' }).click()
    await row(fnp).getByRole('dialog').getByRole('button', { name: 'Annuler' }).click()
    expect(await row(fnp).getByRole('dialog').count()).toBe(0)
    expect(await row(fnp).locator('.badge').textContent()).toContain('Proposition')
    await confirmed(fnp, 'Valider')
    await row(fnp).locator('.badge', { hasText: 'Validée' }).waitFor()

    await confirmed(fnp, 'Signer pour FNP')
    await expect.poll(() => panel(fnp).locator('[data-testid=circuit-total]').textContent()).toContain('une organisation d’employeurs a signé')
    expect(await panel(fnp).textContent()).toContain('pas encore signé')

    const cgt = await world.openAs('CGT', history)
    await confirmed(cgt, 'Signer pour CGT')
    await expect.poll(() => panel(cgt).locator('[data-testid=circuit-total]').textContent()).toContain('28,50 %')

    await fnp.reload()
    await confirmed(fnp, 'Publier')
    const refusal = fnp.getByRole('alert').filter({ hasText: 'Publication impossible' })
    await refusal.waitFor()
    expect(await refusal.textContent()).toMatch(/28,50 %.*au moins 30 %/)
    expect(await row(fnp).locator('.badge').textContent()).toContain('Signée')
    await screenshot(fnp, `signature-circuit-refused-${target.name}`)

    const cfdt = await world.openAs('CFDT', history)
    await confirmed(cfdt, 'Signer pour CFDT')
    await fnp.reload()
    await expect.poll(() => panel(fnp).textContent()).toContain('Accord valide')
    expect(await panel(fnp).locator('[data-testid=circuit-total]').textContent()).toContain('59,70 %')
    expect(await panel(fnp).textContent()).toMatch(/CFDT31,20 %signé le/)
    await screenshot(fnp, `signature-circuit-valid-${target.name}`)
    await confirmed(fnp, 'Publier')
    await row(fnp).locator('.badge', { hasText: 'Publiée' }).waitFor()
    await fnp.reload()
    await fnp.getByText(/Conclue le \d{2}\/\d{2}\/\d{4}/).waitFor()
  })

  it(`shows the lock in the fiche editor and who set it (${target.name})`, async () => {
    const ficheId = await world.ficheId(0)
    const cgt = await world.openAs('CGT', `/#/fiches/${ficheId}`)
    const banner = cgt.locator('[data-testid=lock-banner]')
    // The version signed above locks the common text until a new round.
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/Texte verrouillé \(une version signée\) par .+ — (FNP|CGT|CFDT)/)
    await expect.poll(() => cgt.locator('.ProseMirror').first().getAttribute('contenteditable')).toBe('false')

    const fnp = await world.openAs('FNP', `/#/fiches/${ficheId}`)
    await fnp.getByRole('button', { name: 'Déverrouiller le texte' }).click()
    await fnp.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click()
    await fnp.getByRole('button', { name: 'Verrouiller la fiche (validée)' }).waitFor()
    await fnp.getByRole('button', { name: 'Verrouiller la fiche (validée)' }).click()
    await fnp.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click()
    await fnp.locator('[data-testid=lock-banner]', { hasText: 'Fiche verrouillée (validée par la table) par Françoise Martin (FNP) — FNP' }).waitFor()

    await cgt.reload()
    await cgt.locator('[data-testid=lock-banner]', { hasText: 'Fiche verrouillée' }).waitFor()
    expect(await cgt.getByRole('button', { name: /Déverrouiller/ }).count()).toBe(0)
    await screenshot(cgt, `signature-circuit-lock-${target.name}`)
  })
})
