/**
 * « Historique de la fiche » on both databases, from the attributed update
 * log: Karim (CGT) and Sophie (CFDT) edit the same fiche at the same time
 * through real y-websocket clients; the history lists one sitting each,
 * named with person and organisation, and each sitting's redline shows that
 * person's words only. Non-members get 404.
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FICHE_YDOC_FIELD } from '@paritaire/schema'
import { addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, type SyncClient } from '../utils/sync-clients.ts'
import { addObjetFiche } from './fixtures.ts'

/** The inserted words of a change set, joined. */
function inserted(changes: any): string {
  return changes.fiches.flatMap((f: any) => f.sections.flatMap((s: any) => s.blocks.flatMap((b: any) => b.segments)))
    .filter((seg: any) => seg.op === 'ins').map((seg: any) => seg.text).join('|')
}

function objetText(doc: Y.Doc, paragraph: number): Y.XmlText {
  const objet = doc.getXmlFragment(FICHE_YDOC_FIELD).get(1) as Y.XmlElement
  return (objet.get(paragraph) as Y.XmlElement).get(0) as Y.XmlText
}

describe.each(databaseTargets())('fiche history ($name)', (target) => {
  let w: ApiWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startApiWorld(target)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('lists who changed what, by person and sitting, each openable as a redline of their own words', async () => {
    const ficheId = await addObjetFiche(w)
    await addVersion(w, 'Base')
    const karim = connectSync(w.server.url, ficheId, w.as.editor.cookieHeader())
    const sophie = connectSync(w.server.url, ficheId, w.as.chair.cookieHeader())
    clients.push(karim, sophie)
    await Promise.all([karim.synced, sophie.synced])
    objetText(karim.doc, 0).insert(0, 'Proposition CGT : ')
    objetText(sophie.doc, 1).insert(0, 'Texte FNP : ')
    await expect.poll(() => objetText(karim.doc, 1).toString()).toContain('Texte FNP : ')
    await expect.poll(() => objetText(sophie.doc, 0).toString()).toContain('Proposition CGT : ')
    objetText(karim.doc, 0).insert(objetText(karim.doc, 0).length, ' Et la caisse.')

    const history = async () => (await w.as.commenter.get(`/api/fiches/${ficheId}/history`)).json
    // The creation (row 1, by the chair), Karim's sitting, Sophie's (the chair's user) sitting.
    await expect.poll(async () => (await history()).sittings?.length).toBe(3)
    const { sittings } = await history()
    const mine = sittings.find((s: any) => s.user.id === w.users.editor.userId)
    const theirs = sittings.find((s: any) => s.user.id === w.users.chair.userId && s.id !== 1)
    const creation = sittings.find((s: any) => s.id === 1)
    expect(creation.user.id).toBe(w.users.chair.userId)
    expect((await w.as.commenter.get(`/api/fiches/${ficheId}/history/1`)).json.html).toContain('Tenir le standard')
    expect(mine.organisation.name).toBe(w.users.editor.organisation)
    expect(mine.label).toMatch(new RegExp(`^Personne w-editor \\(${w.users.editor.organisation}\\), \\d+ \\S+, \\d+ h \\d\\d(–\\d+ h \\d\\d)? : \\d+ modifications?$`))
    expect(mine.available).toBe(true)

    const redline = await w.as.commenter.get(`/api/fiches/${ficheId}/history/${mine.id}`)
    expect(redline.status, redline.text).toBe(200)
    expect(redline.json.html).toContain('Proposition CGT')
    expect(inserted(redline.json.changes)).toContain('Proposition CGT')
    expect(inserted(redline.json.changes)).toContain('caisse')
    expect(inserted(redline.json.changes)).not.toContain('FNP')
    const other = await w.as.commenter.get(`/api/fiches/${ficheId}/history/${theirs.id}`)
    expect(other.status, other.text.slice(0, 300)).toBe(200)
    expect(inserted(other.json.changes)).toContain('FNP')
    expect(inserted(other.json.changes)).not.toContain('CGT')

    expect((await w.as.outsider.get(`/api/fiches/${ficheId}/history`)).status).toBe(404)
    expect((await w.as.outsider.get(`/api/fiches/${ficheId}/history/${mine.id}`)).status).toBe(404)
    expect((await w.anonymous.get(`/api/fiches/${ficheId}/history`)).status).toBe(401)
    expect((await w.as.viewer.get(`/api/fiches/${ficheId}/history/999999`)).status).toBe(404)
    expect((await w.as.viewer.get(`/api/fiches/${ficheId}/history/abc`)).status).toBe(400)
  })
})
