/**
 * One live fiche document: the Y.Doc that clients edit, kept in step with the
 * durable update log. It holds two Yjs states:
 *
 * - `live`, exactly what is committed to Postgres: it answers sync step 1,
 *   REST reads and compaction, and every change applied to it is relayed to
 *   the peers (except the author). So nobody ever sees an update that a crash
 *   could lose.
 * - `scratch`, `live` plus the updates accepted but not yet committed. Each
 *   incoming update is applied here first and the fiche structure is checked;
 *   an update that throws, breaks the structure or overgrows the document is
 *   refused (the scratch copy is then rebuilt), never stored nor relayed.
 *   It is created on the first real change and freed after a quiet spell;
 *   updates `live` already holds (a provider's sync step 2) skip it.
 *
 * Accepted updates wait in a queue; one flush at a time commits everything
 * queued as a single multi-row insert (group commit: what arrives while a
 * flush is in flight goes in the next one). All steps that move `live` —
 * flushes, catch-ups with other instances, compaction — run one after the
 * other on a per-document chain, so `lastSeq` is always the last row applied.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './protocol.ts'
import { CLOSE, type CloseCode } from './close-codes.ts'
import type { CatchUp, UpdateLog } from './update-log.ts'
import { ScratchCopy } from './scratch-copy.ts'
import type { UpdateRule } from './update-rules.ts' // h11: minimal rules wiring (until the rules hook lands)

/** What the document needs from a connection. */
export interface DocumentPeer {
  send(frame: Uint8Array): void
  close(code: CloseCode, reason: string): void
}

export interface StructureFault {
  code: string
  message: string
}

/** The fiche-specific Yjs operations (from @paritaire/schema), injected so that this file stays generic. */
export interface FicheYjs {
  checkStructure(doc: Y.Doc): StructureFault | null
  /** The root types a fiche document may have (the TipTap fragment). */
  rootNames(): readonly string[]
  /** The first Yjs state of a fiche from its canonical JSON. */
  seedState(content: unknown, ficheId: string): Uint8Array
  /** Canonical JSON of the document, or undefined when it cannot be converted. */
  toContent(doc: Y.Doc, ficheId: string): unknown
}

export interface DocumentOptions {
  log: UpdateLog
  fiche: FicheYjs
  /** Refuse updates that would make the document larger than this (bytes of Yjs state, approximated). */
  maxDocumentBytes: number
  /** Compact when the tail of the log reaches this many rows. */
  compactEvery: number
  onError?: (error: unknown, context: string) => void
  /** h11: rules an update from a member must pass (locked fiches); see `update-rules.ts`. */
  rules?: readonly UpdateRule[]
}

export type Refusal = { code: string; closeCode: CloseCode; message: string }

interface Pending {
  update: Uint8Array
  origin: DocumentPeer | null
}

/** Origin of changes coming from the database (other instances, snapshots). */
const REMOTE = Symbol('remote')

export class LiveDocument {
  readonly live: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<DocumentPeer>()
  /** Awareness client ids each peer controls, removed when it leaves. */
  private readonly peerClients = new Map<DocumentPeer, Set<number>>()
  private readonly scratch = new ScratchCopy(
    () => this.buildScratch(),
    () => {
      this.captured = []
    },
  )
  private readonly captureToken = Symbol('capture')
  private captured: Uint8Array[] = []
  private pending: Pending[] = []
  private inflight: Pending[] = []
  private flushQueued = false
  private catchUpQueued = false
  private forceCatchUp = false
  private announcedSeq = 0
  private chain: Promise<void> = Promise.resolve()
  private lastSeq: number
  private tailRows: number
  private approxBytes: number
  /** Set when storing failed for good: the document must be dropped. */
  failure: Error | null = null
  onFailure: ((error: Error) => void) | null = null
  private closed = false
  private closing: Promise<void> | null = null
  private compacting = false
  private contentWrittenAt = 0

  private constructor(
    readonly ficheId: string,
    private readonly options: DocumentOptions,
    loaded: CatchUp,
  ) {
    this.live = new Y.Doc()
    this.lastSeq = 0
    this.tailRows = 0
    this.approxBytes = 0
    this.applyCatchUp(loaded)
    this.tailRows = loaded.updates.length
    this.live.on('update', (update: Uint8Array, origin: unknown) => this.relay(update, origin))
    this.awareness = new awarenessProtocol.Awareness(this.live)
    // The server has no cursor of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    if (this.tailRows >= options.compactEvery) this.enqueue(() => this.compact())
  }

