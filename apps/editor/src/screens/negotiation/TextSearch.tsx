/**
 * « Rechercher dans le texte »: full-text search of the negotiation on the
 * server (every section of every fiche, French stemming, phrases in quotes),
 * in the text being negotiated or across its versions. Each hit names the
 * fiche and the section with a marked extract, and opens the fiche with the
 * words highlighted.
 */
import { useState, type FormEvent, type ReactNode } from 'react'
import { searchTexte } from '../../api/endpoints.ts'
import type { SearchResult } from '../../api/types.ts'
import { ErrorMessage, Empty } from '../../components/feedback.tsx'
import { href } from '../../router.ts'

/** The server's extract (escaped text, matches in <mark>) as React nodes, without innerHTML. */
export function extractNodes(extract: string): ReactNode[] {
  const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
  const nodes: ReactNode[] = []
  let marked = false
  for (const [i, part] of extract.split(/(<mark>|<\/mark>)/).entries()) {
    if (part === '<mark>') marked = true
    else if (part === '</mark>') marked = false
    else if (part !== '') nodes.push(marked ? <mark key={i}>{decode(part)}</mark> : decode(part))
  }
  return nodes
}

export function TextSearch({ negotiationId, proposalId }: { negotiationId: string; proposalId: string | null }) {
  const [query, setQuery] = useState('')
  const [scope, setScope] = useState<'live' | 'all'>('live')
  const [result, setResult] = useState<SearchResult | null>(null)
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (query.trim() === '') return
    setBusy(true)
    setError(undefined)
    try {
      setResult(await searchTexte(negotiationId, query, { proposalId, allVersions: scope === 'all' }))
    } catch (cause) {
      setError(cause)
      setResult(null)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card text-search" aria-labelledby="text-search-title">
      <h2 id="text-search-title">Rechercher dans le texte</h2>
      <form className="form form--inline" role="search" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span className="field__label">Mots ou « expression exacte » entre guillemets</span>
          <input type="search" name="q" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} placeholder="ex. salarié polyvalent" />
        </label>
        <label className="field">
          <span className="field__label">Où chercher</span>
          <select value={scope} onChange={(e) => setScope(e.target.value as 'live' | 'all')}>
            <option value="live">Texte en cours</option>
            <option value="all">Toutes les versions</option>
          </select>
        </label>
        <button type="submit" className="button" disabled={busy}>{busy ? 'Recherche…' : 'Rechercher'}</button>
      </form>
      <ErrorMessage error={error} />
      {result && result.hits.length === 0 && <Empty>Aucun passage ne contient « {result.query} ».</Empty>}
      {result && result.hits.length > 0 && (
        <>
          <p className="muted" role="status">
            {result.hits.length} passage{result.hits.length > 1 ? 's' : ''}
            {result.mode === 'approchant' ? ' à l’orthographe approchante (aucune correspondance exacte)' : ''}
          </p>
          <ol className="search-hits" data-testid="search-hits">
            {result.hits.map((hit) => (
              <li key={`${hit.ficheKey}/${hit.section}/${hit.versions?.last.id ?? ''}`}>
                <div className="search-hits__head">
                  {hit.ficheId
                    ? <a href={href({ name: 'fiche', id: hit.ficheId, q: result.query })}>{hit.intitule || 'Sans intitulé'}</a>
                    : <strong>{hit.intitule || 'Sans intitulé'}</strong>}
                  <span className="muted"> · {hit.sectionLabel}</span>
                  {hit.versions && (
                    <span className="muted">
                      {' '}· {hit.versions.first.number === hit.versions.last.number
                        ? `version ${hit.versions.first.number}`
                        : `des versions ${hit.versions.first.number} à ${hit.versions.last.number}`}
                    </span>
                  )}
                </div>
                <p className="search-hits__extract">{extractNodes(hit.extract)}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
