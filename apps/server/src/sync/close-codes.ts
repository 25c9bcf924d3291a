/**
 * The WebSocket close codes of `/sync` and their French reasons. A fault of
 * one client closes that socket only, with a code a program can test and a
 * reason a person can read. The reason carries the stable machine code first
 * (`code: texte`); WebSocket limits it to 123 UTF-8 bytes, so it is cut at a
 * character boundary.
 */

export const CLOSE = {
  /** The server is shutting down or the document is being reloaded: reconnect. */
  goingAway: 1001,
  /** Frame larger than the configured limit (sent by `ws` itself). */
  frameTooLarge: 1009,
  /** Malformed frame: bad varint, bad length, unknown type, undecodable update… */
  protocolError: 4400,
  /** The session expired or the membership was withdrawn. */
  unauthorized: 4401,
  /** An update rule (amendments only, locked fiche…) refused the change. */
  refusedByRule: 4403,
  /** The client does not read what it is sent fast enough. */
  tooSlow: 4408,
  /** The update would make the document larger than the configured limit. */
  documentTooLarge: 4413,
  /** The update breaks the structure of the fiche (six sections, in order). */
  invalidStructure: 4422,
  /** The server could not store updates: the client must reconnect and re-send. */
  storageFailure: 4500,
} as const

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE]

const MAX_REASON_BYTES = 123
const encoder = new TextEncoder()

/** `code: message`, cut to what a WebSocket close frame can carry. */
export function closeReason(code: string, message: string): string {
  const full = `${code}: ${message}`
  if (encoder.encode(full).length <= MAX_REASON_BYTES) return full
  let out = ''
  let bytes = 0
  for (const ch of full) {
    const n = encoder.encode(ch).length
    if (bytes + n > MAX_REASON_BYTES - 3) break
    out += ch
    bytes += n
  }
  return `${out}...`
}
