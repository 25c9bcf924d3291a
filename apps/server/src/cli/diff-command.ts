/**
 * `paritaire diff OLD NEW [--format json|html|table|text|docx|table-docx]
 * [--ignore-typography] [--family A|B|C|D|E] [-o FILE]`: compares two texts (or two fiches) read
 * from files — canonical JSON, or any text an importer recognises — and
 * writes the change set (JSON, the default) or one of its renderings.
 * Unreadable or malformed inputs and usage errors exit with code 2 and a
 * French message naming the file and what is wrong.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  diffFiches,
  diffTextes,
  renderInlineHtml,
  renderTableauHtml,
  renderText,
  grilleRows,
  renderGrilleSvg,
  type ChangeSet,
  type DiffOptions,
  type VersionMeta,
} from '@paritaire/diff'
import {
  IMPORT_FAMILIES, ImportError, importFamilySchema, importSource, importTexte, looksLikeKali, validateFiche, validateTexte, type Fiche, type ImportFamily as SourceFamily, type Texte,
} from '@paritaire/schema'

export interface DiffCommandIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  readFile?: (path: string) => Promise<string>
}

const FORMATS = ['json', 'html', 'table', 'text', 'docx', 'table-docx', 'pdf', 'grille'] as const
type Format = (typeof FORMATS)[number]

export const DIFF_USAGE = `Utilisation : paritaire diff ANCIEN NOUVEAU [options]

  ANCIEN, NOUVEAU        textes à comparer : JSON canonique (texte ou fiche), JSON KALI ou texte importable
  --format FORMAT        json (défaut), html (redline), table (tableau comparatif HTML),
                         text (terminal), docx (Word, modifications suivies), table-docx,
                         pdf (tableau comparatif, A4 paysage), grille (SVG des coefficients)
  --ignore-typography    masque les différences purement typographiques
  --fold-typography      regroupe en une ligne les fiches qui ne diffèrent que par la typographie
  -o, --output FICHIER   écrit le résultat dans FICHIER (obligatoire pour docx vers un terminal)
  --old-org ORG, --new-org ORG     organisation autrice de chaque version (attribution)
  --old-date DATE, --new-date DATE date de chaque version (AAAA-MM-JJ)
  --family A|B|C|D|E     famille des textes importés, au lieu de la détecter (voir docs/import.md)
`

export class UsageError extends Error {}

interface Parsed {
  files: [string, string]
  format: Format
  ignoreTypography: boolean
  foldTypography: boolean
  output: string | null
  olderMeta: VersionMeta | null
  newerMeta: VersionMeta | null
  family: SourceFamily | undefined
}

function parse(args: readonly string[]): Parsed {
  const files: string[] = []
  let format: Format = 'json'
  let ignoreTypography = false
  let foldTypography = false
  let output: string | null = null
  let family: SourceFamily | undefined
  const meta = { oldOrg: null as string | null, newOrg: null as string | null, oldDate: null as string | null, newDate: null as string | null }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = (): string => {
      const v = inline ?? args[++i]
      if (v === undefined || v === '') throw new UsageError(`L'option ${flag} attend une valeur.`)
      return v
    }
    switch (flag) {
      case '--format': {
        const v = value()
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`Format inconnu : « ${v} ». Formats possibles : ${FORMATS.join(', ')}.`)
        format = v as Format
        break
      }
      case '--ignore-typography':
        ignoreTypography = true
        break
      case '--fold-typography':
        foldTypography = true
        break
      case '-o':
      case '--output':
        output = value()
        break
      case '--old-org': meta.oldOrg = value(); break
      case '--new-org': meta.newOrg = value(); break
      case '--old-date': meta.oldDate = date(value()); break
      case '--new-date': meta.newDate = date(value()); break
      case '--family': {
        const v = value()
        const known = importFamilySchema.safeParse(v.toUpperCase())
        if (!known.success) throw new UsageError(`Famille inconnue « ${v} » : les familles possibles sont ${IMPORT_FAMILIES.join(', ')}.`)
        family = known.data
        break
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Option inconnue : « ${arg} ».`)
        files.push(arg)
    }
  }
  if (files.length !== 2) throw new UsageError(`Il faut exactement deux fichiers à comparer (${files.length} donné${files.length > 1 ? 's' : ''}).`)
  const side = (org: string | null, d: string | null): VersionMeta | null => (org || d ? { organisation: org, date: d } : null)
  return { files: [files[0]!, files[1]!], format, ignoreTypography, foldTypography, output, olderMeta: side(meta.oldOrg, meta.oldDate), newerMeta: side(meta.newOrg, meta.newDate), family }
}

function date(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`Date invalide : « ${v} » (attendu : AAAA-MM-JJ).`)
  return v
}

/** A side of the comparison, or a French message saying why the file cannot be one. */
export type Loaded = { kind: 'texte'; texte: Texte } | { kind: 'fiche'; fiche: Fiche }

