/**
 * The load client of the sync benchmark: one WebSocket, one Y.Doc, speaking
 * either the stock y-websocket protocol (Paritaire, @y/websocket-server) or
 * Hocuspocus's (the same y-protocols messages, each prefixed with the
 * document name, after a token message). The same code drives all three
 * servers, so client overhead is equal. It records, for every update it
 * applies from the server, the delay since its author sent it (authors and
 * readers share one process, so one clock and one `sentAt` table).
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

export type Dialect = 'y-websocket' | 'hocuspocus'

/** When each update was sent, by `${client}:${firstClock}`. */
export const sentAt = new Map<string, number>()
/** The first clocks of each author's updates, in order (servers may merge updates before relaying). */
export const sentClocks = new Map<number, number[]>()

export function clearSent(): void {
  sentAt.clear()
  sentClocks.clear()
}

export interface ClientOptions {
  dialect: Dialect
  /** ws URL of the document (y-websocket: base/room) or of the server (hocuspocus). */
  url: string
  docName: string
  cookie?: string
  /** Called with the latency of each remote update applied. */
  onLatency?: (ms: number, key: string) => void
}

const REMOTE = Symbol('remote')

export class BenchClient {
  doc = new Y.Doc()
  awareness = new awarenessProtocol.Awareness(this.doc)
  /** Set by `goIdle`: the connection stays open, incoming messages are ignored. */
  private idle = false
  ws: WebSocket | null = null
  synced = false
  closed = false
  private syncedWaiters: (() => void)[] = []
  /** Keys of the remote updates applied (for loss accounting). */
  readonly received = new Set<string>()

  constructor(readonly options: ClientOptions) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return
      this.sendSync((e) => syncProtocol.writeUpdate(e, update))
    })
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.options.url, { headers: this.options.cookie ? { cookie: this.options.cookie } : {} })
      ws.binaryType = 'arraybuffer'
      this.ws = ws
      ws.on('open', () => {
        if (this.options.dialect === 'hocuspocus') {
          this.send((e) => {
            encoding.writeVarUint(e, 2)
            encoding.writeVarUint(e, 0)
            encoding.writeVarString(e, 'jeton')
          })
        }
        this.sendSync((e) => syncProtocol.writeSyncStep1(e, this.doc))
        resolve()
      })
      ws.on('message', (data: ArrayBuffer) => this.onMessage(new Uint8Array(data)))
      ws.on('close', () => {
        this.closed = true
      })
      ws.on('error', (err) => {
        if (!this.synced) reject(err)
      })
    })
  }

  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve()
    return new Promise((r) => this.syncedWaiters.push(r))
  }

  setAwareness(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])
    this.send((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, update)
    })
  }

  /** Runs `edit` as one transaction and stamps the update it produces. */
  edit(edit: () => void): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID)
    sentAt.set(`${this.doc.clientID}:${clock}`, performance.now())
    let clocks = sentClocks.get(this.doc.clientID)
    if (!clocks) sentClocks.set(this.doc.clientID, (clocks = []))
    clocks.push(clock)
    this.doc.transact(edit)
  }

  /**
   * Keeps the connection open but frees this side's copy of the document:
   * ten thousand idle connections must not cost the load generator ten
   * thousand documents. Messages from the server are then ignored.
   */
  goIdle(): void {
    this.idle = true
    this.awareness.destroy()
    this.doc.destroy()
    this.doc = new Y.Doc()
    this.awareness = new awarenessProtocol.Awareness(this.doc)
  }

  close(): void {
    this.awareness.destroy()
    this.ws?.terminate()
    this.doc.destroy()
  }

  private send(write: (e: encoding.Encoder) => void): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return
    const e = encoding.createEncoder()
    if (this.options.dialect === 'hocuspocus') encoding.writeVarString(e, this.options.docName)
    write(e)
    this.ws.send(encoding.toUint8Array(e))
  }

  private sendSync(write: (e: encoding.Encoder) => void): void {
    this.send((e) => {
      encoding.writeVarUint(e, 0)
      write(e)
    })
  }

  private onMessage(bytes: Uint8Array): void {
    if (this.idle) return
    const d = decoding.createDecoder(bytes)
    if (this.options.dialect === 'hocuspocus') decoding.readVarString(d)
    const type = decoding.readVarUint(d)
    if (type === 0 || type === 4) {
      const step = decoding.peekVarUint(d)
      if (step !== syncProtocol.messageYjsSyncStep1) this.stamp(bytes, d)
      const reply = encoding.createEncoder()
      syncProtocol.readSyncMessage(d, reply, this.doc, REMOTE)
      if (encoding.length(reply) > 0 && type === 0) this.sendSync((e) => encoding.writeUint8Array(e, encoding.toUint8Array(reply)))
      if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
        this.synced = true
        for (const w of this.syncedWaiters.splice(0)) w()
      }
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), REMOTE)
    }
  }

  /** Latency of the update about to be applied: its first struct's author and clock. */
  private stamp(_bytes: Uint8Array, d: decoding.Decoder): void {
    const peek = decoding.clone(d)
    decoding.readVarUint(peek)
    const update = decoding.readVarUint8Array(peek)
    let meta: { from: Map<number, number>; to: Map<number, number> }
    try {
      meta = Y.parseUpdateMeta(update)
    } catch {
      return
    }
    const now = performance.now()
    for (const [client, from] of meta.from) {
      // Some servers echo an update to its author: that is not fan-out.
      if (client === this.doc.clientID) continue
      const to = meta.to.get(client) ?? from
      // Every update of this author whose first clock lies in [from, to).
      const clocks = sentClocks.get(client)
      if (!clocks) continue
      let lo = 0
      let hi = clocks.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (clocks[mid]! < from) lo = mid + 1
        else hi = mid
      }
      for (let i = lo; i < clocks.length && clocks[i]! < to; i++) {
        const key = `${client}:${clocks[i]}`
        if (this.received.has(key)) continue
        this.received.add(key)
        const t = sentAt.get(key)
        if (t !== undefined) this.options.onLatency?.(now - t, key)
      }
    }
  }
}
