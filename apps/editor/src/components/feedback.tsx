/**
 * Small shared pieces of feedback: an error box that says what failed in
 * French (the server's code for support kept out of the sentence, in a
 * tooltip and a « Détails » line), a loading line, an empty
 * state. Errors are announced to screen readers (`role="alert"`).
 */
import type { ReactNode } from 'react'
import { ApiError } from '../api/http.ts'

export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof ApiError ? error.code : null
  return (
    <div className="alert alert--error" role="alert">
      {title && <strong>{title} </strong>}
      <span title={code ? `Code pour l’assistance : ${code}` : undefined}>{message}</span>
      {code && (
        <details className="alert__details">
          <summary>Détails</summary>
          Code pour l’assistance : <code>{code}</code>
        </details>
      )}
    </div>
  )
}

export function Loading({ children = 'Chargement…' }: { children?: ReactNode }) {
  return (
    <p className="loading" role="status">
      {children}
    </p>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warning' | 'success' }) {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {children}
    </div>
  )
}

/** Formats an ISO date the way French readers expect (23/11/2026 à 14:05). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  // A calendar date (a signature's "2026-11-23") has no time to show.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split('-').reverse().join('/')
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' })
}
