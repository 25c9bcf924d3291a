/**
 * A proposal in the browser, on both databases: CGT starts a project from
 * version 1 and changes a sentence and a coefficient of a fiche. Inside the
 * project every screen says so — the banner and breadcrumb « Projet de la
 * CGT, à partir de la version 1 » —, FNP (the chair, another organisation)
 * reads « Lecture seule : projet de la CGT » instead of a role name, on the
 * project and on its fiches (read-only editor), and « Comparer » from the
 * project compares the project's live text, as its label says. FNP brings
 * the project back (confirmation, then the summary): the common fiche holds
 * two pending amendments of CGT. The viewer DGT gets no button. The chair's
 * view with the summary is saved as test/artifacts/proposal-bring-back.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('projet ramené dans le texte commun ($name)', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it('says where one is inside a proposal, and brings it back as amendments of its organisation', async () => {
    const n = world.negotiationId
    const cgt = await world.openAs('CGT', `/#/negociations/${n}`)
    const versions = (await (await cgt.request.get(`/api/negotiations/${n}/versions`)).json()).versions
    const base = versions[0]
    const created = await cgt.request.post(`/api/negotiations/${n}/proposals`, { data: { fromVersionId: base.id, label: 'Propositions CGT' } })
    expect(created.status()).toBe(201)
    const proposal = (await created.json()).proposal
    const branch = (await (await cgt.request.get(`/api/negotiations/${n}/fiches?proposal=${proposal.id}`)).json()).fiches
    const common = (await (await cgt.request.get(`/api/negotiations/${n}/fiches`)).json()).fiches
    // The first fiche with a sentence in its objet: CGT rewrites its end and raises the coefficient.
    let target: { branchId: string; commonId: string } | null = null
    for (const [i, f] of branch.entries()) {
      const fiche = (await (await cgt.request.get(`/api/fiches/${f.id}`)).json()).fiche
      const paragraph = fiche.objet.content.find((b: any) => b.type === 'paragraph' && b.content.length > 0)
      if (!paragraph || fiche.classement.coefficient === null) continue
      paragraph.content.push({ text: ' et conseille la clientèle', marks: [] })
      fiche.classement.coefficient += 5
      const put = await cgt.request.put(`/api/fiches/${f.id}`, { data: fiche })
      expect(put.status()).toBe(200)
      target = { branchId: f.id, commonId: common[i].id }
      break
    }
    expect(target, 'une fiche de la démo avec un objet rédigé et un coefficient').not.toBeNull()

    // CGT's own project: the banner, no read-only notice, the button.
    await cgt.goto(`/#/negociations/${n}?projet=${proposal.id}`)
    const title = cgt.locator('[data-testid=proposal-title]')
    await title.waitFor()
    expect(await title.textContent()).toBe(`Projet de la CGT, à partir de la version ${base.number}`)
    expect(await cgt.locator('nav.breadcrumbs').textContent()).toContain('Projet de la CGT')
    expect(await cgt.locator('[data-testid=proposal-read-only]').count()).toBe(0)
    await cgt.getByRole('button', { name: 'Ramener dans le texte commun' }).waitFor()

    // The viewer: told it is CGT's project, read-only, no button.
    const dgt = await world.openAs('DGT', `/#/negociations/${n}?projet=${proposal.id}`)
    await dgt.locator('[data-testid=proposal-read-only]').waitFor()
    expect(await dgt.getByRole('button', { name: 'Ramener dans le texte commun' }).count()).toBe(0)

    // FNP, another organisation, on a fiche of the project: read-only, no role name.
    const fnp = await world.openAs('FNP', `/#/fiches/${target!.branchId}`)
    await waitForLiveEditor(fnp)
    expect(await fnp.locator('[data-testid=proposal-read-only]').textContent()).toBe('Lecture seule : projet de la CGT')
    expect(await fnp.locator('[data-testid=proposal-title]').textContent()).toBe(`Projet de la CGT, à partir de la version ${base.number}`)
    expect(await fnp.locator('[data-testid=amendment-only-notice]').count()).toBe(0)
    expect(await fnp.locator('[data-testid=read-only-notice]').count()).toBe(0)
    await expect.poll(() => fnp.locator('[data-testid=fiche-editor] [contenteditable]').first().getAttribute('contenteditable')).toBe('false')

    // « Comparer » from the project: « Projet en cours » is the project's live text, and says so.
    await fnp.goto(`/#/negociations/${n}?projet=${proposal.id}`)
    await fnp.locator('[data-testid=proposal-read-only]').waitFor()
    await fnp.getByRole('link', { name: 'Comparer', exact: true }).click()
    const to = fnp.getByLabel("Version d'arrivée")
    await expect.poll(() => to.inputValue()).toBe('live')
    await expect.poll(() => to.locator('option:checked').textContent()).toBe('Projet en cours — projet de la CGT (direct)')
    await fnp.locator('[data-testid=compare-summary]').waitFor()
    expect(await fnp.locator('[data-testid=compare-summary]').textContent()).toMatch(/1\s*fiche\s*modifiée/)

    // FNP brings the project back: confirmation first, then the summary.
    await fnp.goto(`/#/negociations/${n}?projet=${proposal.id}`)
    await fnp.getByRole('button', { name: 'Ramener dans le texte commun' }).click()
    const dialog = fnp.getByRole('dialog', { name: 'Confirmation' })
    expect(await dialog.textContent()).toContain('devient un amendement de la CGT')
    await dialog.getByRole('button', { name: 'Confirmer' }).click()
    const summary = fnp.locator('[data-testid=bring-back-summary]')
    await summary.waitFor()
    expect(await summary.getByRole('status').textContent()).toContain('2 amendements créés sur 1 fiche du texte commun, au nom de CGT.')
    await screenshot(fnp, 'proposal-bring-back')

    const amendments = (await (await fnp.request.get(`/api/fiches/${target!.commonId}/amendments`)).json()).amendments
    expect(amendments.map((a: any) => [a.organisationName, a.kind, a.inserted, a.field])).toEqual([
      ['CGT', 'insertion', ' et conseille la clientèle', null],
      ['CGT', 'field', '', 'coefficient'],
    ])
    // The common fiche shows them to the table, in the amendment list.
    await summary.getByRole('link').first().click()
    await waitForLiveEditor(fnp)
    await fnp.locator('[data-section=objet] ins.amendment-insertion', { hasText: 'conseille la clientèle' }).first().waitFor()
  })
})
