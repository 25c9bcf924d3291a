/**
 * The amendment functions on editor JSON: listing, accepting and rejecting
 * by id / organisation / all, the canonical text leaving pending amendments
 * out, the sync check for both roles (and a spoofed organisation), and
 * concurrent amendments of two organisations surviving a Yjs merge.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { editorJsonToFiche, ficheToEditorJson } from '../convert/editor-json.ts'
import { fullFiche } from '../convert/test-fiches.ts'
import { ficheToYDoc, yDocToFiche } from '../ydoc.ts'
import { acceptAmendments, listAmendments, rejectAmendments } from './operations.ts'
import { checkAmendmentChange } from './check.ts'
import { writeEditorJsonToYDoc, yDocToEditorJson } from './ydoc.ts'

const at = '2026-12-01T10:00:00.000Z'
const who = (org: string, id: string) => ({ id, organisationId: org, organisationName: org.toUpperCase(), userId: `u-${org}`, authorName: `Auteur ${org}`, createdAt: at })
const ins = (org: string, id: string) => ({ type: 'insertion', attrs: who(org, id) })
const del = (org: string, id: string) => ({ type: 'deletion', attrs: who(org, id) })

function baseDoc(): JSONContent {
  return ficheToEditorJson(fullFiche())
}

/** The base document with its objet prose replaced by `content` and classement proposals set. */
function docWith(content: JSONContent[], proposals: unknown[] = []): JSONContent {
  const doc = structuredClone(baseDoc())
  const objet = doc.content!.find((s) => s.type === 'objet')!
  objet.content = [{ type: 'paragraph', content }]
  const classement = doc.content!.find((s) => s.type === 'classement')!
  classement.attrs = { ...classement.attrs, proposals }
  return doc
}

const plain: JSONContent[] = [{ type: 'text', text: 'Période de 1 an' }]
const amended = (): JSONContent =>
  docWith(
    [
      { type: 'text', text: 'Période de ' },
      { type: 'text', text: '1 an', marks: [del('cfdt', 'a1')] },
      { type: 'text', text: '6 mois', marks: [ins('cfdt', 'a1')] },
      { type: 'text', text: ' renouvelable', marks: [ins('cgt', 'b1')] },
    ],
    [{ ...who('cfdt', 'c1'), field: 'coefficient', value: 160 }],
  )

const objetText = (doc: JSONContent) => editorJsonToFiche(doc, 'f12').objet.content

describe('listAmendments', () => {
  it('lists prose and field amendments with their attribution', () => {
    const list = listAmendments(amended())
    expect(list.map((a) => [a.id, a.organisationId, a.kind, a.deleted, a.inserted, a.section])).toEqual([
      ['a1', 'cfdt', 'replacement', '1 an', '6 mois', 'objet'],
      ['b1', 'cgt', 'insertion', '', ' renouvelable', 'objet'],
      ['c1', 'cfdt', 'field', '', '', 'classement'],
    ])
    const field = list[2]!
    expect([field.field, field.oldValue, field.newValue, field.authorName]).toEqual(['coefficient', fullFiche().classement.coefficient, 160, 'Auteur cfdt'])
  })
})

describe('accept and reject', () => {
  it('canonical JSON is the wording without pending amendments', () => {
    const fiche = editorJsonToFiche(amended(), 'f12')
    expect(fiche.objet.content).toEqual([{ type: 'paragraph', content: [{ text: 'Période de 1 an', marks: [] }] }])
    expect(fiche.classement.coefficient).toBe(fullFiche().classement.coefficient)
  })

  it('accepts one amendment by id', () => {
    const doc = acceptAmendments(amended(), { ids: ['a1'] })
    expect(listAmendments(doc).map((a) => a.id)).toEqual(['b1', 'c1'])
    expect(objetText(doc)).toEqual([{ type: 'paragraph', content: [{ text: 'Période de 6 mois', marks: [] }] }])
    expect(objetText(acceptAmendments(doc, { ids: ['b1'] }))[0]).toEqual({ type: 'paragraph', content: [{ text: 'Période de 6 mois renouvelable', marks: [] }] })
  })

  it('accepts every amendment of one organisation, fields included', () => {
    const doc = acceptAmendments(amended(), { organisationId: 'cfdt' })
    expect(listAmendments(doc).map((a) => a.id)).toEqual(['b1'])
    expect(editorJsonToFiche(doc, 'f12').classement.coefficient).toBe(160)
  })

  it('rejects all: back to the original wording, marks gone', () => {
    const doc = rejectAmendments(amended())
    expect(listAmendments(doc)).toEqual([])
    expect(objetText(doc)).toEqual(objetText(docWith(plain)))
    expect(editorJsonToFiche(doc, 'f12').classement.coefficient).toBe(fullFiche().classement.coefficient)
  })

  it('drops the zero-width anchors of decided amendments', () => {
    const doc = docWith([{ type: 'text', text: 'Fin' }, { type: 'text', text: '\u200B', marks: [del('cfdt', 'z')] }])
    const rejected = rejectAmendments(doc, { ids: ['z'] })
    expect(rejected.content!.find((s) => s.type === 'objet')!.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'Fin' }] }])
  })
})

