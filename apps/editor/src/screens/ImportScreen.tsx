/**
 * Import: bring a real text into a negotiation — pasted, or a file sent as
 * it is (any corpus format: numbered fiches, the national directory, a
 * union's proposal, an avenant; KALI JSON from Légifrance; a Word file with
 * its tracked changes). Into a text that already has fiches, the new ones
 * are appended, or with the option replace those of the same identity. The
 * server's importer does the work; this screen shows what it recognised,
 * every warning (with its line), the identity conflicts, the Word revisions
 * and comments, and the fiches.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react'
import { getNegotiation, importTexte } from '../api/endpoints.ts'
import { ROLE_LABELS, canEdit, type ImportResult, type Role } from '../api/types.ts'
import { Breadcrumbs } from '../components/TopBar.tsx'
import { ErrorMessage, Notice } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { href } from '../router.ts'
import { negotiationLabel, useDocumentTitle } from '../components/use-title.ts'

const FAMILY_LABELS: Record<string, string> = {
  A: 'A — fiches de qualification numérotées',
  B: 'B — répertoire national des emplois',
  C: "C — proposition d'emplois repères",
  D: 'D — avenant aux emplois numérotés par coefficient',
  E: 'E — répertoire de métiers-repères par domaine',
}

export function ImportScreen({ negotiationId }: { negotiationId: string }) {
  const negotiation = useAsync(() => getNegotiation(negotiationId), [negotiationId])
  useDocumentTitle('Importer un texte', negotiationLabel(negotiation.value))
  const [source, setSource] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  /** A binary file (.docx) is sent as its bytes; text files are shown in the text area. */
  const [bytes, setBytes] = useState<Uint8Array | null>(null)
  const [mode, setMode] = useState<'append' | 'replace'>('append')
  const [result, setResult] = useState<ImportResult>()
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  /** A Word file's authors (read by the server's preview) and the organisation chosen for each. */
  const [wordAuthors, setWordAuthors] = useState<NonNullable<NonNullable<ImportResult['docx']>['authorMapping']>>([])
  const [authors, setAuthors] = useState<Record<string, string>>({})

  /** Asks the server who wrote the Word file's changes and comments, before anything is stored. */
  async function previewAuthors(file: Uint8Array, name: string) {
    setWordAuthors([])
    setAuthors({})
    try {
      const preview = await importTexte(negotiationId, file, { fileName: name, mode, preview: true })
      const mapping = preview.docx?.authorMapping ?? []
      setWordAuthors(mapping)
      setAuthors(Object.fromEntries(mapping.filter((m) => m.organisation).map((m) => [m.name, m.organisation!.id])))
    } catch (cause) {
      setError(cause)
    }
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    if (!file) return
    setFileName(file.name)
    setError(undefined)
    if (/\.docx$/iu.test(file.name)) {
      const read = new Uint8Array(await file.arrayBuffer())
      setBytes(read)
      setSource('')
      await previewAuthors(read, file.name)
    } else {
      setBytes(null)
      setWordAuthors([])
      setSource(await file.text())
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setResult(undefined)
    try {
      setResult(await importTexte(negotiationId, bytes ?? source, { fileName, mode, ...(bytes ? { authors } : {}) }))
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  const title = negotiation.value?.title ?? 'Négociation'
  // Reached by address without the right: say so rather than offer a form the server refuses (403).
  if (negotiation.value && !canEdit(negotiation.value.role)) return <ImportRefused negotiationId={negotiationId} title={title} role={negotiation.value.role} />
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Mes négociations', href: href({ name: 'negotiations' }) },
          { label: title, href: href({ name: 'negotiation', id: negotiationId }) },
          { label: 'Importer un texte' },
        ]}
      />
      <div className="page-head">
        <h1>Importer un texte</h1>
      </div>
      <ErrorMessage error={negotiation.error} />
      <div className="grid grid--main-aside">
        <section className="card" aria-labelledby="source-title">
          <h2 id="source-title">Texte source</h2>
          <form className="form" onSubmit={(e) => void submit(e)}>
            {/* The native file input speaks the browser's language ("Choose File");
                it stays (visually hidden, still focusable and labelled) behind a French button. */}
            <label className="field">
              <span className="field__label">Fichier : document Word (.docx), JSON KALI de Légifrance, ou texte extrait d'un PDF</span>
              <input
                className="visually-hidden file-input"
                type="file"
                accept=".txt,.md,.json,.docx,text/plain,application/json,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                onChange={(e) => void readFile(e)}
              />
              <span className="file-picker">
                <span className="button button--small" aria-hidden="true">
                  Choisir un fichier
                </span>
                <span className="muted">{fileName ?? 'Aucun fichier choisi'}</span>
              </span>
            </label>
            <label className="field">
              <span className="field__label">
                Ou collez le texte{fileName ? ` (chargé depuis ${fileName})` : ''}
              </span>
              <textarea
                name="source"
                rows={16}
                value={bytes ? `(document Word ${fileName ?? ''} : envoyé tel quel)` : source}
                readOnly={bytes !== null}
                onChange={(e) => {
                  setSource(e.target.value)
                  setFileName(null)
                  setBytes(null)
                }}
                spellCheck={false}
              />
            </label>
            <fieldset className="field">
              <legend className="field__label">Si la négociation contient déjà des fiches</legend>
              <label>
                <input type="radio" name="mode" value="append" checked={mode === 'append'} onChange={() => setMode('append')} /> Ajouter les
                fiches importées à la suite (une fiche de même identité est ajoutée sous un autre nom, et signalée)
              </label>
              <label>
                <input type="radio" name="mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} /> Remplacer
                les fiches de même identité (chaque remplacement est signalé)
              </label>
            </fieldset>
            {bytes && wordAuthors.length > 0 && (
              <fieldset className="field" data-testid="word-authors">
                <legend className="field__label">Auteurs du document Word : leurs modifications suivies deviennent des amendements de l'organisation choisie, leurs commentaires des discussions</legend>
                {wordAuthors.map((a) => (
                  <label key={a.name} className="field">
                    <span>
                      « {a.name} » — {a.changes} modification{a.changes > 1 ? 's' : ''}, {a.comments} commentaire{a.comments > 1 ? 's' : ''}
                      {a.source === 'guessed' ? ' (organisation reconnue d’après le nom)' : ''}
                    </span>
                    <select value={authors[a.name] ?? ''} onChange={(e) => setAuthors({ ...authors, [a.name]: e.target.value })}>
                      <option value="">— Choisissez l'organisation —</option>
                      {(negotiation.value?.members ?? []).map((m) => (
                        <option key={m.organisation.id} value={m.organisation.id}>{m.organisation.name}</option>
                      ))}
                    </select>
                  </label>
                ))}
              </fieldset>
            )}
            <ErrorMessage error={error} title="Import impossible :" />
            <button type="submit" className="button button--primary" disabled={busy || (bytes === null && source.trim() === '') || (bytes !== null && wordAuthors.some((a) => !authors[a.name]))}>
              {busy ? 'Import en cours…' : 'Importer'}
            </button>
          </form>
        </section>
        <aside className="card" aria-labelledby="help-title">
          <h2 id="help-title">Formats reconnus</h2>
          <ul className="plain-list">
            {Object.values(FAMILY_LABELS).map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
          <ul className="plain-list">
            <li>KALI — convention ou section au format JSON (Légifrance, @socialgouv/kali-data)</li>
            <li>Word — document .docx, modifications suivies et commentaires conservés</li>
          </ul>
          <p className="muted">
            Le format est détecté automatiquement. Rien n'est perdu : ce que l'import ne sait pas placer est conservé
            dans un reliquat et signalé ci-dessous.
          </p>
        </aside>
      </div>
      {result && <ImportReport result={result} negotiationId={negotiationId} />}
    </>
  )
}

