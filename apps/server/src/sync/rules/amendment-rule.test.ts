/** The amendment rule over editor JSON: both roles, a spoofed organisation, and server changes left alone. */
import { describe, expect, it } from 'vitest'
import { emptyFiche, ficheToEditorJson } from '@paritaire/schema'
import type { EditorNodeJson, UpdateAuthor } from '../update-rules.ts'
import { amendmentRule } from './amendment-rule.ts'

const base = ficheToEditorJson(emptyFiche('f1', 'Technicien')) as EditorNodeJson
const mark = (org: string) => ({
  type: 'insertion',
  attrs: { id: 'x1', organisationId: org, organisationName: org, userId: 'u', authorName: 'A', createdAt: '2026-12-01T10:00:00Z' },
})

/** The base fiche with `extra` appended to its intitulé. */
function withIntitule(extra: EditorNodeJson): EditorNodeJson {
  const doc = structuredClone(base)
  const intitule = doc.content![0]!.content![0]!
  intitule.content = [...(intitule.content ?? []), extra]
  return doc
}

const run = (author: UpdateAuthor | null, after: EditorNodeJson) => amendmentRule({ ficheId: 'f1', author, amendments: true, before: () => base, after: () => after })
const commenter: UpdateAuthor = { userId: 'u', organisationId: 'cfdt', role: 'commenter' }
const editor: UpdateAuthor = { userId: 'v', organisationId: 'cgt', role: 'editor' }

describe('amendmentRule', () => {
  it('lets a commenter add its own amendment and refuses its plain text', () => {
    expect(run(commenter, withIntitule({ type: 'text', text: ' confirmé', marks: [mark('cfdt')] }))).toBeNull()
    expect(run(commenter, withIntitule({ type: 'text', text: ' confirmé' }))).toMatchObject({ code: 'amendement_requis' })
  })

  it('lets an editor type, refuses an amendment in another organisation’s name to every role', () => {
    expect(run(editor, withIntitule({ type: 'text', text: ' confirmé' }))).toBeNull()
    expect(run(editor, withIntitule({ type: 'text', text: ' confirmé', marks: [mark('cfdt')] }))?.code).toBe('amendement_usurpe')
    expect(run(commenter, withIntitule({ type: 'text', text: ' confirmé', marks: [mark('cgt')] }))?.code).toBe('amendement_usurpe')
  })

  it('reads nothing for an editor’s change in a fiche with no amendment before or after, everything for a commenter', () => {
    const facts = (author: UpdateAuthor | null, amendments: boolean) => ({ author, amendments })
    expect(amendmentRule.readsContent?.(facts(editor, false))).toBe(false)
    expect(amendmentRule.readsContent?.(facts(editor, true))).toBe(true)
    expect(amendmentRule.readsContent?.(facts(commenter, false))).toBe(true)
    expect(amendmentRule.readsContent?.(facts(null, true))).toBe(false)
    const unread = () => { throw new Error('read') }
    expect(amendmentRule({ ficheId: 'f1', author: editor, amendments: false, before: unread, after: unread })).toBeNull()
  })

  it('does not check the server’s own changes', () => {
    expect(run(null, withIntitule({ type: 'text', text: ' confirmé' }))).toBeNull()
  })
})
