/**
 * The classement is edited as fields, not prose: a coefficient typed by one
 * negotiator appears in the colleague's field, a value the schema refuses
 * is flagged beside the field with the schema's French message (and listed
 * in "Contrôles"), and the message goes once the value is right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('classement-fields on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it(`edits the classement as validated fields shared live (${target.name})`, async () => {
    const ficheId = await world.ficheId(4)
    const path = `/#/fiches/${ficheId}`
    const cgt = await world.openAs('CGT', path)
    const cfdt = await world.openAs('CFDT', path)
    await Promise.all([waitForLiveEditor(cgt), waitForLiveEditor(cfdt)])

    const coefficient = cgt.getByLabel('Coefficient', { exact: true })
    const theirs = cfdt.getByLabel('Coefficient', { exact: true })
    const original = await coefficient.inputValue()
    expect(original).toMatch(/^\d+$/)
    expect(await theirs.inputValue()).toBe(original)

    // A negative coefficient: the schema's message appears beside the field and in "Contrôles".
    await coefficient.fill('-5')
    const field = cgt.locator('.field', { has: coefficient })
    await field.locator('.field__error').waitFor({ timeout: 3_000 })
    expect(await field.locator('.field__error').textContent()).toContain('entier positif')
    expect(await cgt.locator('[data-testid=issues]').textContent()).toContain('Classement')
    await screenshot(cgt, 'classement-invalid')

    // The right value: shared with the colleague, and the message is gone.
    await coefficient.fill('160')
    await expect.poll(() => theirs.inputValue(), { timeout: 5_000 }).toBe('160')
    await expect.poll(() => field.locator('.field__error').count()).toBe(0)
    await cgt.locator('.issues__ok').waitFor()

    // A scored criterion and an experience step, typed as table rows.
    await cgt.getByRole('button', { name: 'Ajouter un critère' }).click()
    await cgt.getByLabel('Critère 1', { exact: true }).fill('Connaissances')
    await cgt.getByLabel('Note du critère Connaissances').fill('4')
    await cgt.getByRole('button', { name: 'Ajouter un palier' }).click()
    await cgt.getByLabel('Palier 1', { exact: true }).fill('confirmé')
    await cgt.getByLabel('Coefficient du palier 1').fill('170')
    await cgt.getByLabel('Période maximale').fill('6 mois')
    await expect.poll(() => cfdt.getByLabel('Note du critère Connaissances').inputValue(), { timeout: 5_000 }).toBe('4')
    await expect.poll(() => cfdt.getByLabel('Période maximale').inputValue()).toBe('6 mois')
    await cgt.locator('.issues__ok').waitFor()

    // The server's canonical fiche holds the fields as numbers and texts.
    await expect
      .poll(async () => {
        const body = (await (await cfdt.request.get(`/api/fiches/${ficheId}`)).json()) as { fiche: { classement: unknown } }
        return body.fiche.classement
      })
      .toMatchObject({
        coefficient: 160,
        periodeMaximale: '6 mois',
        criteres: [{ critere: 'Connaissances', valeur: 4 }],
        paliers: [{ palier: 'confirmé', coefficient: 170 }],
      })
    await cfdt.getByLabel('Coefficient', { exact: true }).scrollIntoViewIfNeeded()
    await screenshot(cfdt, 'classement-shared')
  })

  it(`never interleaves two people typing in the same field (${target.name})`, async () => {
    const ficheId = await world.ficheId(5)
    const path = `/#/fiches/${ficheId}`
    const cgt = await world.openAs('CGT', path)
    const cfdt = await world.openAs('CFDT', path)
    await Promise.all([waitForLiveEditor(cgt), waitForLiveEditor(cfdt)])
    const mine = cgt.getByLabel('Catégorie', { exact: true })
    const theirs = cfdt.getByLabel('Catégorie', { exact: true })

    // While CGT is in the field, CFDT is told who is changing it.
    await mine.click()
    await cfdt.locator('.field', { has: theirs }).getByText('Karim Benali (CGT) modifie ce champ').waitFor({ timeout: 5_000 })
    await screenshot(cfdt, 'classement-field-presence')

    // Both type at the same time, then leave the field.
    await theirs.click()
    await mine.fill('')
    await theirs.fill('')
    await Promise.all([
      mine.pressSequentially('Employé qualifié', { delay: 60 }),
      theirs.pressSequentially('Maîtrise', { delay: 110 }),
    ])
    await Promise.all([mine.press('Tab'), theirs.press('Tab')])

    // One value wins, whole, on both screens and on the server; never a mix.
    await expect.poll(async () => [await mine.inputValue(), await theirs.inputValue()]).toSatisfy(([a, b]) => a === b)
    const final = await mine.inputValue()
    expect(['Employé qualifié', 'Maîtrise']).toContain(final)
    await expect
      .poll(async () => {
        const body = (await (await cfdt.request.get(`/api/fiches/${ficheId}`)).json()) as { fiche: { classement: { categorie: string } } }
        return body.fiche.classement.categorie
      })
      .toBe(final)
    await cgt.waitForTimeout(1_500)
    expect(await theirs.inputValue()).toBe(final)
    expect(await mine.inputValue()).toBe(final)
    await cfdt.locator('.field', { has: theirs }).getByText('modifie ce champ').waitFor({ state: 'detached' })
  })

  it(`never says « conforme » about a value it did not save (${target.name})`, async () => {
    const ficheId = await world.ficheId(6)
    const cgt = await world.openAs('CGT', `/#/fiches/${ficheId}`)
    await waitForLiveEditor(cgt)
    const stored = async () =>
      ((await (await cgt.request.get(`/api/fiches/${ficheId}`)).json()) as { fiche: { classement: Record<string, unknown>; denomination: { intitule: string } } }).fiche
    const issues = cgt.locator('[data-testid=issues]')
    const coefficient = cgt.getByLabel('Coefficient', { exact: true })
    const field = cgt.locator('.field', { has: coefficient })
    const before = (await stored()).classement.coefficient
    await cgt.locator('.issues__ok').waitFor()

    // « abc »: the field says so, the checks panel says it is not saved, the shared value stays.
    await coefficient.fill('abc')
    await coefficient.press('Tab')
    await field.getByText('Saisissez un nombre.').waitFor()
    await expect.poll(() => issues.textContent()).toContain('Classement › Coefficient (non enregistré)')
    expect(await cgt.locator('.issues__ok').count()).toBe(0)
    expect((await stored()).classement.coefficient).toBe(before)
    await screenshot(cgt, 'classement-unsaved')

    // 99999 asks first; refusing keeps the old value.
    const asked: string[] = []
    cgt.once('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.dismiss()
    })
    await coefficient.fill('99999')
    await coefficient.press('Enter')
    await expect.poll(() => asked.length).toBe(1)
    expect(asked[0]).toContain('inhabituel')
    await expect.poll(() => coefficient.inputValue()).toBe(String(before))
    expect((await stored()).classement.coefficient).toBe(before)

    // French decimals stay French (and the schema says a coefficient is whole).
    await coefficient.fill('155,5')
    await coefficient.press('Tab')
    await expect.poll(() => field.locator('.field__error').textContent()).toContain('entier')
    expect(await coefficient.inputValue()).toBe('155,5')
    expect(await field.locator('.field__error').textContent()).not.toContain('null')
    await coefficient.fill('155')
    await coefficient.press('Tab')

    // Période maximale: a duration, checked as the server checks it.
    const periode = cgt.getByLabel('Période maximale')
    const periodeField = cgt.locator('.field', { has: periode })
    for (const wrong of ['beaucoup', '3 semaines']) {
      await periode.fill(wrong)
      await periode.press('Tab')
      await expect.poll(() => periodeField.locator('.field__error').textContent()).toMatch(/une durée en mois ou en années/i)
    }
    for (const right of ['6 mois', '1 an', '3 ans']) {
      await periode.fill(right)
      await periode.press('Tab')
      await expect.poll(() => periodeField.locator('.field__error').count()).toBe(0)
    }
    await expect.poll(async () => (await stored()).classement.periodeMaximale).toBe('3 ans')
    // The server refuses what the field refuses.
    const fiche = await stored()
    const refused = await cgt.request.put(`/api/fiches/${ficheId}`, {
      data: { ...fiche, classement: { ...fiche.classement, periodeMaximale: 'beaucoup' } },
      headers: { 'X-Requested-With': 'paritaire' },
    })
    expect(refused.status()).toBeGreaterThanOrEqual(400)
    expect(refused.status()).toBeLessThan(500)
    expect(await refused.text()).toContain('une durée en mois ou en années')

    // An emptied intitulé is not « conforme ».
    const intitule = cgt.locator('[data-testid=fiche-editor] h1.fiche-intitule')
    await intitule.click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.press('Shift+Home')
    await cgt.keyboard.press('Backspace')
    await expect.poll(() => issues.textContent()).toContain('Dénomination › Intitulé')
    await expect.poll(() => issues.textContent()).not.toMatch(/criteres|echelon|null/)
  })
})
