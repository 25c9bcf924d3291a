/**
 * Offline check of a published text (the JSON of `/p/:slug?format=json`)
 * against the server's public key: the seal's Ed25519 signature must be
 * valid, the key must be the one given, and the text, number and label
 * served must be those the seal names. Pure: no database, no network — what
 * `paritaire verify` runs, and what anyone can re-implement from
 * docs/api.md.
 */
import { canonicalJson, contentHash } from './hash.ts'
import { keyIdOf, verifySignature } from './ledger-key.ts'

export interface PublicationCheck { ok: boolean; problems: string[]; statement: Record<string, unknown> | null }

export function verifyPublication(published: unknown, publicKeyPem: string): PublicationCheck {
  const problems: string[] = []
  const doc = (published ?? {}) as { seal?: { statement?: Record<string, unknown>; signature?: unknown }; texte?: unknown; version?: { id?: unknown; number?: unknown; label?: unknown } }
  const statement = doc.seal?.statement
  if (!statement || typeof doc.seal?.signature !== 'string') {
    return { ok: false, problems: ['Le document ne porte pas de sceau de publication.'], statement: null }
  }
  let keyId: string | null = null
  try { keyId = keyIdOf(publicKeyPem) } catch { problems.push('La clé publique fournie est illisible.') }
  if (keyId && statement.keyId !== keyId) problems.push('Le sceau a été signé par une autre clé que celle fournie.')
  if (!verifySignature(publicKeyPem, canonicalJson(statement), doc.seal.signature)) {
    problems.push('La signature du sceau ne correspond pas : le sceau a été modifié ou forgé.')
  }
  if (contentHash(doc.texte) !== statement.contentHash) problems.push('Le texte servi n’est pas celui qui a été publié (empreinte différente).')
  if (doc.version?.id !== statement.versionId) problems.push('La version servie n’est pas celle du sceau.')
  if (doc.version?.number !== statement.number || doc.version?.label !== statement.label) problems.push('Le numéro ou le libellé de la version diffèrent du sceau.')
  return { ok: problems.length === 0, problems, statement }
}
