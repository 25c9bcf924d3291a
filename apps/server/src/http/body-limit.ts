/**
 * Body size limits: the general API limit, and a larger one for text imports.
 * Uses Hono's bodyLimit (checks Content-Length and counts streamed bytes),
 * answering 413 in the common error format.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { errorBody } from '../errors.ts'

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json(errorBody('corps_trop_volumineux',
      `Le corps de la requête dépasse la taille maximale (${Math.round(maxBytes / 1024)} Kio).`), 413),
  })
}