function ImportReport({ result, negotiationId }: { result: ImportResult; negotiationId: string }) {
  return (
    <section className="card" aria-labelledby="report-title" data-testid="import-report">
      <h2 id="report-title">Résultat de l'import</h2>
      <Notice tone="success">
        {result.fiches.length} fiche{result.fiches.length > 1 ? 's' : ''} importée
        {result.fiches.length > 1 ? 's' : ''}
        {result.family ? ` — format ${FAMILY_LABELS[result.family] ?? result.family}` : result.format === 'kali' ? ' — texte KALI' : ''}
        {result.format === 'docx' ? ' (document Word)' : ''}.{' '}
        <a href={href({ name: 'negotiation', id: negotiationId })}>Voir les fiches de la négociation</a>
      </Notice>
      {(result.notes ?? []).length > 0 && (
        <ul className="plain-list" data-testid="import-notes">
          {(result.notes ?? []).map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {(result.conflicts ?? []).length > 0 && (
        <>
          <h3>
            Identités déjà présentes <span className="count">{result.conflicts?.length}</span>
          </h3>
          <ul className="plain-list" data-testid="import-conflicts">
            {result.conflicts?.map((c) => (
              <li key={`${c.key}-${c.storedAs}`}>
                « {c.intitule} » ({c.key}) :{' '}
                {c.resolution === 'replaced' ? 'la fiche existante a été remplacée' : `ajoutée sous l'identité ${c.storedAs}, la fiche existante est intacte`}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.docx && (result.docx.changes.length > 0 || result.docx.comments.length > 0) && (
        <>
          <h3>Document Word : modifications suivies et commentaires</h3>
          <RevisionsOutcome docx={result.docx} />
          <table className="table table--compact" data-testid="import-revisions">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Auteur</th>
                <th scope="col">Date</th>
                <th scope="col">Texte</th>
              </tr>
            </thead>
            <tbody>
              {result.docx.changes.map((c, index) => (
                <tr key={`c${index}`}>
                  <td>{c.type === 'ins' ? 'Ajout' : 'Suppression'}</td>
                  <td>{c.author}</td>
                  <td>{c.date ?? '—'}</td>
                  <td>{c.type === 'ins' ? <ins>{c.text}</ins> : <del>{c.text}</del>}</td>
                </tr>
              ))}
              {result.docx.comments.map((c) => (
                <tr key={`m${c.id}`}>
                  <td>Commentaire</td>
                  <td>{c.author}</td>
                  <td>{c.date ?? '—'}</td>
                  <td>
                    « {c.anchor} » : {c.text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>
        Avertissements <span className="count">{result.warnings.length}</span>
      </h3>
      {result.warnings.length === 0 ? (
        <p className="muted">Aucun avertissement.</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Message</th>
              <th scope="col">Texte concerné</th>
            </tr>
          </thead>
          <tbody>
            {result.warnings.map((w, index) => (
              <tr key={index}>
                <td>{w.line ?? '—'}</td>
                <td>{withoutLinePrefix(w.message)}</td>
                <td>
                  <code>{w.text ?? ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Fiches trouvées</h3>
      <ol className="fiche-found">
        {result.fiches.map((fiche) => (
          <li key={fiche.id}>
            <a href={href({ name: 'fiche', id: fiche.id })}>{fiche.intitule || 'Sans intitulé'}</a>
            <span className="muted">
              {fiche.filiere ? ` — ${fiche.filiere}` : ''}
              {fiche.coefficient != null ? ` — coefficient ${fiche.coefficient}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}

/** The importers' messages start with « Ligne 12 : », which the « Ligne » column already says. */
function withoutLinePrefix(message: string): string {
  const rest = message.replace(/^Ligne \d+\s*:\s*/u, '')
  return rest.charAt(0).toUpperCase() + rest.slice(1)
}

function ImportRefused({ negotiationId, title, role }: { negotiationId: string; title: string; role: Role }) {
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Mes négociations', href: href({ name: 'negotiations' }) },
          { label: title, href: href({ name: 'negotiation', id: negotiationId }) },
          { label: 'Importer un texte' },
        ]}
      />
      <div className="page-head">
        <h1>Importer un texte</h1>
      </div>
      <section className="card" aria-labelledby="import-refused-title">
        <h2 id="import-refused-title">Import non autorisé</h2>
        <p>
          Votre organisation a le rôle « {ROLE_LABELS[role]} » dans cette négociation : elle ne peut pas y importer de texte.
          Seules la présidence et la rédaction importent.
        </p>
        <p>
          <a href={href({ name: 'negotiation', id: negotiationId })}>Retour à la négociation</a>
        </p>
      </section>
    </>
  )
}

/** What the Word file's changes and comments became: pending amendments and threads of the chosen organisations. */
function RevisionsOutcome({ docx }: { docx: NonNullable<ImportResult['docx']> }) {
  const amendments = (docx.amendments ?? []).reduce((n, a) => n + a.ids.length, 0)
  const threads = docx.threads?.length ?? 0
  if (amendments + threads === 0) return null
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`
  return (
    <p data-testid="import-revisions-outcome">
      Créés au nom des organisations choisies : {plural(amendments, 'amendement')} en attente de décision, {plural(threads, 'discussion')}.
    </p>
  )
}