export class InputError extends Error {}

export async function load(path: string, io: DiffCommandIo, family?: SourceFamily | undefined): Promise<Loaded> {
  let source: string
  try {
    source = io.readFile ? await io.readFile(path) : await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'fichier introuvable' : code === 'EISDIR' ? "c'est un dossier" : code === 'EACCES' ? 'accès refusé' : (err as Error).message
    throw new InputError(`Impossible de lire « ${path} » : ${why}.`)
  }
  const trimmed = source.replace(/^\uFEFF/, '').trimStart()
  if (looksLikeKali(trimmed)) {
    // KALI JSON: imported, each fiche keeping its article's cid as id, so
    // two versions of a text align fiche by fiche.
    try {
      return { kind: 'texte', texte: importSource(trimmed).texte }
    } catch (err) {
      if (err instanceof ImportError) throw new InputError(`« ${path} » : ${err.message}`)
      throw err
    }
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown
    try {
      value = JSON.parse(trimmed)
    } catch (err) {
      throw new InputError(`« ${path} » n'est pas un JSON valide : ${(err as Error).message}.`)
    }
    const isFiche = typeof value === 'object' && value !== null && !Array.isArray(value) && 'denomination' in value && !('fiches' in value)
    const result = isFiche ? validateFiche(value) : validateTexte(value)
    if (!result.ok) {
      const issues = result.issues.slice(0, 5).map((i) => `  - ${i.path.length > 0 ? `${i.path.join('.')} : ` : ''}${i.message}`)
      const more = result.issues.length > 5 ? `\n  … et ${result.issues.length - 5} autre(s) problème(s).` : ''
      throw new InputError(`« ${path} » n'est pas ${isFiche ? 'une fiche' : 'un texte'} canonique valide :\n${issues.join('\n')}${more}`)
    }
    return isFiche ? { kind: 'fiche', fiche: result.value as Fiche } : { kind: 'texte', texte: result.value as Texte }
  }
  try {
    return { kind: 'texte', texte: importTexte(source, { fileName: basename(path), ...(family ? { family } : {}) }).texte }
  } catch (err) {
    if (err instanceof ImportError) throw new InputError(`« ${path} » : ${err.message}`)
    throw err
  }
}

export function write(stream: NodeJS.WritableStream, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (err) => (err ? reject(err) : resolve()))
  })
}

export const isTty = (s: NodeJS.WritableStream): boolean => (s as { isTTY?: boolean }).isTTY === true

async function render(cs: ChangeSet, format: Format, ansi: boolean, texts: { older: Texte; newer: Texte } | null, foldTypography: boolean): Promise<string | Uint8Array> {
  switch (format) {
    case 'json': return `${JSON.stringify(cs, null, 2)}\n`
    case 'html': return renderInlineHtml(cs, { document: true, title: 'Comparaison de versions', foldTypography })
    case 'table': return renderTableauHtml(cs, { comments: true, foldTypography })
    case 'text': return renderText(cs, { ansi, foldTypography })
    // Two texts: the redline one can accept (accept all = the newer text); two fiches: the fiche redline.
    case 'docx': {
      const { renderDocx, renderRedlineDocx } = await import('./diff-documents.ts')
      return texts ? renderRedlineDocx(cs, texts.older, texts.newer) : renderDocx(cs, { includeUnchanged: true })
    }
    case 'table-docx': return (await import('./diff-documents.ts')).renderTableauDocx(cs, { comments: true, foldTypography })
    case 'grille': return renderGrilleSvg(texts ? grilleRows(texts.newer, texts.older, cs) : [], { title: 'Grille des coefficients' })
    case 'pdf': {
      // Loaded on demand: the PDF module starts chromium, which the other formats never need.
      const { tableauPdf } = await import('../pdf/index.ts')
      try {
        return await tableauPdf(cs)
      } finally {
        const { closePdfBrowser } = await import('../pdf/index.ts')
        await closePdfBrowser()
      }
    }
  }
}

