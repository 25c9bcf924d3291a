/**
 * Request body reading: JSON only (415 otherwise), parsed by hand so that
 * malformed JSON is a 400 with a French message rather than a framework
 * error, then checked with a strict zod schema (unknown fields refused),
 * reporting the first failing field's path.
 */
import type { Context } from 'hono'
import { z } from 'zod'
import { AppError } from '../errors.ts'

// French messages for every zod issue the API reports (and the schema package's own checks).
z.config(z.locales.fr())

export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false
  const type = header.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}

/** Parses the request body as JSON without schema; empty body reads as `{}`. */
export async function readJsonValue(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  if (!isJsonContentType(c.req.header('content-type'))) {
    throw new AppError(415, 'type_contenu_invalide', 'Le corps de la requête doit être du JSON (Content-Type: application/json).')
  }
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    const detail = err instanceof Error ? err.message : ''
    throw new AppError(400, 'json_invalide', `Le corps de la requête n'est pas du JSON valide${detail ? ` (${detail})` : ''}.`)
  }
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, code = 'corps_invalide'): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol')
  const where = path.length > 0 ? ` (champ ${path.join('.')})` : ''
  throw new AppError(400, code, `Requête invalide${where} : ${issue?.message ?? 'valeur inattendue'}`, path)
}

export async function readJson<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  return parseWith(schema, await readJsonValue(c))
}
