/**
 * The live documents of one server instance. A document is loaded when its
 * first user arrives (a WebSocket, or a REST read/write that borrows it) and
 * unloaded — committed, compacted and freed — when the last one leaves. A
 * user arriving while the document is being unloaded waits for the unload to
 * finish and loads it afresh, so there is never more than one copy of a
 * fiche in memory. The manager also routes NOTIFYs from other instances to
 * the document they concern, and resyncs every loaded document after the
 * listener reconnects (notifications may have been missed meanwhile).
 */
import { LiveDocument, type DocumentOptions } from './document.ts'

interface Entry {
  refs: number
  loading: Promise<LiveDocument | null>
  doc: LiveDocument | null
  closing: Promise<void> | null
}

export class DocManager {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly options: DocumentOptions) {}

  /** The loaded document, if any (does not load it). */
  get(ficheId: string): LiveDocument | null {
    return this.entries.get(ficheId)?.doc ?? null
  }

  get loadedCount(): number {
    return this.entries.size
  }

  /** Loads (or shares) the document and takes a reference; null when the fiche does not exist. */
  async acquire(ficheId: string): Promise<LiveDocument | null> {
    for (;;) {
      let entry = this.entries.get(ficheId)
      if (entry?.closing) {
        await entry.closing.catch(() => {})
        continue
      }
      if (!entry) {
        const created: Entry = { refs: 0, loading: LiveDocument.open(ficheId, this.options), doc: null, closing: null }
        entry = created
        this.entries.set(ficheId, created)
        created.loading.then(
          (doc) => {
            created.doc = doc
            if (doc) doc.onFailure = () => this.detach(ficheId, created)
          },
          () => {},
        )
      }
      entry.refs++
      try {
        const doc = await entry.loading
        if (doc && !doc.failure) return doc
        this.releaseEntry(ficheId, entry)
        return null
      } catch (error) {
        this.releaseEntry(ficheId, entry)
        throw error
      }
    }
  }

  /** Gives back a reference taken by `acquire`. */
  release(doc: LiveDocument): void {
    const entry = this.entries.get(doc.ficheId)
    if (!entry || entry.doc !== doc) {
      // Detached after a storage failure: free it once its last peer has gone.
      if (doc.failure && doc.peers.size === 0) void doc.close().catch(() => {})
      return
    }
    this.releaseEntry(doc.ficheId, entry)
  }

  /** Runs `use` with the document loaded, releasing it afterwards. */
  async with<T>(ficheId: string, use: (doc: LiveDocument | null) => Promise<T>): Promise<T> {
    const doc = await this.acquire(ficheId)
    try {
      return await use(doc)
    } finally {
      if (doc) this.release(doc)
    }
  }

  /** A `<ficheId>:<seq>` payload from the sync channel. */
  handleNotification(payload: string): void {
    const cut = payload.lastIndexOf(':')
    if (cut <= 0) return
    const seq = Number(payload.slice(cut + 1))
    if (!Number.isSafeInteger(seq)) return
    this.get(payload.slice(0, cut))?.notified(seq)
  }

  /** After a listener reconnect: read what every loaded document may have missed. */
  async resyncAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.doc?.catchUp(true).catch(() => {})))
  }

  /** Commits and frees every document (server shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.entries.entries()].map(async ([ficheId, entry]) => {
        const doc = await entry.loading.catch(() => null)
        // `close` is idempotent: an unload already under way is simply awaited.
        await doc?.close().catch((error) => this.options.onError?.(error, `fermeture de ${ficheId}`))
        if (this.entries.get(ficheId) === entry) this.entries.delete(ficheId)
      }),
    )
  }

  private releaseEntry(ficheId: string, entry: Entry): void {
    entry.refs--
    if (entry.refs > 0 || entry.closing) return
    entry.closing = (async () => {
      const doc = await entry.loading.catch(() => null)
      await doc?.close().catch((error) => this.options.onError?.(error, `déchargement de ${ficheId}`))
    })().finally(() => {
      if (this.entries.get(ficheId) === entry) this.entries.delete(ficheId)
    })
  }

  /** A failed document leaves the map at once; its peers were closed and will reconnect to a fresh load. */
  private detach(ficheId: string, entry: Entry): void {
    if (this.entries.get(ficheId) === entry) this.entries.delete(ficheId)
  }
}
