/**
 * The formatting bar above the fiche: bold, italic, bullet list, indent and
 * outdent of list items, undo and redo (Yjs undo: only one's own changes, never
 * a colleague's), and the « Proposer des modifications » toggle (suggestion
 * mode, see ./amendments). Each button says its keyboard shortcut and shows whether
 * it is active; the bar is a labelled toolbar, hidden for read-only roles.
 */
import { useState } from 'react'
import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { isSuggestionForced, setSuggesting, useSuggesting } from './amendments/use-amendment-mode.ts'
import { loadedTracking, loadTracking } from './amendments/suggest-mode.ts'

interface Action {
  label: string
  shortcut: string
  icon: string
  run(editor: Editor): boolean
  active?(editor: Editor): boolean
  enabled(editor: Editor): boolean
}

const ACTIONS: Action[][] = [
  [
    {
      label: 'Gras',
      shortcut: 'Ctrl+B',
      icon: 'G',
      run: (e) => e.chain().focus().toggleBold().run(),
      active: (e) => e.isActive('bold'),
      enabled: (e) => e.can().toggleBold(),
    },
    {
      label: 'Italique',
      shortcut: 'Ctrl+I',
      icon: 'I',
      run: (e) => e.chain().focus().toggleItalic().run(),
      active: (e) => e.isActive('italic'),
      enabled: (e) => e.can().toggleItalic(),
    },
  ],
  [
    {
      label: 'Liste à puces',
      shortcut: 'Ctrl+Maj+8',
      icon: '•',
      run: (e) => e.chain().focus().toggleBulletList().run(),
      active: (e) => e.isActive('bulletList'),
      enabled: (e) => e.can().toggleBulletList(),
    },
    {
      label: 'Augmenter le retrait',
      shortcut: 'Tab',
      icon: '→',
      run: (e) => e.chain().focus().sinkListItem('listItem').run(),
      enabled: (e) => e.can().sinkListItem('listItem'),
    },
    {
      label: 'Diminuer le retrait',
      shortcut: 'Maj+Tab',
      icon: '←',
      run: (e) => e.chain().focus().liftListItem('listItem').run(),
      enabled: (e) => e.can().liftListItem('listItem'),
    },
  ],
  [
    {
      label: 'Annuler',
      shortcut: 'Ctrl+Z',
      icon: '↶',
      run: (e) => e.chain().focus().undo().run(),
      enabled: (e) => e.can().undo(),
    },
    {
      label: 'Rétablir',
      shortcut: 'Ctrl+Maj+Z',
      icon: '↷',
      run: (e) => e.chain().focus().redo().run(),
      enabled: (e) => e.can().redo(),
    },
  ],
]

export function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      ACTIONS.flat().map((action) => ({
        active: action.active?.(e) ?? false,
        enabled: e.isEditable && safely(() => action.enabled(e)),
      })),
  })
  let index = 0
  return (
    <div className="toolbar" role="toolbar" aria-label="Mise en forme" aria-controls="fiche-doc">
      {ACTIONS.map((group, g) => (
        <div className="toolbar__group" key={g}>
          {group.map((action) => {
            const s = state?.[index++]
            return (
              <button
                key={action.label}
                type="button"
                className={`toolbar__button${s?.active ? ' toolbar__button--active' : ''}`}
                aria-label={`${action.label} (${action.shortcut})`}
                title={`${action.label} (${action.shortcut})`}
                aria-pressed={action.active ? Boolean(s?.active) : undefined}
                disabled={!s?.enabled}
                // Keep the text selection: a mousedown on the button would blur the editor.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => action.run(editor)}
              >
                <span aria-hidden="true" className={`toolbar__icon toolbar__icon--${action.icon === 'G' ? 'bold' : action.icon === 'I' ? 'italic' : 'plain'}`}>
                  {action.icon}
                </span>
              </button>
            )
          })}
        </div>
      ))}
      <SuggestToggle editor={editor} />
    </div>
  )
}

/**
 * « Proposer des modifications »: typing becomes amendments; forced on for the amendment role.
 * What writes the amendments downloads the first time it is wanted: from the
 * moment the pointer or the keyboard reaches the button, so that it is
 * usually there by the click; if not, the button says it is loading.
 */
function SuggestToggle({ editor }: { editor: Editor }) {
  const on = useSuggesting(editor)
  const forced = isSuggestionForced(editor)
  const [loading, setLoading] = useState(false)
  const prefetch = () => void loadTracking().catch(() => {})
  async function toggle() {
    if (!loadedTracking()) setLoading(true)
    try {
      await setSuggesting(editor, !on)
    } catch {
      /* not downloaded (offline): the mode stays off, a new click tries again */
    } finally {
      setLoading(false)
    }
  }
  return (
    <div className="toolbar__group toolbar__group--amendments">
      <button
        type="button"
        className={`toolbar__button toolbar__button--text${on ? ' toolbar__button--active' : ''}`}
        aria-pressed={on}
        aria-busy={loading || undefined}
        disabled={forced || loading}
        title={forced ? 'Votre rôle propose des amendements : la modification directe est impossible.' : 'Ce que vous tapez devient un amendement'}
        data-testid="suggest-toggle"
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => void toggle()}
      >
        {loading ? 'Proposer des modifications (chargement…)' : 'Proposer des modifications'}
      </button>
    </div>
  )
}

/** `can()` chains may throw on exotic selections (inside a node view's form): treat as disabled. */
function safely(check: () => boolean): boolean {
  try {
    return check()
  } catch {
    return false
  }
}
