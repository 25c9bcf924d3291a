import { diffTextes, paragraphText, renderRedlineDocx, texteDocument, typographyKey } from '@paritaire/diff'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { resolveRevisions } from '../utils/docx-revisions.ts'
import { accord2009Edited, avenant2024 } from './pairs.ts'

const meta = { olderMeta: { organisation: 'FNP', date: '2009-12-09' }, newerMeta: { organisation: 'FS CFDT', date: '2024-03-11' } }
const nonEmpty = (xs: string[]): string[] => xs.filter((x) => x.trim() !== '')

describe('Word redline one can accept', () => {
  const newer = avenant2024()
  const { older } = accord2009Edited()
  const newDoc = nonEmpty(texteDocument(newer).map((p) => paragraphText(p, 'new')))
  const oldDoc = nonEmpty(texteDocument(older).map((p) => paragraphText(p, 'new')))

  it('accept all gives the new text, reject all the old one, every typographic difference tracked', async () => {
    const cs = diffTextes(older, newer, meta)
    const bytes = await renderRedlineDocx(cs, older, newer, { omitTypography: false })
    expect(nonEmpty(resolveRevisions(bytes, 'accept').body)).toEqual(newDoc)
    expect(nonEmpty(resolveRevisions(bytes, 'reject').body)).toEqual(oldDoc)
  })

  it('keeps the summary out of the tracked body, headings as in the text, only the value struck', async () => {
    const cs = diffTextes(older, newer, meta)
    const bytes = await renderRedlineDocx(cs, older, newer)
    const accepted = resolveRevisions(bytes, 'accept')
    expect(accepted.note.join('\n')).toContain('Résumé')
    expect(accepted.body.join('\n')).not.toContain('Résumé')
    expect(accepted.body.join('\n')).not.toMatch(/\(modifiée\)|Changements de classement/)
    expect(accepted.body).toContain('155. Opérateur vendeur 1er niveau (période maximale de 6 mois)')
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    // The heading is revised in place: only « 1 an » → « 6 mois » is tracked.
    expect(xml).toMatch(/<w:delText xml:space="preserve">1 an<\/w:delText>/)
    expect(xml).not.toContain('<w:delText xml:space="preserve">155. Opérateur')
    expect(xml).toMatch(/<w:delText xml:space="preserve">200<\/w:delText>[\s\S]{0,600}<w:t xml:space="preserve">205<\/w:t>/)
  })

  it('leaves typography out of the revisions by default and says how many on the first page', async () => {
    const cs = diffTextes(older, newer, meta)
    const bytes = await renderRedlineDocx(cs, older, newer)
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    const revisions = (xml.match(/<w:(ins|del) /g) ?? []).length
    expect(revisions).toBeLessThan(40)
    const note = resolveRevisions(bytes, 'accept').note.join('\n')
    const omitted = Number(/(\d+) différences? typographiques?/.exec(note)?.[1])
    expect(omitted).toBeGreaterThan(100)
    expect(nonEmpty(resolveRevisions(bytes, 'accept').body)).toEqual(newDoc)
    // Rejecting gives the old wording with the new typography.
    expect(nonEmpty(resolveRevisions(bytes, 'reject').body).map(typographyKey)).toEqual(oldDoc.map(typographyKey))
  })

  it('strikes only the value that changed inside a palier', async () => {
    const a = structuredClone(newer)
    a.fiches[0]!.classement.paliers = [{ palier: 'Palier 1', niveau: 'Niveau 2', coefficient: 180 }]
    const b = structuredClone(newer)
    b.fiches[0]!.classement.paliers = [{ palier: 'Palier 1', niveau: 'Niveau 2', coefficient: 185 }]
    const bytes = await renderRedlineDocx(diffTextes(a, b, meta), a, b)
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    expect(xml).toContain('<w:delText xml:space="preserve">180</w:delText>')
    expect(xml).not.toContain('<w:delText xml:space="preserve">Palier 1')
    expect(resolveRevisions(bytes, 'accept').body).toContain('Palier 1 : Niveau 2, coefficient 185')
    expect(resolveRevisions(bytes, 'reject').body).toContain('Palier 1 : Niveau 2, coefficient 180')
  })
})
