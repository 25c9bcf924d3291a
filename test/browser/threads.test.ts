/**
 * Comment threads in the browser, on both databases: Karim (CGT) selects
 * words of the objet and comments on them; Sophie (CFDT), on the same fiche,
 * sees the thread appear within a second, drawn on those words. Karim then
 * writes a note for CGT only: FNP's screen never shows it, and not one frame
 * FNP's sync socket receives carries its text. The screenshot of Karim's
 * editor with the thread open is the one the docs show.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { screenshot, startBrowserWorld, waitForLiveEditor, type BrowserWorld } from '../utils/browser.ts'

/** Selects `words` inside the first objet paragraph of the editor, as a mouse would. */
async function selectWords(page: Page, words: string): Promise<void> {
  const paragraph = page.locator('[data-testid=fiche-editor] [data-section=objet] p').first()
  await paragraph.click()
  const ok = await paragraph.evaluate((p, target) => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(target)
      if (at === -1) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + target.length)
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
      return true
    }
    return false
  }, words)
  expect(ok, `« ${words} » introuvable dans l’objet`).toBe(true)
  await expect.poll(() => page.locator('.threads__hint').textContent()).toContain(words.slice(0, 20))
}

async function comment(page: Page, words: string, body: string, visibility: 'negotiation' | 'organisation'): Promise<void> {
  await selectWords(page, words)
  await page.getByTestId('comment-button').click()
  const form = page.getByTestId('new-thread')
  await form.locator('textarea').fill(body)
  await form.getByLabel(visibility === 'negotiation' ? 'Toute la négociation' : /Mon organisation seulement/).check()
  await form.getByRole('button', { name: 'Publier' }).click()
  await page.getByTestId('thread').filter({ hasText: body }).waitFor()
}

describe.each(databaseTargets())('comment threads in the editor ($name)', (target) => {
  let world: BrowserWorld

  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it('shares a comment within a second and keeps a private note from FNP, on screen and on the wire', async () => {
    const ficheId = await world.ficheId(0)
    const path = `/#/fiches/${ficheId}`
    const cgt = await world.openAs('CGT', path)
    const cfdt = await world.openAs('CFDT', path)
    const fnpFrames: string[] = []
    const fnp = await world.openAs('FNP', path, async (context) => {
      context.on('page', (page) => page.on('websocket', (ws) => {
        ws.on('framereceived', ({ payload }) => fnpFrames.push(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8')))
      }))
    })
    await Promise.all([waitForLiveEditor(cgt), waitForLiveEditor(cfdt), waitForLiveEditor(fnp)])

    const paragraph = (await cgt.locator('[data-testid=fiche-editor] [data-section=objet] p').first().textContent()) ?? ''
    const words = paragraph.split(/\s+/).filter(Boolean)
    expect(words.length).toBeGreaterThan(6)
    const sharedWords = words.slice(1, 4).join(' ')
    const privateWords = words.slice(-3).join(' ')

    // Karim comments for everyone.
    const shared = 'CGT : préciser ce passage, il mélange deux métiers.'
    await comment(cgt, sharedWords, shared, 'negotiation')
    const postedAt = Date.now()
    const seen = cfdt.getByTestId('thread').filter({ hasText: shared })
    await seen.waitFor({ timeout: 5_000 })
    expect(Date.now() - postedAt).toBeLessThan(1_000)
    // Drawn on Karim's words in Sophie's editor, with his name and organisation.
    await expect.poll(() => cfdt.locator('.fiche-doc .thread-highlight').first().textContent()).toBe(sharedWords)
    expect(await seen.textContent()).toContain('Karim Benali')
    await expect.poll(() => fnp.getByTestId('thread').filter({ hasText: shared }).count()).toBe(1)

    // Sophie replies; Karim sees the reply without reloading.
    await seen.locator('textarea').fill('CFDT : d’accord pour réécrire.')
    await seen.getByRole('button', { name: 'Répondre' }).click()
    await cgt.getByTestId('thread').filter({ hasText: 'CFDT : d’accord pour réécrire.' }).waitFor({ timeout: 5_000 })

    // Karim's note for CGT only: marked private for him.
    const secret = 'Note CGT : repli possible à 165, ne pas le dire en séance.'
    await comment(cgt, privateWords, secret, 'organisation')
    const note = cgt.getByTestId('thread').filter({ hasText: secret })
    expect(await note.getByTestId('private-badge').textContent()).toContain('CGT seulement')
    await expect.poll(() => cgt.locator('.fiche-doc .thread-highlight--private').count()).toBe(1)

    // A later shared reply reaches FNP: by then the note would have arrived too.
    await cgt.getByTestId('thread').filter({ hasText: shared }).locator('textarea').fill('CGT : proposition de texte à venir.')
    await cgt.getByTestId('thread').filter({ hasText: shared }).getByRole('button', { name: 'Répondre' }).click()
    await fnp.getByTestId('thread').filter({ hasText: 'proposition de texte à venir' }).waitFor({ timeout: 5_000 })
    expect(await fnp.getByTestId('threads-panel').textContent()).not.toContain(secret)
    expect(await fnp.getByTestId('thread').count()).toBe(1)
    expect(await fnp.locator('.fiche-doc .thread-highlight--private').count()).toBe(0)
    await fnp.reload()
    await waitForLiveEditor(fnp)
    await fnp.getByTestId('thread').first().waitFor()
    expect(await fnp.getByTestId('threads-panel').textContent()).not.toContain(secret)
    expect(fnpFrames.length).toBeGreaterThan(0)
    expect(fnpFrames.filter((f) => f.includes(secret) || f.includes('repli possible'))).toEqual([])
    expect(await cfdt.getByTestId('threads-panel').textContent()).not.toContain(secret)

    // Karim opens his shared thread: the picture for the docs.
    await cgt.getByTestId('thread').filter({ hasText: shared }).locator('.thread__quote-button').click()
    await cgt.locator('.fiche-doc .thread-highlight--active').first().waitFor()
    await cgt.evaluate(() => window.scrollTo(0, 0))
    const shot = await screenshot(cgt, target.name === 'pglite' ? 'thread' : `thread-${target.name}`)
    if (target.name === 'pglite') {
      const images = join(import.meta.dirname, '..', '..', 'docs', 'images')
      mkdirSync(images, { recursive: true })
      copyFileSync(shot, join(images, 'editor-thread.png'))
    }

    // Markup in a comment is shown as typed, as text: no element made from it, no script run.
    await seen.locator('textarea').fill('<b>gras</b><img src=x onerror="window.pwned=1">')
    await seen.getByRole('button', { name: 'Répondre' }).click()
    const markup = cgt.getByTestId('comment').filter({ hasText: '<b>gras</b>' })
    await markup.waitFor({ timeout: 5_000 })
    expect(await markup.locator('.comment__body').textContent()).toBe('<b>gras</b><img src=x onerror="window.pwned=1">')
    expect(await markup.locator('.comment__body b, .comment__body img').count()).toBe(0)
    expect(await cgt.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
  })
})
