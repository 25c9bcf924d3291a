/** Identifiers: random UUIDs made by the server, stored as text. */
import { randomUUID } from 'node:crypto'

export const newId = (): string => randomUUID()
