/**
 * A federation's Word file with tracked changes, from the import screen: the
 * screen asks the server who wrote the changes before anything is stored,
 * proposes the organisation recognised from an author's name, will not
 * import while an author has none, and once each author is mapped the
 * changes arrive as pending amendments of those organisations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { startBrowserWorld, type BrowserWorld } from '../utils/browser.ts'
import { buildDocx } from '../import/docx-builder.ts'
import { CORPUS, readFixture } from '../import/fixtures.ts'

describe.each(databaseTargets())('Word import on $name', (target) => {
  let world: BrowserWorld
  beforeAll(async () => {
    world = await startBrowserWorld(target)
  })
  afterAll(async () => {
    await world?.close()
  })

  it(`maps the Word authors to organisations, then imports their changes as amendments (${target.name})`, async () => {
    const docx = await buildDocx(readFixture(CORPUS.A0).split('\n'), {
      revisions: [
        { find: 'Tutorat de jeunes en formation alternée', deleted: null, inserted: ' et des nouveaux embauchés', author: 'Karim Benali (CGT)', date: '2024-03-02T09:30:00Z' },
        { find: ' des stocks', deleted: ' des stocks', inserted: null, author: 'Marie Dupont', date: '2024-03-03T09:30:00Z' },
      ],
    })
    const chair = await world.openAs('FNP', `/#/negociations/${world.negotiationId}/import`)
    await chair.getByLabel(/Fichier/).setInputFiles({ name: 'proposition.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(docx) })
    const authors = chair.getByTestId('word-authors')
    await authors.waitFor()
    const karim = authors.getByLabel(/Karim Benali \(CGT\)/)
    const marie = authors.getByLabel(/Marie Dupont/)
    // Recognised from the name; the other is the importer's to choose.
    expect(await karim.locator('option:checked').textContent()).toBe('CGT')
    expect(await marie.inputValue()).toBe('')
    const importer = chair.getByRole('button', { name: 'Importer' })
    expect(await importer.isDisabled()).toBe(true)
    // Nothing was stored by the preview.
    const before = (await (await chair.request.get(`/api/negotiations/${world.negotiationId}/fiches`)).json()).fiches.length
    await marie.selectOption({ label: 'CFDT' })
    await importer.click()
    await expect.poll(() => chair.getByTestId('import-revisions-outcome').textContent().catch(() => ''), { timeout: 15_000 }).toContain('2 amendements')
    const fiches = (await (await chair.request.get(`/api/negotiations/${world.negotiationId}/fiches`)).json()).fiches
    expect(fiches.length).toBe(before + 1)
  }, 90_000)
})
