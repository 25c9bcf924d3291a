/**
 * No dead ends, and every tab says where it is: an unknown fiche gives a page
 * with a way back and no live connection retrying against a refusal; signing
 * out goes to the sign-in page, signing in leaves it; error messages keep
 * the support code out of the sentence; each page titles its tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { newContext, startBrowserWorld, waitForLiveEditor, screenshot, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('navigation on $name', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it(`shows an unknown fiche as a page with a way back, without a socket (${target.name})`, async () => {
    const sockets: string[] = []
    const cgt = await world.openAs('CGT', '/', async (context) => {
      context.on('page', (page) => page.on('websocket', (ws) => sockets.push(ws.url())))
    })
    await cgt.goto('/#/fiches/fiche-qui-n-existe-pas')
    const unavailable = cgt.getByTestId('fiche-unavailable')
    await unavailable.waitFor()
    expect(await cgt.title()).toContain('Fiche inaccessible')
    await cgt.waitForTimeout(2_000)
    expect(sockets).toEqual([])
    await screenshot(cgt, 'fiche-unavailable')
    await unavailable.getByRole('link', { name: 'Revenir à mes négociations' }).click()
    await expect.poll(() => new URL(cgt.url()).hash).toBe('#/')
  })

  it(`titles each tab with the fiche and the negotiation (${target.name})`, async () => {
    const ficheId = await world.ficheId(0)
    const cgt = await world.openAs('CGT', `/#/fiches/${ficheId}`)
    await waitForLiveEditor(cgt)
    const negotiation = (await (await cgt.request.get(`/api/negotiations/${world.negotiationId}`)).json()) as {
      negotiation?: { title: string; idcc: string | null }
      title?: string
      idcc?: string | null
    }
    const n = negotiation.negotiation ?? (negotiation as { title: string; idcc: string | null })
    const intitule = (await cgt.locator('.page-head h1').textContent())!.trim()
    const label = n.idcc && !n.title.includes(n.idcc) ? `${n.title} (IDCC ${n.idcc})` : n.title
    expect(label).toContain('IDCC')
    await expect.poll(() => cgt.title()).toBe(`${intitule} — ${label}`)
    await cgt.goto(`/#/negociations/${world.negotiationId}/historique`)
    await expect.poll(() => cgt.title()).toMatch(/^Historique — /)
    await cgt.goto('/#/')
    await expect.poll(() => cgt.title()).toBe('Mes négociations — Paritaire')
  })

  it(`leaves the sign-in page on signing in and goes back to it on signing out (${target.name})`, async () => {
    const context = await newContext(world.browser, world.baseURL)
    const page = await context.newPage()
    try {
      await page.goto('/#/connexion')
      const who = world.logins.CFDT!
      // A wrong password: a French sentence, the support code only in the details.
      await page.getByLabel('Adresse électronique').fill(who.email)
      await page.getByLabel('Mot de passe').fill('pas le bon')
      await page.getByRole('button', { name: 'Se connecter' }).click()
      const alert = page.getByRole('alert')
      await alert.waitFor()
      const sentence = await alert.locator('> span').first().textContent()
      expect(sentence).not.toMatch(/\(\w+_\w+\)/)
      expect(await alert.locator('details').count()).toBe(1)

      await page.getByLabel('Mot de passe').fill(who.password)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
      await expect.poll(() => new URL(page.url()).hash).toBe('#/')
      // The organisation once in the top bar.
      const bar = (await page.getByTestId('current-user').textContent()) ?? ''
      expect(bar.split('CFDT').length - 1).toBe(1)

      await page.getByRole('button', { name: 'Se déconnecter' }).click()
      await page.getByLabel('Mot de passe').waitFor()
      await expect.poll(() => new URL(page.url()).hash).toBe('#/connexion')
    } finally {
      await context.close()
    }
  })
})
