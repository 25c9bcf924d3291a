/**
 * Value encoders shared by the repositories. jsonb and bytea go through an
 * explicit text cast so that postgres.js and PGlite receive the same plain
 * string parameter and neither driver re-serialises it its own way.
 */
import { sql, type RawBuilder } from 'kysely'

/** A jsonb value from any JSON-serialisable JS value. */
export function jsonb(value: unknown): RawBuilder<unknown> {
  return sql`cast(cast(${JSON.stringify(value)} as text) as jsonb)`
}

/** A bytea value from bytes (sent as base64 text, decoded by the database). */
export function bytea(bytes: Uint8Array): RawBuilder<Uint8Array> {
  return sql<Uint8Array>`decode(cast(${Buffer.from(bytes).toString('base64')} as text), 'base64')`
}

/** Drivers return Buffer (postgres.js) or Uint8Array (PGlite): normalise to a plain Uint8Array. */
export function toBytes(value: Uint8Array | null): Uint8Array | null {
  if (value === null) return null
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
}
