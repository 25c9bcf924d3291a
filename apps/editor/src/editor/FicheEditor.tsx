/**
 * The fiche editor proper: TipTap over the schema's fiche document, bound to
 * the shared Y.Doc (Collaboration) with everyone's carets and selections
 * (CollaborationCaret: name + organisation colour). The six sections come
 * from the schema, whose transaction filter keeps them from being deleted or
 * merged. After each change the document is converted to canonical JSON and
 * validated; the issues feed the classement form and the issues panel.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import {
  FICHE_YDOC_FIELD,
  conformityIssues,
  editorJsonToFiche,
  ficheExtensions,
  type Fiche,
  type SchemaIssue,
} from '@paritaire/schema/editing'
import { withFicheNodeViews } from './node-views.tsx'
import { FicheViewContext } from './issues-context.ts'
import { SearchHighlight } from './search-highlight.ts'
import { Toolbar } from './Toolbar.tsx'
import { ThreadHighlights } from './threads/highlights.ts'
import { FieldsProvider } from './fields/FieldsProvider.tsx'
import type { DraftIssue } from './fields/field-context.ts'
import { nameWithOrganisation } from './participant-name.ts'
import type { AwarenessUser, Collaboration as Live } from './use-collaboration.ts'
import { AmendmentMode } from './amendments/suggest-mode.ts'
import { withColouredAmendments } from './amendments/colored-marks.ts'
import { AmendmentsPanel } from './amendments/AmendmentsPanel.tsx'
import type { AmendmentIdentity } from './amendments/stamp.ts'
import { CaretBeforeSync } from './caret-before-sync.ts'
import { ficheValidator, loadFicheValidator } from './validator.ts'

/** The caret of another person: a coloured bar with their name and organisation. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#555'
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  caret.style.borderColor = color
  const label = document.createElement('span')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = color
  label.textContent = nameWithOrganisation(String(user.name ?? 'Anonyme'), typeof user.organisation === 'string' ? user.organisation : '')
  caret.append(label)
  return caret
}

function renderSelection(user: Record<string, unknown>) {
  const color = typeof user.color === 'string' ? user.color : '#555'
  return {
    nodeName: 'span',
    class: 'collaboration-carets__selection',
    style: `background-color: ${color}33`,
    'data-user': String(user.name ?? ''),
  }
}

export interface Checked {
  fiche: Fiche | null
  issues: SchemaIssue[]
}

interface Props {
  ficheId: string
  live: Live
  user: AwarenessUser
  readOnly: boolean
  onChecked(checked: Checked): void
  /** Words of the search the person came from, highlighted (local decorations). */
  highlight?: string | null
  /** Who proposes amendments from this editor (role `commenter`: suggestion mode forced on). */
  identity?: AmendmentIdentity | null
  /** Where to draw the side list « Amendements » (the screen's side column). */
  amendmentsSlot?: HTMLElement | null
  /** Hands the editor to what sits beside it (the « Discussions » panel). */
  onEditor?(editor: Editor | null): void
  /** Values typed in structured fields that the shared document does not hold. */
  onDrafts?(drafts: DraftIssue[]): void
}

function check(json: unknown, ficheId: string): Checked {
  try {
    const fiche = editorJsonToFiche(json as Parameters<typeof editorJsonToFiche>[0], ficheId)
    // Beyond what storage accepts: what the fiche cannot be published with (an empty intitulé…).
    const conformity = conformityIssues(fiche)
    const validate = ficheValidator()
    if (!validate) return { fiche, issues: conformity }
    const result = validate(fiche)
    return result.ok ? { fiche: result.value, issues: conformity } : { fiche, issues: [...result.issues, ...conformity] }
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    return { fiche: null, issues: [{ code: 'conversion', path: [], message: `Document illisible : ${message}` }] }
  }
}

