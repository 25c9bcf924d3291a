/**
 * Content hashing for the version chain. JSON is serialised canonically
 * (object keys sorted, no whitespace) because jsonb does not keep key order:
 * the hash of a version read back from the database must equal the hash
 * computed when it was written.
 */
import { createHash } from 'node:crypto'

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content))
}

/** sha256(parent chain hash + content hash); the first version of a chain has an empty parent hash. */
export function chainHash(parentChainHash: string | null, ownContentHash: string): string {
  return sha256Hex((parentChainHash ?? '') + ownContentHash)
}
