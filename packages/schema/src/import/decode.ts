/**
 * The gate every source passes before parsing: bytes are decoded as strict
 * UTF-8, and text that is empty or looks binary (NUL bytes, mostly control or
 * replacement characters) is refused with an `ImportError`, so that parsers
 * only ever see text worth reading.
 */
import { ImportError } from './errors.ts'

/** Share of suspicious characters above which a text is taken for binary. */
const BINARY_RATIO = 0.1

/**
 * Decodes the bytes of a file as UTF-8 (a leading BOM is dropped).
 * @throws ImportError `INVALID_UTF8` or `BINARY_SOURCE`.
 */
export function decodeSource(bytes: Uint8Array): string {
  if (bytes.includes(0)) {
    throw new ImportError('BINARY_SOURCE', 'Le fichier est binaire (octets nuls) : seul du texte brut (UTF-8) peut être importé.')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ImportError(
      'INVALID_UTF8',
      "Le fichier n'est pas du texte UTF-8 valide : enregistrez-le en texte brut UTF-8 avant de l'importer.",
    )
  }
  assertTextual(text)
  return text
}

/**
 * Refuses a string that is empty or binary-looking. U+FFFD characters in
 * otherwise normal text are accepted: the importer keeps them and warns.
 * @throws ImportError `EMPTY_SOURCE` or `BINARY_SOURCE`.
 */
export function assertTextual(source: string): void {
  if (source.trim().length === 0) {
    throw new ImportError('EMPTY_SOURCE', 'Le fichier est vide : il ne contient aucun texte à importer.')
  }
  if (source.includes('\u0000')) {
    throw new ImportError('BINARY_SOURCE', 'Le fichier est binaire (caractères nuls) : seul du texte brut peut être importé.')
  }
  let suspicious = 0
  let total = 0
  for (const char of source) {
    total++
    const code = char.codePointAt(0) ?? 0
    const control = code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t' && char !== '\f'
    if (control || (code >= 0x7f && code < 0xa0) || char === '\uFFFD') suspicious++
  }
  if (suspicious / total > BINARY_RATIO) {
    throw new ImportError(
      'BINARY_SOURCE',
      "Le fichier ne ressemble pas à du texte (trop de caractères de contrôle ou illisibles) : seul du texte brut peut être importé.",
    )
  }
}
