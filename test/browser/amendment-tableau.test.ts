/**
 * « Tableau des amendements » from the fiche's amendment list, in the
 * browser, on both databases: CGT proposes an amendment (suggestion mode);
 * the chair finds the HTML and Word links in the fiche's amendment list
 * (the Word document's revision authored by CGT); DGT, who only reads (and
 * so has no amendment list), opens the tableau from the negotiation page
 * and finds the proposed words with CGT as the proposing organisation. CGT's
 * direct edit shows as CGT's on the compare screen against the live text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { readZipEntry, startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('tableau des amendements dans le navigateur ($name)', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it('opens the tableau from the amendment list, for a reader too', async () => {
    const path = `/#/fiches/${await world.ficheId(0)}`
    const cgt = await world.openAs('CGT', path)
    await waitForLiveEditor(cgt)
    // First a direct edit (credited to CGT when comparing with the live text), then an amendment.
    const ficheId = await world.ficheId(0)
    const objet = cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first()
    await objet.click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.type(' Et en boutique.', { delay: 5 })
    await expect.poll(async () => JSON.stringify(await (await cgt.request.get(`/api/fiches/${ficheId}`)).json())).toContain('Et en boutique.')
    await cgt.locator('[data-testid=suggest-toggle]').click()
    await objet.click()
    await cgt.keyboard.press('End')
    await cgt.keyboard.type(' (proposition pour la séance)', { delay: 5 })

    // The chair finds both links in the fiche's amendment list; the Word one downloads revisions authored by CGT.
    const fnp = await world.openAs('FNP', path)
    await waitForLiveEditor(fnp)
    const panel = fnp.locator('[data-testid=amendments-panel]')
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('proposition pour la séance')
    expect(await panel.getByRole('link', { name: 'Tableau des amendements', exact: true }).getAttribute('href'))
      .toBe(`/api/negotiations/${world.negotiationId}/amendments/tableau?format=html`)
    const word = await panel.getByRole('link', { name: 'Tableau des amendements (Word)' }).getAttribute('href')
    const res = await fnp.request.get(word!)
    expect(res.status()).toBe(200)
    const xml = readZipEntry(await res.body(), 'word/document.xml')!
    expect(xml).toMatch(/<w:ins [^>]*w:author="CGT"[^>]*>(?:(?!<\/w:ins>)[\s\S])*proposition pour la séance/)

    // DGT, who only reads, opens the tableau from the negotiation page.
    const dgt = await world.openAs('DGT', `/#/negociations/${world.negotiationId}`)
    const link = dgt.getByTestId('negotiation-amendments-tableau')
    await link.waitFor()
    const [tableau] = await Promise.all([dgt.context().waitForEvent('page'), link.click()])
    await tableau.waitForLoadState()
    expect(await tableau.locator('h1').textContent()).toMatch(/^Tableau des amendements — /)
    const row = tableau.locator('tr', { has: tableau.locator('ins.pt-ins', { hasText: 'proposition pour la séance' }) })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.locator('td.pt-proposers .pt-org').textContent()).toBe('CGT')
    expect(await row.locator('td.pt-proposers').textContent()).toContain('Karim Benali (CGT)')
    expect(await row.locator('td.pt-old').textContent()).not.toContain('proposition pour la séance')

    // The compare screen against the live text says who made the change (« Proposé par » was empty there).
    const versions = (await (await fnp.request.get(`/api/negotiations/${world.negotiationId}/versions`)).json()).versions as { id: string }[]
    await fnp.goto(`/#/negociations/${world.negotiationId}/comparer?de=${versions[0]!.id}&a=live`)
    const inserted = fnp.locator('[data-testid=redline] .pt-ins', { hasText: 'boutique' }).first()
    await inserted.waitFor({ timeout: 15_000 })
    expect(await inserted.getAttribute('data-author')).toBe('CGT')
  }, 120_000)
})
