/**
 * The end of the cycle through the screens: the chair (FNP) versions the
 * text, puts it on the table and marks it agreed; FNP, CGT and CFDT each
 * sign for their own organisation (each step confirmed); the chair
 * publishes (the unions' 59,70 % make it valid at once). Then someone with no account
 * reads the published text at its public address, and cannot change
 * anything: the editor asks them to sign in and the API refuses writes.
 * On PGlite, and on the real Postgres too when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { databaseTargets } from '../utils/db.ts'
import { newContext, screenshot, startBrowserWorld, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('publication on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  const LABEL = 'Accord de classification — texte final'

  function row(page: Page) {
    return page.locator('[data-testid=versions] tr', { hasText: LABEL })
  }

  async function press(page: Page, name: string | RegExp, expectStatus: string, confirm = true): Promise<void> {
    await row(page).getByRole('button', { name }).click()
    if (confirm) await row(page).getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click()
    await row(page).locator('.badge', { hasText: expectStatus }).waitFor()
  }

  it(`moves a version to published and shows it to anonymous readers only to read (${target.name})`, async () => {
    const history = `/#/negociations/${world.negotiationId}/historique`
    const fnp = await world.openAs('FNP', history)
    await fnp.getByLabel('Nom de la nouvelle version').fill(LABEL)
    await fnp.getByRole('button', { name: 'Créer une version' }).click()
    await row(fnp).locator('.badge', { hasText: 'Brouillon' }).waitFor()

    await press(fnp, 'Proposer', 'Proposition', false)
    await press(fnp, 'Valider', 'Validée')
    // A viewer sees the agreed version but no workflow button.
    const dgt = await world.openAs('DGT', history)
    await row(dgt).locator('.badge', { hasText: 'Validée' }).waitFor()
    expect(await row(dgt).getByRole('button').count()).toBe(0)

    await press(fnp, 'Signer pour FNP', 'Signée')
    const cgt = await world.openAs('CGT', history)
    await row(cgt).getByRole('button', { name: 'Signer pour CGT' }).click()
    await row(cgt).getByRole('button', { name: 'Confirmer' }).click()
    await expect.poll(() => row(cgt).locator('.signatures').textContent()).toContain('CGT')
    expect(await row(cgt).getByRole('button', { name: 'Publier' }).count()).toBe(0)
    const cfdt = await world.openAs('CFDT', history)
    await row(cfdt).getByRole('button', { name: 'Signer pour CFDT' }).click()
    await row(cfdt).getByRole('button', { name: 'Confirmer' }).click()
    await expect.poll(() => row(cfdt).locator('.signatures').textContent()).toContain('CFDT')

    await fnp.reload()
    expect(await row(fnp).locator('.signatures').textContent()).toMatch(/FNP.*CGT|CGT.*FNP/)
    await press(fnp, 'Publier', 'Publiée')
    await expect.poll(() => fnp.locator('[data-testid=chain-status]').textContent()).toContain('✓')
    await screenshot(fnp, `publish-history-${target.name}`)
    const publicHref = await row(fnp).getByRole('link', { name: 'Page publique' }).getAttribute('href')
    expect(publicHref).toMatch(/^\/p\/[^/]+\/[^/]+$/)

    // Anonymous reader: the public page, at the version's address and at the negotiation's.
    const anonymous = await newContext(world.browser, world.baseURL)
    const reader = await anonymous.newPage()
    for (const address of [publicHref!, publicHref!.replace(/\/[^/]+$/, '')]) {
      const response = await reader.goto(address)
      expect(response?.status()).toBe(200)
      expect(await reader.locator('body').textContent()).toContain('Opérateur vendeur 1er niveau')
    }
    expect(await reader.locator('[contenteditable=true], textarea, input').count()).toBe(0)
    // A table of contents by filière, one link per fiche, each to its article.
    const published = (await (await fnp.request.get(`/api/versions/${publicHref!.split('/').at(-1)}`)).json()) as {
      texte?: { fiches: { id: string }[] }
      version?: { texte?: { fiches: { id: string }[] } }
    }
    const fiches = (published.texte ?? published.version?.texte)!.fiches
    const toc = reader.locator('nav.sommaire')
    expect(await toc.locator('a[href^="#fiche-"]').count()).toBe(fiches.length)
    expect(await toc.locator('.sommaire-filiere').count()).toBeGreaterThan(1)
    const firstLink = toc.locator('a[href^="#fiche-"]').first()
    const anchor = (await firstLink.getAttribute('href'))!
    expect(await reader.locator(`article[id="${anchor.slice(1)}"]`).count()).toBe(1)
    await screenshot(reader, `publish-public-page-${target.name}`)

    // From the fiche in the editor, a link to its published wording.
    const firstFiche = await world.ficheId(0)
    await fnp.goto(`/#/fiches/${firstFiche}`)
    const link = fnp.getByTestId('published-link')
    await link.waitFor()
    // The anchor is the fiche's id inside the text (what the published page names its article by).
    const list = (await (await fnp.request.get(`/api/negotiations/${world.negotiationId}/fiches`)).json()) as { fiches: { id: string; key: string }[] }
    const textId = list.fiches.find((f) => f.id === firstFiche)!.key
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^/p/[^/#]+#fiche-${textId}$`))
    await reader.goto('about:blank')
    const wording = await reader.goto((await link.getAttribute('href'))!)
    expect(wording?.status()).toBe(200)
    expect(await reader.locator(`[id="fiche-${textId}"]`).count()).toBe(1)

    // Editing is refused to them: the editor asks to sign in, the API answers 401.
    const ficheId = await world.ficheId(0)
    await reader.goto(`/#/fiches/${ficheId}`)
    await reader.getByRole('heading', { name: 'Connexion' }).waitFor()
    const put = await anonymous.request.put(`/api/fiches/${ficheId}`, {
      data: {},
      headers: { 'X-Requested-With': 'paritaire' },
    })
    expect(put.status()).toBe(401)
    const versionId = publicHref!.split('/').at(-1)!
    const status = await anonymous.request.post(`/api/versions/${versionId}/status`, {
      data: { status: 'draft' },
      headers: { 'X-Requested-With': 'paritaire' },
    })
    expect(status.status()).toBe(401)
    await anonymous.close()

    // Even the chair cannot take a published version back.
    const back = await fnp.request.post(`/api/versions/${versionId}/status`, {
      data: { status: 'draft' },
      headers: { 'X-Requested-With': 'paritaire' },
    })
    expect(back.status()).toBe(409)
  })
})
