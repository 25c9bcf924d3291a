/**
 * A first visit: the sign-in screen offers the demo accounts, a wrong
 * password gets a French message, a right one opens "Mes négociations".
 * The person then opens a negotiation (their organisation chairs it),
 * imports a real text from a file, reads the importer's report (format,
 * warnings, fiches found), finds the fiche by search, and adds a member.
 * The negotiation screen is also checked at tablet width.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { newContext, screenshot, startBrowserWorld, type BrowserWorld } from '../utils/browser.ts'

// PGlite only: the sign-in screen's demo accounts are announced by the
// embedded demo (`npm start` on a fresh machine), never by a server on Postgres.
describe.each(databaseTargets().filter((t) => t.name === 'pglite'))('sign-in-and-import on $name', (target) => {
  let world: BrowserWorld
  const CORPUS_A = join(import.meta.dirname, '..', 'fixtures', 'corpus', '000_3b919145baffd6f2.txt')

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it(`signs in, creates a negotiation and imports a text into it (${target.name})`, async () => {
    const context = await newContext(world.browser, world.baseURL)
    const page = await context.newPage()
    await page.goto('/')
    await page.getByRole('heading', { name: 'Connexion' }).waitFor()
    await page.getByRole('complementary', { name: 'Comptes de démonstration' }).waitFor()
    await screenshot(page, 'sign-in')

    await page.getByLabel('Adresse électronique').fill(world.logins.CFDT!.email)
    await page.getByLabel('Mot de passe').fill('pas le bon')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('alert').filter({ hasText: 'incorrect' }).waitFor()

    // The demo hint fills the form.
    await page.getByRole('button', { name: /CFDT — cfdt@/ }).click()
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe(world.logins.CFDT!.password)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: 'Mes négociations' }).waitFor()
    expect(await page.getByTestId('current-user').textContent()).toContain('Sophie Leroy')
    const demoRow = page.locator('tr', { hasText: 'Photographie' })
    expect(await demoRow.textContent()).toContain('3168')
    expect(await demoRow.textContent()).toContain('Rédaction')

    // A new negotiation: CFDT chairs it.
    await page.getByLabel('Intitulé').fill('Classification des métiers de l’image — 2027')
    await page.getByLabel('IDCC').fill('1234')
    await page.getByRole('button', { name: 'Créer la négociation' }).click()
    await page.getByRole('heading', { name: 'Classification des métiers de l’image — 2027' }).waitFor()
    expect(await page.locator('.page-head').textContent()).toContain('Présidence')

    // Import a numbered qualification fiche (family A) from a file.
    await page.getByRole('link', { name: 'Importer un texte' }).click()
    await page.getByLabel(/Fichier/).setInputFiles(CORPUS_A)
    await expect.poll(() => page.getByLabel(/Ou collez le texte/).inputValue()).toContain('Dénomination')
    await page.getByRole('button', { name: 'Importer' }).click()
    const report = page.getByTestId('import-report')
    await report.waitFor()
    expect(await report.textContent()).toMatch(/1 fiche importée — format A/)
    expect(await report.locator('.fiche-found li').count()).toBe(1)
    const ficheTitle = (await report.locator('.fiche-found a').textContent())!.trim()
    expect(ficheTitle.length).toBeGreaterThan(3)
    await screenshot(page, 'import-report')

    // The fiche is in the negotiation, found by a word of its title.
    await page.getByRole('link', { name: 'Voir les fiches de la négociation' }).click()
    const search = page.getByLabel(/Rechercher une fiche/)
    await search.fill(ficheTitle.split(/\s+/)[0]!.toLowerCase())
    await page.locator('.filiere a', { hasText: ficheTitle }).waitFor()
    await search.fill('zzzz')
    await page.getByText('Aucune fiche ne correspond').waitFor()
    await search.fill('')

    // The chair adds CGT as a commenter.
    await page.getByLabel('Organisation (nom)').fill('CGT')
    await page.getByLabel('Rôle').selectOption('commenter')
    await page.getByRole('button', { name: 'Ajouter' }).click()
    await page.locator('.members li', { hasText: 'CGT' }).filter({ hasText: 'Commentaires' }).waitFor()

    // Tablet width: the side column goes below, nothing overflows sideways.
    await page.setViewportSize({ width: 800, height: 1000 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'negotiation-tablet')
    await context.close()
  })
})
