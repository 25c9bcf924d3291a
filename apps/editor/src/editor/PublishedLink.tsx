/**
 * From a fiche to its published wording: a link to the negotiation's public
 * page at this fiche's article, shown only when a publication exists (the
 * page answers), so that the link never leads to « introuvable ».
 */
import { useEffect, useState } from 'react'
import { listFiches } from '../api/endpoints.ts'

/**
 * The public page names each article by the fiche's key in the text (not
 * the live fiche's id), which the negotiation's fiche list gives.
 */
export function PublishedLink(props: { slug: string; negotiationId: string; proposalId: string | null; ficheId: string }) {
  const { slug, negotiationId, proposalId, ficheId } = props
  const [key, setKey] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void (async () => {
      const response = await fetch(`/p/${encodeURIComponent(slug)}`, { method: 'HEAD' })
      if (!response.ok) return
      const fiches = await listFiches(negotiationId, proposalId)
      const found = fiches.find((f) => f.id === ficheId)
      if (live) setKey(found?.key ?? ficheId)
    })().catch(() => undefined)
    return () => {
      live = false
    }
  }, [slug, negotiationId, proposalId, ficheId])
  if (!key) return null
  return (
    <a href={`/p/${encodeURIComponent(slug)}#fiche-${encodeURIComponent(key)}`} target="_blank" rel="noreferrer" data-testid="published-link">
      Texte publié de cette fiche
    </a>
  )
}