  /** Loads snapshot + tail (seeding the Yjs state once if the fiche never had one); null if no such fiche. */
  static async open(ficheId: string, options: DocumentOptions): Promise<LiveDocument | null> {
    let loaded = await options.log.load(ficheId)
    if (!loaded) return null
    if (!loaded.snapshot && loaded.updates.length === 0) {
      // Seeded once, in the database: two instances building their own first
      // state would duplicate the whole fiche when their states merge.
      await options.log.seed(ficheId, options.fiche.seedState(loaded.content, ficheId))
      loaded = await options.log.load(ficheId)
      if (!loaded) return null
    }
    return new LiveDocument(ficheId, options, { snapshot: loaded.snapshot, updates: loaded.updates })
  }

  get sequence(): number {
    return this.lastSeq
  }

  get approximateBytes(): number {
    return this.approxBytes
  }

  // ---------------------------------------------------------------- peers

  addPeer(peer: DocumentPeer): void {
    this.peers.add(peer)
    this.peerClients.set(peer, new Set())
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.live)))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])))
    }
  }

  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer)
    const clients = this.peerClients.get(peer)
    this.peerClients.delete(peer)
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null)
  }

  /** The answer to a peer's sync step 1: what the committed state has beyond its state vector. */
  syncStep2For(stateVector: Uint8Array): Uint8Array | null {
    try {
      return encodeSyncStep2(Y.encodeStateAsUpdate(this.live, stateVector))
    } catch {
      return null
    }
  }

  applyAwareness(peer: DocumentPeer, update: Uint8Array): boolean {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer)
      return true
    } catch {
      return false
    }
  }

  awarenessFrame(): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]))
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    const owned = this.peerClients.get(origin as DocumentPeer)
    if (owned) {
      for (const id of change.added) owned.add(id)
      for (const id of change.removed) owned.delete(id)
    }
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const peer of this.peers) peer.send(frame)
  }

  private relay(update: Uint8Array, origin: unknown): void {
    const frame = encodeSyncUpdate(update)
    for (const peer of this.peers) if (peer !== origin) peer.send(frame)
  }

  // -------------------------------------------------------------- updates

  /**
   * Checks an update from a peer on the scratch copy and queues it for
   * commit. Synchronous, so updates of one socket keep their order.
   */
  receiveUpdate(origin: DocumentPeer | null, update: Uint8Array): Refusal | null {
    if (this.failure || this.closed) {
      return { code: 'stockage_indisponible', closeCode: CLOSE.storageFailure, message: 'document indisponible, reconnectez-vous' }
    }
    if (this.approxBytes + update.length > this.options.maxDocumentBytes) {
      return {
        code: 'document_trop_volumineux',
        closeCode: CLOSE.documentTooLarge,
        message: `le document dépasserait ${Math.round(this.options.maxDocumentBytes / 1024)} Ko`,
      }
    }
    // Each provider answers the server's sync step 1 with a step 2 that
    // usually holds nothing new (its whole delete set, no struct). Recognising
    // that on the committed state spares building the scratch copy — a second
    // full Y.Doc — for every idle document.
    if (!this.scratch.current && this.containsAlready(update)) return null
    return this.acceptChange(origin, (scratch) => Y.applyUpdate(scratch, update, this.captureToken))
  }

  /** True when `live` already holds every struct and deletion of `update` (false when unsure or unreadable). */
  private containsAlready(update: Uint8Array): boolean {
    try {
      return Y.snapshotContainsUpdate(Y.snapshot(this.live), update)
    } catch {
      return false
    }
  }

  /**
   * Runs `change` on the scratch copy inside the capture, checks the result
   * and queues what it produced. Used for peers' updates and REST writes.
   */
  acceptChange(origin: DocumentPeer | null, change: (scratch: Y.Doc, token: symbol) => void): Refusal | null {
    const scratch = this.scratch.obtain()
    this.captured = []
    try {
      change(scratch, this.captureToken)
    } catch {
      this.scratch.drop()
      return { code: 'mise_a_jour_illisible', closeCode: CLOSE.protocolError, message: 'mise à jour Yjs illisible' }
    }
    // Garbage can decode as structs whose dependencies never come (they would
    // sit in the scratch copy forever) or as new root types outside the fiche.
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
      this.scratch.drop()
      return { code: 'mise_a_jour_incomplete', closeCode: CLOSE.protocolError, message: 'mise à jour Yjs sans ses dépendances' }
    }
    const roots = this.options.fiche.rootNames()
    for (const name of scratch.share.keys()) {
      if (!roots.includes(name)) {
        this.scratch.drop()
        return { code: 'type_racine_inconnu', closeCode: CLOSE.protocolError, message: 'type Yjs inconnu à la racine du document' }
      }
    }
    let fault: StructureFault | null
    try {
      fault = this.options.fiche.checkStructure(scratch)
    } catch (error) {
      this.scratch.drop()
      this.options.onError?.(error, `contrôle de structure de ${this.ficheId}`)
      return { code: 'controle_indisponible', closeCode: CLOSE.storageFailure, message: 'contrôle de la fiche impossible' }
    }
    if (fault) {
      this.scratch.drop()
      return { code: 'structure_invalide', closeCode: CLOSE.invalidStructure, message: fault.message }
    }
    // h11 (begin): minimal rules wiring — the lead replaces it with the rules hook on merge.
    // Only an update that changes something is judged (a provider's sync step 2 often holds nothing new).
    if (this.captured.length > 0) {
      const info = (origin as { info?: { userId: string; organisationId: string; role: 'chair' | 'editor' | 'commenter' | 'viewer' } } | null)?.info
      const unavailable = (): never => { throw new Error('contenu éditeur non fourni par ce câblage minimal') }
      for (const rule of this.options.rules ?? []) {
        const refusal = rule({ ficheId: this.ficheId, author: info ? { userId: info.userId, organisationId: info.organisationId, role: info.role } : null, before: unavailable, after: unavailable })
        if (refusal) {
          this.scratch.drop()
          return { code: refusal.code, closeCode: CLOSE.invalidStructure, message: refusal.message }
        }
      }
    }
    // h11 (end)
    const produced = this.captured
    this.captured = []
    this.scratch.touch()
    for (const update of produced) {
      this.approxBytes += update.length
      this.pending.push({ update, origin })
    }
    if (produced.length > 0) this.scheduleFlush()
    return null
  }

  /** Resolves once everything accepted so far is committed (and relayed); rejects if storing failed. */
  async committed(): Promise<void> {
    await this.enqueue(async () => {})
    if (this.failure) throw this.failure
  }

  /**
   * Reads what other instances committed after our last row. Without
   * `force`, only if a NOTIFY announced a row we have not applied by the time
   * the step runs (our own commits are announced too, and need no read).
   */
  catchUp(force = true): Promise<void> {
    if (force) this.forceCatchUp = true
    if (this.catchUpQueued) return this.chain
    this.catchUpQueued = true
    return this.enqueue(async () => {
      this.catchUpQueued = false
      const needed = this.forceCatchUp || this.announcedSeq > this.lastSeq
      this.forceCatchUp = false
      if (!needed || this.closed) return
      const rows = await this.options.log.readSince(this.ficheId, this.lastSeq)
      this.applyCatchUp(rows)
      this.tailRows += rows.updates.length
    })
  }

  /** A NOTIFY for this document. */
  notified(seq: number): void {
    if (seq <= this.announcedSeq) return
    this.announcedSeq = seq
    if (seq > this.lastSeq && !this.closed) void this.catchUp(false).catch(() => {})
  }

  /** Commits what is pending, compacts if the log has a tail, and frees the document. */
  close(): Promise<void> {
    this.closing ??= this.doClose()
    return this.closing
  }

  /** Folds the tail into the snapshot now (after a REST write, so the table's canonical JSON is fresh). */
  compactNow(): Promise<void> {
    return this.enqueue(() => this.compact())
  }

  /** Same, only when the log has rows the snapshot lacks (before a version reads the table's Yjs state). */
  compactIfTail(): Promise<void> {
    return this.enqueue(async () => {
      if (this.tailRows > 0) await this.compact()
    })
  }

  private async doClose(): Promise<void> {
    await this.chain
    while (this.compacting) await new Promise((r) => setTimeout(r, 5))
    if (!this.failure && this.tailRows > 0) await this.enqueue(() => this.compact()).catch(() => {})
    this.closed = true
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.scratch.dispose()
    this.live.destroy()
  }

  // -------------------------------------------------------------- internals

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step)
    this.chain = run.catch((error) => this.options.onError?.(error, `document ${this.ficheId}`))
    return run
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return
    this.flushQueued = true
    void this.enqueue(() => this.flush()).catch(() => {})
  }

  private async flush(): Promise<void> {
    this.flushQueued = false
    if (this.pending.length === 0 || this.failure) return
    this.inflight = this.pending
    this.pending = []
    let result
    try {
      result = await this.appendWithRetry(this.inflight.map((p) => p.update))
    } catch (error) {
      this.fail(error)
      throw error
    }
    // Other instances' rows first: ours were committed after them.
    this.applyCatchUp(result)
    for (const p of this.inflight) Y.applyUpdate(this.live, p.update, p.origin ?? undefined)
    this.lastSeq = Math.max(this.lastSeq, ...result.seqs)
    this.tailRows += this.inflight.length + result.updates.length
    this.inflight = []
    if (this.tailRows >= this.options.compactEvery) this.compactInBackground()
  }

  private async appendWithRetry(updates: Uint8Array[]) {
    const delays = [20, 200, 1000]
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.options.log.append(this.ficheId, updates, this.lastSeq)
      } catch (error) {
        const delay = delays[attempt]
        if (delay === undefined) throw error
        this.options.onError?.(error, `écriture du journal de ${this.ficheId}, nouvel essai`)
        await new Promise((r) => setTimeout(r, delay))
      }
    }
  }

  /** Storing failed for good: nothing of the batch was relayed; authors re-send on reconnect. */
  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error))
    this.pending = []
    this.inflight = []
    this.scratch.drop()
    for (const peer of [...this.peers]) peer.close(CLOSE.storageFailure, 'stockage_indisponible: enregistrement impossible, reconnectez-vous')
    this.onFailure?.(this.failure)
  }

  private applyCatchUp(rows: CatchUp): void {
    if (rows.snapshot && rows.snapshot.seq >= this.lastSeq) {
      this.applyRemote(rows.snapshot.state)
      this.lastSeq = rows.snapshot.seq
      this.approxBytes = rows.snapshot.state.length
    }
    for (const row of rows.updates) {
      if (row.seq <= this.lastSeq) continue
      this.applyRemote(row.data)
      this.lastSeq = row.seq
      this.approxBytes += row.data.length
    }
  }

  private applyRemote(update: Uint8Array): void {
    Y.applyUpdate(this.live, update, REMOTE)
    const scratch = this.scratch.current
    if (scratch) Y.applyUpdate(scratch, update, REMOTE)
  }

  /**
   * Folds the log into the snapshot. The state is taken synchronously (so it
   * is exactly the rows up to `lastSeq`); `withContent` also refreshes the
   * table's canonical JSON, which costs a full conversion of the fiche.
   */
  private async compact(withContent = true): Promise<void> {
    if (this.closed || this.failure) return
    const state = Y.encodeStateAsUpdate(this.live)
    const seq = this.lastSeq
    const folded = this.tailRows
    const content = withContent ? this.options.fiche.toContent(this.live, this.ficheId) : undefined
    if (withContent) this.contentWrittenAt = Date.now()
    await this.options.log.compact(this.ficheId, state, seq, content)
    this.tailRows = Math.max(0, this.tailRows - folded)
    this.approxBytes = state.length + [...this.pending, ...this.inflight].reduce((n, p) => n + p.update.length, 0)
  }

  /**
   * Compaction during editing runs beside the flushes, not in their chain:
   * the database serialises it with appends through the fiche row lock, and
   * typists do not wait for it. The canonical JSON is refreshed at most every
   * 30 s on this path (every unload and REST call refreshes it anyway).
   */
  private compactInBackground(): void {
    if (this.compacting) return
    this.compacting = true
    const withContent = Date.now() - this.contentWrittenAt > 30_000
    void this.compact(withContent)
      .catch((error) => this.options.onError?.(error, `compactage de ${this.ficheId}`))
      .finally(() => {
        this.compacting = false
      })
  }

  /** A fresh scratch copy: the committed state plus the updates queued for commit. */
  private buildScratch(): Y.Doc {
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.live))
    for (const p of [...this.inflight, ...this.pending]) Y.applyUpdate(scratch, p.update)
    scratch.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.captureToken) this.captured.push(update)
    })
    return scratch
  }
}
