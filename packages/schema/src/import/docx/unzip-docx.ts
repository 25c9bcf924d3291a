/**
 * Opens a Word file as hostile input: checks what it is before reading it
 * (an encrypted or Word 97-2003 file is an OLE compound file, not a zip; a
 * macro-enabled one carries `vbaProject.bin`), limits the number of entries
 * and their declared uncompressed sizes (zip bombs), and inflates only the
 * parts the importer reads — the body, the comments — never anything else.
 * Nothing in the file is executed or fetched.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate'
import { ImportError } from '../errors.ts'

export const DOCX_LIMITS = {
  /** Entries in the zip (a real .docx has a few dozen). */
  maxEntries: 2_000,
  /** Declared uncompressed size of one part we read. */
  maxPartBytes: 32 * 1024 * 1024,
  /** Declared uncompressed size of all the entries together. */
  maxTotalBytes: 128 * 1024 * 1024,
  /** Compressed size of the file itself. */
  maxFileBytes: 32 * 1024 * 1024,
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const WANTED = new Set(['word/document.xml', 'word/comments.xml'])

export interface DocxParts {
  document: string
  comments: string | null
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

export function isOle(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b)
}

export function unzipDocx(bytes: Uint8Array): DocxParts {
  if (isOle(bytes)) {
    throw new ImportError(
      'DOCX_ENCRYPTED',
      "Ce fichier Word est protégé par un mot de passe, ou au format Word 97-2003 (.doc) : il ne peut pas être lu. Retirez la protection, ou enregistrez-le au format .docx, puis importez-le à nouveau.",
    )
  }
  if (!isZip(bytes)) throw new ImportError('DOCX_INVALID', "Ce fichier n'est pas un document Word (.docx) lisible : son contenu n'est pas une archive OOXML.")
  if (bytes.length > DOCX_LIMITS.maxFileBytes) {
    throw new ImportError('DOCX_TOO_LARGE', `Document Word trop volumineux (${Math.round(bytes.length / 1048576)} Mo) : ${DOCX_LIMITS.maxFileBytes / 1048576} Mo au plus.`)
  }
  let entries = 0
  let total = 0
  let macros = false
  let tooLarge: string | null = null
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, {
      filter(file: UnzipFileInfo) {
        entries++
        total += file.originalSize
        if (/(^|\/)vbaProject\.bin$/iu.test(file.name) || /\/vbaData\.xml$/iu.test(file.name)) macros = true
        if (!WANTED.has(file.name)) return false
        if (file.originalSize > DOCX_LIMITS.maxPartBytes) {
          tooLarge = file.name
          return false
        }
        return entries <= DOCX_LIMITS.maxEntries && total <= DOCX_LIMITS.maxTotalBytes
      },
    })
  } catch (err) {
    throw new ImportError('DOCX_INVALID', `Document Word endommagé : l'archive ne peut pas être ouverte (${err instanceof Error ? err.message : String(err)}).`)
  }
  if (macros) {
    throw new ImportError('DOCX_MACROS', 'Ce document Word contient des macros (vbaProject.bin) : par sécurité il n\'est pas importé. Enregistrez-le sans macros (.docx) puis importez-le à nouveau.')
  }
  if (entries > DOCX_LIMITS.maxEntries || total > DOCX_LIMITS.maxTotalBytes || tooLarge) {
    throw new ImportError(
      'DOCX_TOO_LARGE',
      `Document Word trop volumineux une fois décompressé (${entries} éléments, ${Math.round(total / 1048576)} Mo annoncés) : ce n'est pas un document ordinaire, il n'est pas importé.`,
    )
  }
  const document = files['word/document.xml']
  if (!document) throw new ImportError('DOCX_INVALID', "Document Word incomplet : il n'a pas de corps de texte (word/document.xml).")
  const decoder = new TextDecoder('utf-8')
  const comments = files['word/comments.xml']
  return { document: decoder.decode(document), comments: comments ? decoder.decode(comments) : null }
}
