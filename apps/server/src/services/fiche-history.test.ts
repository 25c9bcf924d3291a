import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyFiche, ficheFragment, ficheToYDoc } from '@paritaire/schema'
import { renderText } from '@paritaire/diff'
import { groupSittings, sittingLabel, sittingRedlines, type AttributedUpdate } from './fiche-history.ts'

const at = (hhmm: string, day = '2026-03-12') => new Date(`${day}T${hhmm}:00+01:00`)

/** A log built the way sync stores it: one row per Yjs update, attributed to whoever sent it; each person has their own Y.Doc (own client id). */
function buildLog() {
  const rows: AttributedUpdate[] = []
  let seq = 0
  const docs = new Map<string, Y.Doc>()
  const REMOTE = Symbol('remote')
  const docOf = (person: string) => {
    let doc = docs.get(person)
    if (!doc) {
      doc = new Y.Doc()
      const first = docs.values().next().value as Y.Doc | undefined
      if (first) Y.applyUpdate(doc, Y.encodeStateAsUpdate(first), REMOTE)
      docs.set(person, doc)
    }
    return doc
  }
  const as = (userId: string | null, organisationId: string | null, hhmm: string, edit: (doc: Y.Doc) => void) => {
    const doc = docOf(userId ?? 'system')
    const captured: Uint8Array[] = []
    const listen = (data: Uint8Array, origin: unknown) => { if (origin !== REMOTE) captured.push(data) }
    doc.on('update', listen)
    edit(doc)
    doc.off('update', listen)
    for (const data of captured) {
      rows.push({ seq: ++seq, userId, organisationId, createdAt: at(hhmm), data })
      for (const other of docs.values()) if (other !== doc) Y.applyUpdate(other, data, REMOTE)
    }
  }
  const text = (doc: Y.Doc) => (((ficheFragment(doc).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText)
  const f = emptyFiche('f1', 'Opérateur')
  f.objet.content = [{ type: 'paragraph', content: [{ text: 'Accueille les clients.', marks: [] }] }]
  as(null, null, '09:00', (doc) => ficheToYDoc(f, doc))
  docOf('karim'); docOf('sophie')
  as('karim', 'cgt', '14:05', (d) => text(d).insert('Accueille les clients'.length, ' et les fournisseurs'))
  as('sophie', 'cfdt', '14:12', (d) => text(d).insert(0, 'Il '))
  as('karim', 'cgt', '14:10', (d) => text(d).insert(text(d).length - 1, ' du site'))
  as('karim', 'cgt', '14:20', (d) => text(d).delete('Il '.length, 'Accueille '.length))
  as('karim', 'cgt', '16:00', (d) => text(d).insert(text(d).length, ' Vérifie la caisse.'))
  return { rows }
}

describe('fiche history', () => {
  it('keeps the creation row apart from its author’s later edits', () => {
    const { rows } = buildLog()
    const created = rows.map((r) => (r.userId === null ? { ...r, userId: 'karim', organisationId: 'cgt', createdAt: at('14:00') } : r))
    expect(groupSittings(created).map((g) => [g.userId, g.seqs])).toEqual([['karim', [1]], ['karim', [2, 4, 5]], ['sophie', [3]], ['karim', [6]]])
  })

  it('groups by person and sitting, a gap over 30 minutes starting a new one', () => {
    const { rows } = buildLog()
    const groups = groupSittings(rows)
    expect(groups.map((g) => [g.userId, g.seqs.length])).toEqual([[null, 1], ['karim', 3], ['sophie', 1], ['karim', 1]])
    expect(groups[1]!.from).toEqual(at('14:05'))
    expect(groups[1]!.to).toEqual(at('14:20'))
  })

  it('redlines a sitting with only its own changes, not the colleague’s made meanwhile', () => {
    const { rows } = buildLog()
    const groups = groupSittings(rows)
    const [seed, karim, sophie, later] = sittingRedlines('f1', rows, groups)
    // The first state (row 1) is the creation: compared with an empty fiche.
    expect(seed!.before!.objet.content).toEqual([])
    expect(renderText(seed!.changes!)).toContain('Accueille les clients.')
    const karimText = renderText(karim!.changes!)
    expect(karimText).toContain('fournisseurs')
    expect(karimText).toContain('du site')
    expect(karimText).not.toMatch(/\[\+Il/)
    expect(karim!.after!.objet.content).toEqual([{ type: 'paragraph', content: [{ text: 'Il les clients et les fournisseurs du site.', marks: [] }] }])
    expect(karim!.before!.objet.content).toEqual([{ type: 'paragraph', content: [{ text: 'Il Accueille les clients.', marks: [] }] }])
    expect(karim!.modifications).toBe(1)
    expect(sophie!.before!.objet.content[0]).not.toEqual(sophie!.after!.objet.content[0])
    expect(later!.after!.objet.content[0]).toMatchObject({ content: [{ text: 'Il les clients et les fournisseurs du site. Vérifie la caisse.' }] })
    // Asking for one group computes just that one.
    expect(sittingRedlines('f1', rows, groups, null, new Set([karim!.sitting.id])).map((r) => r.sitting.id)).toEqual([karim!.sitting.id])
  })

  it('says who, when and how much in French', () => {
    expect(sittingLabel({ name: 'Karim Benali', organisation: 'CGT' }, at('14:05'), at('14:20'), 3, at('18:00'))).toBe('Karim Benali (CGT), 12 mars, 14 h 05–14 h 20 : 3 modifications')
    expect(sittingLabel({ name: 'Karim Benali (CGT)', organisation: 'CGT' }, at('09:07'), at('09:07'), 1, at('18:00'))).toBe('Karim Benali (CGT), 12 mars, 9 h 07 : 1 modification')
    expect(sittingLabel({ name: 'Sophie', organisation: 'CFDT' }, at('14:05', '2025-03-12'), at('14:06', '2025-03-12'), 0, at('18:00'))).toBe('Sophie (CFDT), 12 mars 2025, 14 h 05–14 h 06 : aucune modification visible')
  })
})
