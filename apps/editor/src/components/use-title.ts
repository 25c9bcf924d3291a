/**
 * Each page titles its browser tab, so that ten open tabs read « Opérateur
 * vendeur 1er niveau — Photographie (IDCC 3168) » rather than ten times
 * « Paritaire ».
 */
import { useEffect } from 'react'

const APP = 'Paritaire'

/** « Photographie (IDCC 3168) ». */
export function negotiationLabel(negotiation: { title: string; idcc: string | null } | null | undefined): string | null {
  if (!negotiation) return null
  const { title, idcc } = negotiation
  return idcc && !title.includes(idcc) ? `${title} (IDCC ${idcc})` : title
}

/** Sets the tab title from its parts (empty parts left out), « Paritaire » alone when there are none. */
export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const title = parts.filter((p): p is string => Boolean(p && p.trim())).join(' — ') || APP
  useEffect(() => {
    document.title = title
  }, [title])
}
