/**
 * The one error path of the server. Domain code throws `AppError` (status,
 * stable machine `code`, French `message`, optional field `path`); `onError`
 * turns it — and anything else that escapes a handler — into the single JSON
 * problem format `{ error: { code, message, path? } }`. Unknown errors are
 * logged and answered with a generic 500 that leaks nothing.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type ErrorPath = (string | number)[]

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly path?: ErrorPath,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what = 'Ressource introuvable.') => new AppError(404, 'introuvable', what)
export const forbidden = (what = "Votre rôle dans cette négociation ne permet pas cette action.") =>
  new AppError(403, 'interdit', what)
export const unauthenticated = () => new AppError(401, 'non_authentifie', 'Connexion requise.')

export interface ErrorBody {
  error: { code: string; message: string; path?: ErrorPath; details?: unknown }
}

export function errorBody(code: string, message: string, path?: ErrorPath, details?: unknown): ErrorBody {
  const error: ErrorBody['error'] = { code, message }
  if (path && path.length > 0) error.path = path
  if (details !== undefined) error.details = details
  return { error }
}

/** The Hono `onError` handler: every failure leaves the server through here. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    return c.json(errorBody(err.code, err.message, err.path, err.details), err.status)
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    if (status === 413) return c.json(errorBody('corps_trop_volumineux', 'Le corps de la requête est trop volumineux.'), 413)
    return c.json(errorBody(`http_${status}`, err.message || 'Requête refusée.'), status)
  }
  const pgCode = (err as { code?: unknown }).code
  if (pgCode === 'P0001' || pgCode === '23514') {
    // A database trigger or check refused the change: the code path missed a rule the database enforces.
    return c.json(errorBody('refuse_par_la_base', 'La base de données a refusé cette modification.'), 409)
  }
  if (pgCode === '23505') {
    return c.json(errorBody('conflit', 'Cet élément existe déjà.'), 409)
  }
  if (pgCode === '23503') {
    return c.json(errorBody('conflit', 'Cet élément est lié à un autre qui n’existe pas ou plus.'), 409)
  }
  if (typeof pgCode === 'string' && pgCode.startsWith('22')) {
    // Postgres "data exception" (NUL byte, out-of-range value…): the input was unusable.
    return c.json(errorBody('valeur_invalide', 'Une valeur de la requête est inutilisable (caractère interdit ou valeur hors limites).'), 400)
  }
  console.error('paritaire: erreur inattendue', err)
  return c.json(errorBody('erreur_interne', 'Erreur interne du serveur.'), 500)
}
