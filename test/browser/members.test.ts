/**
 * The « Membres » panel in a real chromium, on both databases: the FNP
 * chair creates « FO » as a union while adding it with « Amendements et
 * commentaires », enrols its first person (who can then sign in), cannot
 * step down as the last chair even after confirming; DGT (viewer, an
 * administration) reads the list without its controls, is offered neither
 * « Nouvelle négociation » nor the import, and the import form reached by
 * address says it is not allowed — the server refuses it anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import type { Locator } from 'playwright-core'
import { newContext, screenshot, signIn, startBrowserWorld, type BrowserWorld } from '../utils/browser.ts'

/** The panel's row of one organisation, by its exact name (« FO » is inside other words). */
const row = (panel: Locator, name: string) => panel.locator('li.member').filter({ has: panel.page().locator('.org', { hasText: new RegExp(`^${name}$`) }) })

describe.each(databaseTargets())('members panel on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it(`lets the chair create FO and add it, and keeps DGT read-only (${target.name})`, async () => {
    const page = await world.openAs('FNP', `/#/negociations/${world.negotiationId}`)
    const panel = page.locator('section.members-panel')
    await panel.getByRole('heading', { name: 'Membres' }).waitFor()
    await row(panel, 'CGT').waitFor()

    // « FO » is unknown: the form asks for its kind and creates it while adding it.
    await panel.getByLabel('Organisation (nom)').fill('FO')
    await panel.getByText('« FO » n’est pas encore inscrite sur Paritaire').waitFor()
    await panel.getByLabel('Type d’organisation').selectOption({ label: 'Syndicat' })
    await panel.getByLabel(/^Rôle/).selectOption({ label: 'Amendements et commentaires' })
    await panel.getByRole('button', { name: 'Créer l’organisation et l’ajouter' }).click()
    const fo = row(panel, 'FO')
    await fo.filter({ hasText: 'Amendements et commentaires' }).waitFor()
    expect(await fo.textContent()).toContain('Syndicat')
    expect(await fo.textContent()).toContain('aucune personne inscrite')

    // Its first person, with the suggested initial password.
    const enrol = fo.getByRole('form', { name: 'Inscrire une personne de FO' })
    await enrol.getByLabel('Prénom et nom').fill('Sophie Lambert')
    await enrol.getByLabel('Adresse électronique').fill('sophie.lambert@fo.example')
    const password = await enrol.getByLabel(/Mot de passe initial/).inputValue()
    expect(password.length).toBeGreaterThanOrEqual(8)
    await enrol.getByRole('button', { name: 'Inscrire', exact: true }).click()
    await panel.getByText('Compte créé pour Sophie Lambert (FO)').waitFor()
    await fo.filter({ hasText: '1 personne inscrite' }).waitFor()
    await panel.evaluate((el) => {
      el.scrollIntoView({ block: 'start' })
      window.scrollBy(0, -72) // below the sticky top bar
    })
    await screenshot(page, 'members-panel')

    // Sophie signs in and finds the negotiation, with FO's role.
    const sophie = await newContext(world.browser, world.baseURL)
    await signIn(sophie, { email: 'sophie.lambert@fo.example', password })
    const detail = await (await sophie.request.get(`/api/negotiations/${world.negotiationId}`)).json()
    expect(detail.negotiation.role).toBe('commenter')
    await sophie.close()

    // Stepping down as the only chair: confirmed, then refused by the server, the role unchanged.
    const fnp = row(panel, 'FNP')
    await fnp.getByRole('button', { name: 'Modifier le rôle de FNP' }).click()
    await fnp.getByLabel('Nouveau rôle de FNP').selectOption('editor')
    await fnp.getByRole('button', { name: 'Enregistrer' }).click()
    const dialog = page.getByRole('dialog', { name: 'Confirmation' })
    expect(await dialog.textContent()).toContain('ne présidera plus')
    await dialog.getByRole('button', { name: 'Confirmer' }).click()
    await fnp.getByRole('alert').filter({ hasText: 'seule organisation à présider' }).waitFor()
    expect(await fnp.locator('.badge').textContent()).toBe('Présidence')

    // DGT: the list without controls, no « Nouvelle négociation », no import.
    const dgt = await world.openAs('DGT', `/#/negociations/${world.negotiationId}`)
    const dgtPanel = dgt.locator('section.members-panel')
    await row(dgtPanel, 'FO').filter({ hasText: 'Amendements et commentaires' }).waitFor()
    await dgtPanel.getByText('Seule la présidence gère les membres').waitFor()
    expect(await dgtPanel.getByRole('button').count()).toBe(0)
    expect(await dgtPanel.getByLabel('Organisation (nom)').count()).toBe(0)
    expect(await dgt.getByRole('link', { name: 'Importer un texte' }).count()).toBe(0)

    await dgt.goto('/#/')
    await dgt.getByRole('heading', { name: 'Mes négociations' }).waitFor()
    await dgt.locator('table a').first().waitFor()
    expect(await dgt.getByText('Nouvelle négociation').count()).toBe(0)
    expect(await dgt.getByRole('button', { name: 'Créer la négociation' }).count()).toBe(0)

    await dgt.goto(`/#/negociations/${world.negotiationId}/import`)
    await dgt.getByRole('heading', { name: 'Import non autorisé' }).waitFor()
    expect(await dgt.getByText('« Lecture seule »').count()).toBe(1)
    expect(await dgt.getByLabel(/Ou collez le texte/).count()).toBe(0)
    const refused = await dgt.context().request.post(`/api/negotiations/${world.negotiationId}/import`, {
      data: '1/ Dénomination de la qualification\nOpérateur\n', headers: { 'content-type': 'text/plain', 'X-Requested-With': 'paritaire' },
    })
    expect(refused.status()).toBe(403)
    const opened = await dgt.context().request.post('/api/negotiations', { data: { title: 'Par la DGT' }, headers: { 'X-Requested-With': 'paritaire' } })
    expect(opened.status()).toBe(403)

    // A union still opens negotiations: the form is hidden for administrations only.
    const cgt = await world.openAs('CGT', '/#/')
    await cgt.getByRole('heading', { name: 'Nouvelle négociation' }).waitFor()
    const cgtImport = await world.openAs('CGT', `/#/negociations/${world.negotiationId}/import`)
    await cgtImport.getByLabel(/Ou collez le texte/).waitFor()
  })
})