describe('checkAmendmentChange', () => {
  const commenter = { organisationId: 'cfdt', role: 'commenter' }
  const editor = { organisationId: 'cgt', role: 'editor' }

  it('lets a commenter add and withdraw its own amendments', () => {
    const before = docWith(plain)
    const after = docWith([{ type: 'text', text: 'Période de ' }, { type: 'text', text: '1 an', marks: [del('cfdt', 'a1')] }, { type: 'text', text: '6 mois', marks: [ins('cfdt', 'a1')] }])
    expect(checkAmendmentChange(before, after, commenter)).toBeNull()
    expect(checkAmendmentChange(after, before, commenter)).toBeNull()
    const proposed = docWith(plain, [{ ...who('cfdt', 'c1'), field: 'periodeMaximale', value: '6 mois' }])
    expect(checkAmendmentChange(before, proposed, commenter)).toBeNull()
  })

  it('refuses a commenter typing plain text or changing a field directly', () => {
    const before = docWith(plain)
    expect(checkAmendmentChange(before, docWith([{ type: 'text', text: 'Période de 6 mois' }]), commenter)?.code).toBe('amendement_requis')
    const field = structuredClone(before)
    field.content!.find((s) => s.type === 'classement')!.attrs!.coefficient = 160
    expect(checkAmendmentChange(before, field, commenter)?.code).toBe('amendement_requis')
    // The same changes are direct edits an editor may make.
    expect(checkAmendmentChange(before, field, editor)).toBeNull()
  })

  it('refuses an amendment in another organisation’s name, for every role', () => {
    const before = docWith(plain)
    const spoofed = docWith([...plain, { type: 'text', text: ' ou 2 ans', marks: [ins('cgt', 'x')] }])
    expect(checkAmendmentChange(before, spoofed, commenter)?.code).toBe('amendement_usurpe')
    expect(checkAmendmentChange(before, spoofed, { organisationId: 'fnp', role: 'chair' })?.code).toBe('amendement_usurpe')
    const field = docWith(plain, [{ ...who('cgt', 'y'), field: 'coefficient', value: 170 }])
    expect(checkAmendmentChange(before, field, commenter)?.code).toBe('amendement_usurpe')
    const anonymous = docWith([...plain, { type: 'text', text: ' !', marks: [{ type: 'insertion', attrs: { id: '9' } }] }])
    expect(checkAmendmentChange(before, anonymous, editor)?.code).toBe('amendement_sans_auteur')
  })

  it('refuses removing or altering another organisation’s amendment by editing', () => {
    const before = amended()
    expect(checkAmendmentChange(before, rejectAmendments(before, { ids: ['a1'] }), editor)?.code).toBe('amendement_d_autrui_retire')
    const altered = structuredClone(before)
    altered.content!.find((s) => s.type === 'objet')!.content![0]!.content![2]!.text = '3 mois'
    expect(checkAmendmentChange(before, altered, editor)?.code).toBe('amendement_d_autrui_modifie')
    // Its own amendment, CGT may withdraw.
    expect(checkAmendmentChange(before, rejectAmendments(before, { ids: ['b1'] }), editor)).toBeNull()
  })
})

describe('amendments in the Y.Doc', () => {
  it('round-trip through Yjs, and canonical reads skip them', () => {
    const doc = ficheToYDoc(fullFiche())
    writeEditorJsonToYDoc(doc, amended())
    expect(listAmendments(yDocToEditorJson(doc))).toEqual(listAmendments(amended()))
    expect(yDocToFiche(doc, 'f12').objet.content).toEqual(objetText(docWith(plain)))
  })

  it('two organisations proposing to delete the same words concurrently both keep their amendment', () => {
    const a = ficheToYDoc(fullFiche())
    writeEditorJsonToYDoc(a, docWith(plain))
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const deleting = (org: string, id: string) =>
      docWith([{ type: 'text', text: 'Période de ' }, { type: 'text', text: '1 an', marks: [del(org, id)] }])
    writeEditorJsonToYDoc(a, deleting('cfdt', 'd1'))
    writeEditorJsonToYDoc(b, deleting('cgt', 'd2'))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      const list = listAmendments(yDocToEditorJson(doc))
      expect(list.map((x) => [x.organisationId, x.kind, x.deleted]).sort()).toEqual([['cfdt', 'deletion', '1 an'], ['cgt', 'deletion', '1 an']])
    }
    // Accepting CGT's leaves CFDT's with nothing left to delete: the words are gone.
    const accepted = acceptAmendments(yDocToEditorJson(a), { ids: ['d2'] })
    expect(objetText(accepted)).toEqual([{ type: 'paragraph', content: [{ text: 'Période de ', marks: [] }] }])
  })
})
