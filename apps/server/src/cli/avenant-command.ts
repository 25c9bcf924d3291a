/**
 * `paritaire avenant ANCIEN NOUVEAU [--format text|docx|pdf|json|texte]
 * [-o FICHIER] [--numero N] [--date AAAA-MM-JJ] [--accord-date …]
 * [--lieu VILLE] [--employeurs "A,B"] [--salaries "C,D"] [--annexe]`:
 * drafts the avenant from the text in force (ANCIEN) to the agreed text
 * (NOUVEAU), read as `paritaire diff` reads them. Exit codes as `diff`: 2
 * for usage or unreadable input, 1 when the output cannot be written.
 */
import { writeFile } from 'node:fs/promises'
import {
  avenantToTexte, diffTextes, draftAvenantFrom, renderAvenantDocx, renderAvenantText, type Avenant, type AvenantOptions,
} from '@paritaire/diff'
import { InputError, UsageError, isTty, load, write, type DiffCommandIo } from './diff-command.ts'

const FORMATS = ['text', 'docx', 'pdf', 'json', 'texte'] as const
type Format = (typeof FORMATS)[number]

export const AVENANT_USAGE = `Utilisation : paritaire avenant ANCIEN NOUVEAU [options]

  ANCIEN                 texte en vigueur ; NOUVEAU : texte convenu (JSON canonique ou texte importable)
  --format FORMAT        text (défaut), docx (Word), pdf, json (structure), texte (texte Paritaire)
  -o, --output FICHIER   écrit l'avenant dans FICHIER (obligatoire pour docx et pdf vers un terminal)
  --numero N             numéro de l'avenant
  --date AAAA-MM-JJ      date de l'avenant
  --accord-date DATE     date de l'accord modifié (lue dans le titre du texte en vigueur sinon)
  --lieu VILLE           lieu de signature (« Fait à … »)
  --employeurs "A,B"     organisations d'employeurs signataires
  --salaries "C,D"       syndicats de salariés signataires
  --annexe               joint le tableau comparatif en annexe (pdf)
`

interface Parsed {
  files: [string, string]
  format: Format
  output: string | null
  annexe: boolean
  options: AvenantOptions
}

function parse(args: readonly string[]): Parsed {
  const files: string[] = []
  let format: Format = 'text'
  let output: string | null = null
  let annexe = false
  const options: AvenantOptions = { parties: { employeurs: [], salaries: [] } }
  const list = (v: string): string[] => v.split(',').map((x) => x.trim()).filter(Boolean)
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
      case '-o': case '--output': output = value(); break
      case '--numero': options.numero = value(); break
      case '--date': {
        const v = value()
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`Date invalide : « ${v} » (attendu : AAAA-MM-JJ).`)
        options.date = v
        break
      }
      case '--accord-date': options.accordDate = value(); break
      case '--lieu': options.lieu = value(); break
      case '--employeurs': options.parties!.employeurs = list(value()); break
      case '--salaries': options.parties!.salaries = list(value()); break
      case '--annexe': annexe = true; break
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Option inconnue : « ${arg} ».`)
        files.push(arg)
    }
  }
  if (files.length !== 2) throw new UsageError(`Il faut deux textes : le texte en vigueur et le texte convenu (${files.length} donné${files.length > 1 ? 's' : ''}).`)
  return { files: [files[0]!, files[1]!], format, output, annexe, options }
}

async function render(av: Avenant, format: Format, annex: () => ReturnType<typeof diffTextes> | null): Promise<string | Uint8Array> {
  switch (format) {
    case 'text': return renderAvenantText(av)
    case 'json': return `${JSON.stringify(av, null, 2)}\n`
    case 'texte': return `${JSON.stringify(avenantToTexte(av), null, 2)}\n`
    case 'docx': return renderAvenantDocx(av)
    case 'pdf': {
      const { avenantPdf, closePdfBrowser } = await import('../pdf/index.ts')
      try {
        return await avenantPdf(av, annex())
      } finally {
        await closePdfBrowser()
      }
    }
  }
}

export async function runAvenantCommand(args: string[], io: DiffCommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    await write(io.stdout, AVENANT_USAGE)
    return 0
  }
  let parsed: Parsed
  try {
    parsed = parse(args)
  } catch (err) {
    if (err instanceof UsageError) {
      await write(io.stderr, `Erreur : ${err.message}\n\n${AVENANT_USAGE}`)
      return 2
    }
    throw err
  }
  if ((parsed.format === 'docx' || parsed.format === 'pdf') && parsed.output === null && isTty(io.stdout)) {
    await write(io.stderr, `Erreur : un document ${parsed.format === 'pdf' ? 'PDF' : 'Word'} ne s’affiche pas dans un terminal ; indiquez un fichier avec -o FICHIER.${parsed.format}.\n`)
    return 2
  }
  let older
  let newer
  try {
    older = await load(parsed.files[0], io)
    newer = await load(parsed.files[1], io)
  } catch (err) {
    if (err instanceof InputError) {
      await write(io.stderr, `Erreur : ${err.message}\n`)
      return 2
    }
    throw err
  }
  if (older.kind !== 'texte' || newer.kind !== 'texte') {
    await write(io.stderr, 'Erreur : un avenant se rédige entre deux textes (le texte en vigueur et le texte convenu), pas entre deux fiches.\n')
    return 2
  }
  const cs = diffTextes(older.texte, newer.texte)
  const av = draftAvenantFrom(cs, older.texte, newer.texte, parsed.options)
  let out: string | Uint8Array
  try {
    out = await render(av, parsed.format, () => (parsed.annexe ? diffTextes(older.texte, newer.texte, { ignoreTypography: true }) : null))
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
    const changes = av.articles.filter((a) => a.kind !== 'final').length
    await write(io.stderr, `Avenant écrit dans ${parsed.output} (${changes} article${changes > 1 ? 's' : ''} de modification, ${av.articles.length - changes} de clôture).\n`)
    return 0
  }
  await write(io.stdout, out)
  return 0
}
