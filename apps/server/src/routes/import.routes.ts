/**
 * `POST /api/negotiations/:id/import`: the body is the source itself — plain
 * text (any corpus family; UTF-8, or Windows-1252 as extracted texts
 * sometimes are), KALI JSON, or a Word file's bytes (a larger body limit
 * applies). Query parameters: `family` (A|B|C|D|E, to skip detection),
 * `fileName`, `proposal`, `mode` (`append`, the default, or `replace`: into
 * a branch that has fiches, match and replace by identity), and for KALI
 * `section` (CID of the part to read) and `idcc`. For Word files, `preview=true`
 * reads and reports without storing (the authors found, each with the
 * organisation guessed from its name), and `authors` (JSON: Word author →
 * organisation id or name) maps authors to member organisations.
 */
import { Hono } from 'hono'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { requireUser } from '../http/auth.ts'
import { IMPORT_FAMILIES, importFamilySchema, type ImportFamily } from '@paritaire/schema'
import { importIntoNegotiation, type ImportMode } from '../services/import.ts'

const MODES: Record<string, ImportMode> = { append: 'append', ajouter: 'append', replace: 'replace', remplacer: 'replace' }

/** A zip (.docx) or an OLE compound file (encrypted Word, .doc): passed as bytes for the Word reader. */
function isBinaryOffice(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
}

export function importRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.post('/negotiations/:id/import', async (c) => {
    const who = await requireUser(ctx, c)
    const family = c.req.query('family')
    if (family !== undefined && !importFamilySchema.safeParse(family).success) {
      throw new AppError(400, 'famille_invalide', `Famille de format inconnue « ${family} » : attendu ${IMPORT_FAMILIES.join(', ')}.`, ['family'])
    }
    const modeParam = c.req.query('mode')
    const mode = modeParam === undefined ? undefined : MODES[modeParam]
    if (modeParam !== undefined && !mode) {
      throw new AppError(400, 'mode_invalide', `Mode d'import inconnu « ${modeParam} » : attendu append (ajouter) ou replace (remplacer).`, ['mode'])
    }
    const idcc = c.req.query('idcc')
    if (idcc !== undefined && !/^\d{1,5}$/u.test(idcc)) throw new AppError(400, 'idcc_invalide', `IDCC invalide « ${idcc} » : un numéro de 1 à 5 chiffres est attendu.`, ['idcc'])
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    let source: string | Uint8Array
    if (isBinaryOffice(bytes)) source = bytes
    else {
      try {
        source = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        // Extracted texts are sometimes Windows-1252: decode as such rather than refuse.
        source = new TextDecoder('windows-1252').decode(bytes)
      }
    }
    const authorsParam = c.req.query('authors')
    let authors: Record<string, string> | undefined
    if (authorsParam !== undefined) {
      try {
        const parsed: unknown = JSON.parse(authorsParam)
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) throw new Error('shape')
        authors = parsed as Record<string, string>
      } catch {
        throw new AppError(400, 'auteurs_invalides', 'Paramètre authors invalide : un objet JSON { "auteur Word": "identifiant ou nom d’organisation" } est attendu.', ['authors'])
      }
    }
    const preview = c.req.query('preview') === 'true' || c.req.query('preview') === '1'
    const fileName = c.req.query('fileName')
    const section = c.req.query('section')
    const outcome = await importIntoNegotiation(ctx, who, c.req.param('id'), source, {
      ...(family ? { family: family as ImportFamily } : {}),
      ...(fileName ? { fileName } : {}),
      ...(mode ? { mode } : {}),
      ...(section ? { section } : {}),
      ...(idcc ? { idcc } : {}),
      ...(authors ? { authors } : {}),
      preview,
      proposalId: c.req.query('proposal') ?? null,
    })
    return c.json(outcome, preview ? 200 : 201)
  })

  return app
}