export async function runDiffCommand(args: string[], io: DiffCommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    await write(io.stdout, DIFF_USAGE)
    return 0
  }
  let parsed: Parsed
  try {
    parsed = parse(args)
  } catch (err) {
    if (err instanceof UsageError) {
      await write(io.stderr, `Erreur : ${err.message}\n\n${DIFF_USAGE}`)
      return 2
    }
    throw err
  }
  const binary = parsed.format === 'docx' || parsed.format === 'table-docx' || parsed.format === 'pdf'
  if (binary && parsed.output === null && isTty(io.stdout)) {
    await write(io.stderr, `Erreur : un document ${parsed.format === 'pdf' ? 'PDF' : 'Word'} ne s’affiche pas dans un terminal ; indiquez un fichier avec -o FICHIER.${parsed.format === 'pdf' ? 'pdf' : 'docx'} (ou redirigez la sortie).\n`)
    return 2
  }
  let older: Loaded
  let newer: Loaded
  try {
    older = await load(parsed.files[0], io, parsed.family)
    newer = await load(parsed.files[1], io, parsed.family)
  } catch (err) {
    if (err instanceof InputError) {
      await write(io.stderr, `Erreur : ${err.message}\n`)
      return 2
    }
    throw err
  }
  if (older.kind !== newer.kind) {
    await write(io.stderr, 'Erreur : on compare un texte à un texte, ou une fiche à une fiche ; ici l’un est un texte et l’autre une fiche.\n')
    return 2
  }
  const options: DiffOptions = {
    ignoreTypography: parsed.ignoreTypography,
    olderMeta: parsed.olderMeta,
    newerMeta: parsed.newerMeta,
    includeUnchanged: parsed.format === 'docx' && older.kind === 'fiche',
  }
  const cs = older.kind === 'texte' && newer.kind === 'texte'
    ? diffTextes(older.texte, newer.texte, options)
    : diffFiches((older as { fiche: Fiche }).fiche, (newer as { fiche: Fiche }).fiche, options)
  const ansi = parsed.output === null && isTty(io.stdout)
  const texts = older.kind === 'texte' && newer.kind === 'texte' ? { older: older.texte, newer: newer.texte } : null
  if (parsed.format === 'grille' && !texts) {
    await write(io.stderr, 'Erreur : la grille se dessine pour deux textes, pas pour deux fiches.\n')
    return 2
  }
  let out: string | Uint8Array
  try {
    out = await render(cs, parsed.format, ansi, texts, parsed.foldTypography)
  } catch (err) {
    const { PdfUnavailableError } = await import('../pdf/index.ts')
    if (err instanceof PdfUnavailableError) {
      await write(io.stderr, `Erreur : ${err.message}\n`)
      return 1
    }
    throw err
  }
  if (parsed.output !== null) {
    try {
      await writeFile(parsed.output, out)
    } catch (err) {
      await write(io.stderr, `Erreur : impossible d’écrire « ${parsed.output} » : ${(err as Error).message}.\n`)
      return 1
    }
    await write(io.stderr, `Comparaison écrite dans ${parsed.output} (${cs.summary.modified} fiche(s) modifiée(s), ${cs.summary.added} ajoutée(s), ${cs.summary.removed} supprimée(s)).\n`)
    return 0
  }
  await write(io.stdout, out)
  return 0
}
