/**
 * `paritaire import FILE [--format json|md|text] [--family A|B|C|D|E]
 * [--section CID] [--idcc N]`: imports a plain-text classification or a
 * KALI JSON text and prints the Texte on stdout — canonical
 * JSON by default (pretty, `fiches` at the top level), or Markdown / plain
 * text — and the import warnings on stderr, in French with their line
 * numbers. Exit code 0 on success (even with warnings), 2 for bad arguments
 * or a file that cannot be imported (missing, empty, binary, unrecognised).
 */
import { readFile } from 'node:fs/promises'
import {
  importSource,
  ImportError,
  IMPORT_FAMILIES,
  importFamilySchema,
  texteToMarkdown,
  texteToPlainText,
  type ImportWarning,
  type ImportFamily as SourceFamily,
} from '@paritaire/schema'

export interface ImportCommandIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  /** Reads a file; by default its bytes (text is decoded as strict UTF-8 by the importer). */
  readFile?: (path: string) => Promise<string | Uint8Array>
}

const FORMATS = ['json', 'md', 'text'] as const
type Format = (typeof FORMATS)[number]

export const IMPORT_USAGE = `Utilisation : paritaire import FICHIER [--format json|md|text] [--family A|B|C|D|E] [--section CID] [--idcc N] [--original]

  Importe un texte de classification — texte brut extrait d'un PDF ou d'un document Word,
  ou JSON KALI (Légifrance, @socialgouv/kali-data) — et l'écrit sur la sortie standard :
  JSON canonique par défaut, Markdown (md) ou texte. Les avertissements (lignes retirées
  ou non classées…) et les choix faits sont écrits sur la sortie d'erreur.
  --family   force la famille du texte au lieu de la détecter (voir docs/import.md)
  --section  KALI : la section à lire (son CID), au lieu de chercher la classification
  --idcc     KALI : l'IDCC de la convention, vérifié contre celui du fichier
  --original Word : écrit le texte sans ses modifications suivies (par défaut : avec)
`

interface ImportArgs {
  file: string
  format: Format
  family: SourceFamily | undefined
  section: string | undefined
  idcc: string | undefined
  original: boolean
}

class UsageError extends Error {}

function parseImportArgs(args: readonly string[]): ImportArgs | 'help' {
  const positionals: string[] = []
  let format: Format = 'json'
  let family: SourceFamily | undefined
  let section: string | undefined
  let idcc: string | undefined
  let original = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg === '--help' || arg === '-h') return 'help'
    if (arg === '--original') {
      original = true
      continue
    }
    const [name, inline] = arg.startsWith('--') ? splitFlag(arg) : [null, null]
    if (name === null) {
      positionals.push(arg)
      continue
    }
    const value = inline ?? args[++i]
    if (value === undefined) throw new UsageError(`L'option --${name} attend une valeur.`)
    if (name === 'format') {
      if (!(FORMATS as readonly string[]).includes(value)) {
        throw new UsageError(`Format inconnu « ${value} » : les formats possibles sont json, md et text.`)
      }
      format = value as Format
    } else if (name === 'family') {
      const parsed = importFamilySchema.safeParse(value.toUpperCase())
      if (!parsed.success) throw new UsageError(`Famille inconnue « ${value} » : les familles possibles sont ${IMPORT_FAMILIES.join(', ')}.`)
      family = parsed.data
    } else if (name === 'section') {
      section = value
    } else if (name === 'idcc') {
      if (!/^\d{1,5}$/u.test(value)) throw new UsageError(`IDCC invalide « ${value} » : un numéro de 1 à 5 chiffres est attendu.`)
      idcc = value
    } else {
      throw new UsageError(`Option inconnue : --${name}.`)
    }
  }
  if (positionals.length === 0) throw new UsageError('Indiquez le fichier à importer.')
  if (positionals.length > 1) throw new UsageError(`Un seul fichier à la fois (reçu : ${positionals.join(', ')}).`)
  return { file: positionals[0] as string, format, family, section, idcc, original }
}

function splitFlag(arg: string): [string, string | null] {
  const eq = arg.indexOf('=')
  return eq > 0 ? [arg.slice(2, eq), arg.slice(eq + 1)] : [arg.slice(2), null]
}

async function readSource(path: string, io: ImportCommandIo): Promise<string | Uint8Array> {
  try {
    if (io.readFile) return await io.readFile(path)
    return new Uint8Array(await readFile(path))
  } catch (err) {
    if (err instanceof ImportError) throw err
    const code = (err as { code?: string }).code
    if (code === 'ENOENT') throw new UsageError(`Fichier introuvable : ${path}`)
    if (code === 'EISDIR') throw new UsageError(`${path} est un dossier, pas un fichier texte.`)
    if (code === 'EACCES') throw new UsageError(`Lecture refusée : ${path} (droits insuffisants).`)
    throw new UsageError(`Impossible de lire ${path} : ${err instanceof Error ? err.message : String(err)}`)
  }
}

export function formatWarning(warning: ImportWarning): string {
  return `avertissement [${warning.code}] ${warning.message}`
}

export async function runImportCommand(args: string[], io: ImportCommandIo): Promise<number> {
  let parsed: ImportArgs | 'help'
  try {
    parsed = parseImportArgs(args)
  } catch (err) {
    io.stderr.write(`Erreur : ${(err as Error).message}\n\n${IMPORT_USAGE}`)
    return 2
  }
  if (parsed === 'help') {
    io.stdout.write(IMPORT_USAGE)
    return 0
  }
  try {
    const source = await readSource(parsed.file, io)
    const result = importSource(source, {
      fileName: parsed.file,
      ...(parsed.family ? { family: parsed.family } : {}),
      ...(parsed.section ? { section: parsed.section } : {}),
      ...(parsed.idcc ? { idcc: parsed.idcc } : {}),
    })
    const { family, format, warnings, notes } = result
    const texte = parsed.original && result.docx?.original ? result.docx.original : result.texte
    const output =
      parsed.format === 'json' ? JSON.stringify(texte, null, 2) : parsed.format === 'md' ? texteToMarkdown(texte) : texteToPlainText(texte)
    io.stdout.write(output.endsWith('\n') ? output : `${output}\n`)
    for (const note of notes) io.stderr.write(`note : ${note}\n`)
    for (const warning of warnings) io.stderr.write(`${formatWarning(warning)}\n`)
    const read = format === 'kali' ? 'KALI' : `famille ${family}`
    io.stderr.write(`${texte.fiches.length} fiche(s) importée(s) de ${parsed.file} (${read}), ${warnings.length} avertissement(s).\n`)
    return 0
  } catch (err) {
    if (err instanceof ImportError) {
      io.stderr.write(`Erreur [${err.code}] : ${err.message} (${parsed.file})\n`)
      return 2
    }
    if (err instanceof UsageError) {
      io.stderr.write(`Erreur : ${err.message}\n`)
      return 2
    }
    throw err
  }
}
