import { diffTextes, draftAvenant, paragraphText, renderRedlineDocx, renderText, texteDocument } from '@paritaire/diff'
import { describe, expect, it } from 'vitest'
import { resolveRevisions } from '../utils/docx-revisions.ts'
import { avenant2024 } from './pairs.ts'

describe('a sentence moved unchanged from one section to another', () => {
  const older = avenant2024()
  const newer = structuredClone(older)
  const fiche = newer.fiches.find((f) => f.objet.content.length > 0 && f.classement.content.length === 0)!
  const moved = fiche.objet.content.shift()!
  fiche.classement.content.push(moved)
  const sentence = moved.type === 'paragraph' ? moved.content.map((i) => i.text).join('') : ''
  const cs = diffTextes(older, newer)

  it('is a move, not a deletion here and an insertion there', () => {
    const fc = cs.fiches.find((f) => f.newerId === fiche.id)!
    const blocks = fc.sections.flatMap((s) => s.blocks.map((b) => ({ section: s.section, ...b }))).filter((b) => b.status !== 'equal')
    expect(blocks.map((b) => [b.section, b.status, b.from, b.to])).toEqual([
      ['objet', 'moved', 'Objet / Finalité', 'Classement'],
      ['classement', 'moved', 'Objet / Finalité', 'Classement'],
    ])
    expect(renderText(cs)).toContain(`> {+${sentence}+}  (déplacé : Objet / Finalité → Classement)`)
  })

  it('makes one article in the avenant, and the Word redline still accepts to the new text', async () => {
    const av = draftAvenant(older, newer)
    const changes = av.articles.filter((a) => a.kind !== 'final')
    expect(changes).toHaveLength(1)
    expect(changes[0]!.alineas[0]!.text).toContain(`est déplacé à la rubrique « Classement »`)
    const bytes = await renderRedlineDocx(cs, older, newer)
    const words = (t: typeof older) => texteDocument(t).map((p) => paragraphText(p, 'new')).filter((x) => x.trim())
    expect(resolveRevisions(bytes, 'accept').body.filter((x) => x.trim())).toEqual(words(newer))
    expect(resolveRevisions(bytes, 'reject').body.filter((x) => x.trim())).toEqual(words(older))
  })
})
