/**
 * Full-text search from the negotiation page: CFDT types words in a
 * different inflection and without accents, sees ranked hits with the
 * matches marked, follows one, and lands in the fiche with those words
 * highlighted in the live editor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

describe.each(databaseTargets())('search in the browser ($name)', (target) => {
  let world: BrowserWorld
  beforeAll(async () => { world = await startBrowserWorld(target) })
  afterAll(async () => { await world?.close() })

  it('goes from the search box to a highlighted hit in the fiche', async () => {
    const page = await world.openAs('CFDT', `/#/negociations/${world.negotiationId}`)
    const box = page.getByRole('search')
    await box.getByRole('searchbox').fill('defaut prise de vues')
    await box.getByRole('button', { name: 'Rechercher' }).click()

    const hits = page.getByTestId('search-hits').locator('li')
    await hits.first().waitFor()
    const first = hits.first()
    await expect.poll(() => first.locator('mark').count()).toBeGreaterThan(0)
    expect(await first.innerText()).toMatch(/Retoucheur 2e niveau/)
    expect(await first.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining(['défauts']))
    await screenshot(page, 'search-hits')

    await first.getByRole('link').click()
    await page.waitForURL(/#\/fiches\/[^?]+\?q=/)
    await waitForLiveEditor(page)
    const highlighted = page.locator('[data-testid=fiche-editor] .search-hit')
    await expect.poll(() => highlighted.count()).toBeGreaterThan(0)
    expect((await highlighted.allInnerTexts()).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['défauts', 'prises']))
    await expect.poll(() => highlighted.first().isVisible()).toBe(true)
    await screenshot(page, 'search-highlight')
  })
})
