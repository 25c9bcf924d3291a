/**
 * Hash routing: every screen has an address (`#/negociations/42/historique`)
 * that survives a reload and can be shared, without asking the server for a
 * fallback route. `parseRoute` is pure; `useRoute` re-renders on hash change.
 */
import { useEffect, useState } from 'react'

export type Route =
  | { name: 'login' }
  | { name: 'negotiations' }
  | { name: 'negotiation'; id: string; proposal?: string | null }
  | { name: 'import'; id: string }
  | { name: 'history'; id: string }
  /** `proposal`: « Projet en cours » is that proposal's live text (compared from inside it). */
  | { name: 'compare'; id: string; from: string | null; to: string | null; proposal?: string | null }
  | { name: 'fiche'; id: string; q?: string | null }
  | { name: 'notFound'; path: string }

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/'
  const [pathPart = '/', query = ''] = raw.split('?')
  const params = new URLSearchParams(query)
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent)
  const [first, id, sub] = parts
  if (parts.length === 0) return { name: 'negotiations' }
  if (first === 'connexion' && parts.length === 1) return { name: 'login' }
  if (first === 'negociations' && id) {
    if (parts.length === 2) return { name: 'negotiation', id, proposal: params.get('projet') }
    if (sub === 'import' && parts.length === 3) return { name: 'import', id }
    if (sub === 'historique' && parts.length === 3) return { name: 'history', id }
    if (sub === 'comparer' && parts.length === 3)
      return { name: 'compare', id, from: params.get('de'), to: params.get('a'), proposal: params.get('projet') }
  }
  if (first === 'fiches' && id && parts.length === 2) return { name: 'fiche', id, q: params.get('q') }
  return { name: 'notFound', path: pathPart }
}

/** The address of a route, for links. */
export function href(route: Route): string {
  const enc = encodeURIComponent
  switch (route.name) {
    case 'login':
      return '#/connexion'
    case 'negotiations':
      return '#/'
    case 'negotiation':
      return `#/negociations/${enc(route.id)}${route.proposal ? `?projet=${enc(route.proposal)}` : ''}`
    case 'import':
      return `#/negociations/${enc(route.id)}/import`
    case 'history':
      return `#/negociations/${enc(route.id)}/historique`
    case 'compare': {
      const params = new URLSearchParams()
      if (route.from) params.set('de', route.from)
      if (route.to) params.set('a', route.to)
      if (route.proposal) params.set('projet', route.proposal)
      const query = params.toString()
      return `#/negociations/${enc(route.id)}/comparer${query ? `?${query}` : ''}`
    }
    case 'fiche':
      return `#/fiches/${enc(route.id)}${route.q ? `?q=${enc(route.q)}` : ''}`
    case 'notFound':
      return `#${route.path}`
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const target = href(route)
  if (options.replace) {
    history.replaceState(null, '', target)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else {
    window.location.hash = target.slice(1)
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return route
}
