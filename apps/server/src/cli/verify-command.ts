/**
 * `paritaire verify FICHIER|URL [--key FICHIER|URL]`: checks a published
 * text (the JSON of `/p/:slug?format=json`, saved or fetched) against the
 * server's public key, offline when both are files. The key is a PEM file
 * or the JSON of `GET /api/ledger/key`; for a URL without `--key`, the key
 * of the same server is fetched. Exit 0 when authentic, 1 when not.
 */
import { readFile } from 'node:fs/promises'
import type { CliIo } from './commands.ts'
import { flagValue, parseArgs } from './args.ts'
import { verifyPublication } from '../services/ledger-verify.ts'

const USAGE = 'Utilisation : paritaire verify FICHIER|URL [--key FICHIER|URL]  (texte publié au format JSON ; clé publique PEM ou /api/ledger/key)\n'

const isUrl = (s: string) => /^https?:\/\//.test(s)

async function load(source: string, io: CliIo): Promise<string> {
  if (!isUrl(source)) return io.readFile ? io.readFile(source) : readFile(source, 'utf8')
  const res = await fetch(source, { headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(`${source} a répondu ${res.status}`)
  return res.text()
}

function publicKeyOf(text: string): string {
  const trimmed = text.trim()
  if (trimmed.startsWith('-----BEGIN')) return trimmed
  const parsed = JSON.parse(trimmed) as { publicKey?: unknown }
  if (typeof parsed.publicKey !== 'string') throw new Error('la clé fournie n’est ni un PEM ni la réponse de /api/ledger/key')
  return parsed.publicKey
}

export async function runVerifyCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['key'])
  const [source] = parsed.positionals
  let keySource = flagValue(parsed, 'key')
  if (!source) { io.stderr.write(USAGE); return 2 }
  if (!keySource) {
    if (!isUrl(source)) { io.stderr.write(`Indiquez la clé publique du serveur avec --key.\n${USAGE}`); return 2 }
    keySource = new URL('/api/ledger/key', source).href
  }
  let published: unknown
  const url = isUrl(source) ? new URL(source) : null
  if (url && !url.searchParams.has('format')) url.searchParams.set('format', 'json')
  try {
    published = JSON.parse(await load(url ? url.href : source, io))
  } catch (err) {
    io.stderr.write(`Texte publié illisible : ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
  let key: string
  try {
    key = publicKeyOf(await load(keySource, io))
  } catch (err) {
    io.stderr.write(`Clé publique illisible : ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
  const check = verifyPublication(published, key)
  if (!check.ok) {
    io.stdout.write(`Falsification détectée :\n${check.problems.map((p) => `  - ${p}`).join('\n')}\n`)
    return 1
  }
  const st = check.statement ?? {}
  io.stdout.write(`Texte authentique : version ${String(st.number)} « ${String(st.label)} », publiée le ${String(st.publishedAt)}, `
    + `signée par le serveur (clé ${String(st.keyId)}), tête du registre n° ${String((st.head as { seq?: unknown } | undefined)?.seq)}.\n`)
  return 0
}