export function FicheEditor({ ficheId, live, user, readOnly, onChecked, highlight = null, identity = null, amendmentsSlot = null, onEditor, onDrafts }: Props) {
  const [issues, setIssues] = useState<SchemaIssue[]>([])
  const [refusal, setRefusal] = useState<string | null>(null)
  const onRefused = useRef((message: string) => setRefusal(message))
  // « Ready »: the shared document is drawn (y-prosemirror's first render)
  // and a frame has passed for the node views; exposed as data-ready for
  // tests and assistive tooling, so nobody types into a half-built editor.
  const [ready, setReady] = useState(false)
  const extensions = useMemo(
    () => [
      ...withColouredAmendments(withFicheNodeViews(ficheExtensions)),
      AmendmentMode.configure({ identity, forced: identity?.role === 'commenter', onRefused: (m) => onRefused.current(m) }),
      Collaboration.configure({
        document: live.doc,
        field: FICHE_YDOC_FIELD,
        onFirstRender: () => requestAnimationFrame(() => setReady(true)),
      }),
      CollaborationCaret.configure({ provider: live.provider, user, render: renderCaret, selectionRender: renderSelection }),
      // A caret just moved by a click or End survives a colleague's change arriving before ProseMirror reads it.
      CaretBeforeSync,
      ThreadHighlights,
      ...(highlight ? [SearchHighlight.configure({ query: highlight })] : []),
    ],
    // The user is fixed for the life of the provider.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [live.doc, live.provider, highlight],
  )

  const editor = useEditor(
    {
      extensions,
      editable: !readOnly,
      editorProps: {
        attributes: {
          class: 'fiche-doc',
          id: 'fiche-doc',
          'aria-label': 'Contenu de la fiche',
          'aria-readonly': String(readOnly),
          spellcheck: 'true',
          lang: 'fr',
        },
      },
    },
    [extensions],
  )

  useEffect(() => {
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly)
  }, [editor, readOnly])

  useEffect(() => {
    onEditor?.(editor)
    return () => onEditor?.(null)
  }, [editor, onEditor])

  // Validate after each change, at most every 300 ms: conversion and zod run
  // over the whole fiche, which is cheap but not free on 40-person documents.
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = () => {
      const checked = check(editor.getJSON(), ficheId)
      setIssues(checked.issues)
      onChecked(checked)
    }
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(run, 300)
    }
    let gone = false
    const changed = () => {
      // The validator comes with the first change (a stored fiche was valid
      // when stored; conformity is checked from the start): opening a fiche
      // to read it does not download zod.
      if (!ficheValidator()) void loadFicheValidator().then(() => gone || schedule())
      schedule()
    }
    run()
    editor.on('update', changed)
    return () => {
      gone = true
      clearTimeout(timer)
      editor.off('update', changed)
    }
  }, [editor, ficheId, onChecked])

  // Bring the first highlighted word into view once the document has arrived.
  useEffect(() => {
    if (!editor || !highlight) return
    const timer = setTimeout(() => editor.view.dom.querySelector('.search-hit')?.scrollIntoView({ block: 'center' }), 50)
    return () => clearTimeout(timer)
  }, [editor, highlight])

  useEffect(() => {
    if (!refusal) return
    const timer = setTimeout(() => setRefusal(null), 6000)
    return () => clearTimeout(timer)
  }, [refusal])

  const view = useMemo(() => ({ issues, readOnly }), [issues, readOnly])
  return (
    <FicheViewContext.Provider value={view}>
      <FieldsProvider awareness={live.provider.awareness} onDrafts={onDrafts}>
        {editor && !readOnly && <Toolbar editor={editor} />}
        {refusal && (
          <p className="amendment-refusal" role="alert" data-testid="amendment-refusal">
            Modification impossible : {refusal}
          </p>
        )}
        <EditorContent editor={editor} className="fiche-editor" data-testid="fiche-editor" data-ready={ready ? 'true' : 'false'} />
        {editor && identity && amendmentsSlot && createPortal(<AmendmentsPanel editor={editor} ficheId={ficheId} identity={identity} />, amendmentsSlot)}
      </FieldsProvider>
    </FicheViewContext.Provider>
  )
}
