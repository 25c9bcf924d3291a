/**
 * A strict reader over one WebSocket frame, for the lib0 encoding that the
 * y-websocket protocol uses (unsigned varints, length-prefixed byte arrays and
 * UTF-8 strings). Unlike lib0's decoder it never throws: every read returns
 * either a value or a typed fault, so a hostile frame can only ever produce a
 * protocol error, never an exception in the connection handler.
 */

export type ReadFault =
  | 'varint_truncated'
  | 'varint_too_large'
  | 'length_exceeds_frame'
  | 'invalid_utf8'

export type Read<T> = { ok: true; value: T } | { ok: false; fault: ReadFault }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The longest varint that can hold a safe integer (2^53 needs 8 groups of 7 bits). */
const MAX_VARINT_BYTES = 8

export class ByteReader {
  pos = 0

  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos
  }

  readVarUint(): Read<number> {
    let value = 0
    let mult = 1
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (this.pos >= this.bytes.length) return { ok: false, fault: 'varint_truncated' }
      const byte = this.bytes[this.pos++]!
      value += (byte & 0x7f) * mult
      if (byte < 0x80) {
        if (!Number.isSafeInteger(value)) return { ok: false, fault: 'varint_too_large' }
        return { ok: true, value }
      }
      mult *= 128
    }
    return { ok: false, fault: 'varint_too_large' }
  }

  /** A length-prefixed byte array, as a view into the frame (no copy). */
  readVarBytes(): Read<Uint8Array> {
    const len = this.readVarUint()
    if (!len.ok) return len
    if (len.value > this.remaining) return { ok: false, fault: 'length_exceeds_frame' }
    const value = this.bytes.subarray(this.pos, this.pos + len.value)
    this.pos += len.value
    return { ok: true, value }
  }

  readVarString(): Read<string> {
    const bytes = this.readVarBytes()
    if (!bytes.ok) return bytes
    try {
      return { ok: true, value: utf8.decode(bytes.value) }
    } catch {
      return { ok: false, fault: 'invalid_utf8' }
    }
  }
}
