/**
 * Amendments of the classement fields (coefficient, période maximale,
 * catégorie, niveau, échelon), inside the classement section: each pending
 * proposal shows the current and the proposed value side by side, in the
 * proposing organisation's colour; in suggestion mode a small form proposes
 * a new value. A proposal is an entry of the classement node's `proposals`
 * attribute, written as one transaction the suggestion library leaves alone.
 */
import { useState } from 'react'
import type { Editor } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { AMENDABLE_FIELDS, proposalsOf, type AmendableField, type FieldProposal } from '@paritaire/schema/editing'
import { organisationColor } from '../org-colors.ts'
import { formatValue, formatTime } from './describe.ts'
import { newAmendmentId, type AmendmentIdentity } from './stamp.ts'
import { asAmendment } from './suggest-mode.ts'

interface Props {
  editor: Editor
  node: PmNode
  getPos: () => number | undefined
  suggesting: boolean
  identity: AmendmentIdentity | null
}

const NUMERIC: readonly AmendableField[] = ['coefficient', 'echelon']

export function ClassementProposals({ editor, node, getPos, suggesting, identity }: Props) {
  const proposals = proposalsOf(node.attrs)
  const [field, setField] = useState<AmendableField>('coefficient')
  const [draft, setDraft] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  function propose() {
    if (!identity) return
    const raw = draft.trim()
    let value: string | number | null = raw === '' ? null : raw
    if (NUMERIC.includes(field) && raw !== '') {
      if (!/^\d+$/.test(raw)) {
        setProblem('Saisissez un nombre entier.')
        return
      }
      value = Number(raw)
    }
    const pos = getPos()
    if (pos === undefined) return
    const proposal: FieldProposal = {
      id: newAmendmentId(), field, value,
      organisationId: identity.organisationId, organisationName: identity.organisationName,
      userId: identity.userId, authorName: identity.authorName, createdAt: new Date().toISOString(),
    }
    editor.view.dispatch(asAmendment(editor.state.tr.setNodeAttribute(pos, 'proposals', [...proposals, proposal])))
    setDraft('')
    setProblem(null)
  }

  if (proposals.length === 0 && !suggesting) return null
  return (
    <div className="classement-proposals" data-testid="classement-proposals">
      {proposals.length > 0 && (
        <table className="classement-proposals__table">
          <caption>Amendements des champs</caption>
          <thead>
            <tr>
              <th scope="col">Champ</th>
              <th scope="col">Actuel</th>
              <th scope="col">Proposé</th>
              <th scope="col">Par</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={`${p.organisationId}-${p.id}`} data-proposal-id={p.id} style={{ ['--amendment-color' as string]: organisationColor(p.organisationName) }}>
                <th scope="row">{AMENDABLE_FIELDS[p.field]}</th>
                <td className="classement-proposals__old">{formatValue((node.attrs[p.field] as string | number | null) ?? null)}</td>
                <td className="classement-proposals__new">{formatValue(p.value)}</td>
                <td title={`${p.authorName}, ${formatTime(p.createdAt)}`}>{p.organisationName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {suggesting && identity && (
        <div className="classement-proposals__form">
          <label>
            Proposer{' '}
            <select value={field} onChange={(e) => setField(e.target.value as AmendableField)} aria-label="Champ à amender">
              {Object.entries(AMENDABLE_FIELDS).map(([name, label]) => (
                <option key={name} value={name}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <input value={draft} onChange={(e) => setDraft(e.target.value)} aria-label="Nouvelle valeur proposée" placeholder="Nouvelle valeur" />
          <button type="button" className="button button--small" onClick={propose}>
            Proposer la valeur
          </button>
          {problem && <span className="field__error">{problem}</span>}
        </div>
      )}
    </div>
  )
}
