/**
 * One live fiche document: the Y.Doc that clients edit, kept in step with the
 * durable update log. It holds two Yjs states:
 *
 * - `live`, exactly what is committed to Postgres: it answers sync step 1,
 *   REST reads and compaction, and every change applied to it is relayed to
 *   the peers except the author (`peer-relay.ts`). So nobody ever sees an
 *   update that a crash could lose. While nobody changes it, it stays
 *   dormant, encoded as one update, and is materialized on demand
 *   (`committed-state.ts`): idle members cost no Y.Doc.
 * - the scratch copy (`scratch-copy.ts`), `live` plus the updates accepted
 *   but not yet committed. Each incoming change is applied there first and
 *   checked (`update-check.ts`); a refused one is never stored nor relayed
 *   (the scratch copy is then rebuilt).
 *
 * Accepted updates wait in the commit queue (`commit-queue.ts`, group
 * commit). Every step that moves `live` — flushes, catch-ups with other
 * instances, compaction (`log-tail.ts`) — runs on one chain per document
 * (`step-chain.ts`), so the last row applied is always known exactly.
 */
import * as Y from 'yjs'
import { CLOSE } from './close-codes.ts'
import { encodeSyncStep2 } from './protocol.ts'
import type { UpdateLog } from './update-log.ts'
import { ScratchCopy } from './scratch-copy.ts'
import { StepChain } from './step-chain.ts'
import { PeerRelay, type DocumentPeer } from './peer-relay.ts'
import { CommitQueue, type QueuedUpdate } from './commit-queue.ts'
import { LogTail } from './log-tail.ts'
import { HeldUpdates, incomplete, refuse as refuseHeld } from './held-updates.ts'
import { checkRoots, checkRules, checkSchema, checkStructure, contentNotRead, hasMissingDependencies, readableJson, rulesReadContent, type FicheYjs, type Refusal } from './update-check.ts'
import type { ChangeFacts, EditorNodeJson, UpdateAuthor, UpdateRule } from './update-rules.ts'
import { AmendmentItems, updateCarriesAmendments } from './amendment-items.ts'
import { applyInOneTransaction, CommittedState } from './committed-state.ts'

export type { DocumentPeer } from './peer-relay.ts'
export type { FicheYjs, Refusal, StructureFault } from './update-check.ts'

export interface DocumentOptions {
  log: UpdateLog
  fiche: FicheYjs
  /** Refuse updates that would make the document larger than this (bytes of Yjs state, approximated). */
  maxDocumentBytes: number
  /** Compact when the tail of the log reaches this many rows. */
  compactEvery: number
  /** Rules every accepted change must pass after the structure check (default none). */
  rules?: readonly UpdateRule[]
  /** Bounds on updates held for their missing dependencies (defaults in `held-updates.ts`). */
  maxHeldBytes?: number
  maxHeldMs?: number
  /** An unused committed state goes back to its encoded form after this long (default in `committed-state.ts`). */
  dormantAfterMs?: number
  /** The scratch copy is freed after this long without a change (default in `scratch-copy.ts`). */
  scratchIdleMs?: number
  onError?: (error: unknown, context: string) => void
}

/** Origin of changes coming from the database (other instances, snapshots). */
const REMOTE = Symbol('remote')

export class LiveDocument {
  private readonly state: CommittedState
  private readonly relay: PeerRelay
  private readonly chain: StepChain
  private readonly commits: CommitQueue
  private readonly tail: LogTail
  private readonly scratch: ScratchCopy
  private readonly held: HeldUpdates
  private readonly captureToken = Symbol('capture')
  /** The amendment items of the scratch copy (while it exists). */
  private amendmentItems: AmendmentItems | null = null
  private captured: Uint8Array[] = []
  /** The types the change under check modified (for the bounded schema check). */
  private changedTypes = new Set<Y.AbstractType<any>>()
  /** Editor JSON of the scratch copy after the last accepted change (the `before` of the next one). */
  private afterJson: EditorNodeJson | null = null
  /** Set when storing failed for good: the document must be dropped. */
  failure: Error | null = null
  onFailure: ((error: Error) => void) | null = null
  private closed = false
  private closing: Promise<void> | null = null

  private constructor(
    readonly ficheId: string,
    private readonly options: DocumentOptions,
    loaded: { snapshot: { state: Uint8Array; seq: number } | null; updates: { seq: number; data: Uint8Array }[] },
  ) {
    const onError = options.onError
    this.scratch = new ScratchCopy(
      () => this.buildScratch(),
      () => {
        this.captured = []
        this.afterJson = null
        this.amendmentItems = null
      },
      options.scratchIdleMs,
    )
    this.relay = new PeerRelay(() => this.state.stateVector())
    this.state = new CommittedState(
      {
        onUpdate: this.relay.relay,
        // Whoever types needs the Y.Doc again at once: sleep only when nothing is on its way to it.
        canSleep: () => !this.scratch.current && this.commits.queued.length === 0,
      },
      options.dormantAfterMs,
    )
    this.held = new HeldUpdates(options.maxHeldBytes, options.maxHeldMs)
    this.chain = new StepChain((error) => onError?.(error, `document ${ficheId}`))
    let opening = true
    this.tail = new LogTail({
      ficheId,
      log: options.log,
      chain: this.chain,
      compactEvery: options.compactEvery,
      applyRemote: (updates) => (opening ? this.state.load(updates) : this.applyRemote(updates)),
      encodeState: () => this.state.encode(),
      toContent: () => options.fiche.toContent(this.live, ficheId),
      queuedBytes: () => this.commits.queuedBytes,
      active: () => !this.closed && !this.failure,
      caughtUp: () => this.retryHeld(),
      onError,
    })
    this.commits = new CommitQueue({
      ficheId,
      log: options.log,
      chain: this.chain,
      lastSeq: () => this.tail.lastSeq,
      committed: (batch, result) => this.applyCommitted(batch, result),
      failed: (error) => this.fail(error),
      onError,
    })
    this.tail.apply(loaded)
    opening = false
    if (this.tail.rows >= options.compactEvery) void this.chain.enqueue(() => this.tail.compact()).catch(() => {})
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

  /** The committed state as a Y.Doc, materialized if it was dormant. */
  get live(): Y.Doc {
    return this.state.live
  }

  /** True while the committed state is kept encoded, with no Y.Doc (for tests and logs). */
  get dormant(): boolean {
    return this.state.dormant
  }

  get sequence(): number {
    return this.tail.lastSeq
  }

  get approximateBytes(): number {
    return this.tail.bytes
  }

  get peers(): ReadonlySet<DocumentPeer> {
    return this.relay.peers
  }

  get awareness() {
    return this.relay.awareness
  }

  // ---------------------------------------------------------------- peers

  addPeer(peer: DocumentPeer): void {
    this.relay.add(peer)
  }

  removePeer(peer: DocumentPeer): void {
    this.relay.remove(peer)
    this.held.dropPeer(peer)
  }

  /** Updates waiting for their dependencies (for tests and logs). */
  get heldCount(): number {
    return this.held.size
  }

  /** The answer to a peer's sync step 1: what the committed state has beyond its state vector. */
  syncStep2For(stateVector: Uint8Array): Uint8Array | null {
    try {
      return encodeSyncStep2(this.state.diff(stateVector))
    } catch {
      return null
    }
  }

  applyAwareness(peer: DocumentPeer, update: Uint8Array): boolean {
    return this.relay.applyAwareness(peer, update)
  }

  awarenessFrame(): Uint8Array {
    return this.relay.awarenessFrame()
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
    if (this.tail.bytes + update.length > this.options.maxDocumentBytes) {
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
    const author = origin?.author ?? null
    const result = this.attempt(origin, (scratch, token) => Y.applyUpdate(scratch, update, token), author, update)
    // A missing dependency is normal in Yjs: the update waits for it (`held-updates.ts`).
    if (result === 'missing') return this.held.hold(update, origin, author)
    if (result === null) this.retryHeld()
    return result
  }

  /** True when `live` already holds every struct and deletion of `update` (false when unsure or unreadable). */
  private containsAlready(update: Uint8Array): boolean {
    try {
      return this.state.contains(update)
    } catch {
      return false
    }
  }

  /**
   * Runs `change` on the scratch copy inside the capture, checks the result
   * and queues what it produced. Used for peers' updates and REST writes
   * (which pass their caller as `author`).
   */
  acceptChange(
    origin: DocumentPeer | null,
    change: (scratch: Y.Doc, token: symbol) => void,
    author: UpdateAuthor | null = origin?.author ?? null,
  ): Refusal | null {
    const result = this.attempt(origin, change, author)
    if (result === 'missing') {
      return incomplete('mise à jour Yjs sans ses dépendances')
    }
    if (result === null) this.retryHeld()
    return result
  }

  /**
   * The checks and the queueing of one change; 'missing' when it needs items
   * not received yet (nothing was kept). `incoming` is the peer's update the
   * change applies, when it is one: what it brings is then known before it
   * is applied (without it, the change is assumed to touch amendments).
   */
  private attempt(
    origin: DocumentPeer | null,
    change: (scratch: Y.Doc, token: symbol) => void,
    author: UpdateAuthor | null,
    incoming?: Uint8Array,
  ): Refusal | null | 'missing' {
    const scratch = this.scratch.obtain()
    const rules = this.options.rules ?? []
    const amendmentsBefore = this.amendmentItems?.count ?? 1
    const facts: ChangeFacts = { author, amendments: amendmentsBefore > 0 || !incoming || updateCarriesAmendments(incoming) }
    // The rules compare before and after: keep `before` only when someone will read it.
    const readContent = rulesReadContent(rules, facts)
    const before = readContent ? (this.afterJson ?? readableJson(this.options.fiche, scratch)) : null
    this.afterJson = null
    this.captured = []
    this.changedTypes.clear()
    try {
      change(scratch, this.captureToken)
    } catch {
      return this.refuse({ code: 'mise_a_jour_illisible', closeCode: CLOSE.protocolError, message: 'mise à jour Yjs illisible' })
    }
    // All or nothing: a change whose dependencies are missing leaves no trace
    // in the scratch copy (the caller may hold it and try it again later).
    if (hasMissingDependencies(scratch)) {
      this.scratch.drop()
      return 'missing'
    }
    const onCheckError = (error: unknown) => this.options.onError?.(error, `contrôle de ${this.ficheId}`)
    const fault =
      checkRoots(scratch, this.options.fiche) ??
      checkStructure(scratch, this.options.fiche, onCheckError) ??
      checkSchema(scratch, this.ficheId, this.changedTypes, this.options.fiche, onCheckError)
    this.changedTypes.clear()
    if (fault) return this.refuse(fault)
    if (!facts.amendments && (this.amendmentItems?.count ?? 1) > 0) {
      // The update brought amendment items its decoding did not show: judge it again, reading everything.
      this.scratch.drop()
      return this.attempt(origin, change, author)
    }
    if (before) {
      let after: EditorNodeJson | null = null
      const refusal = checkRules(rules, {
        ...facts,
        ficheId: this.ficheId,
        before: () => before,
        after: () => (after ??= this.options.fiche.toEditorJson(scratch)),
      })
      if (refusal) return this.refuse(refusal)
      this.afterJson = after
    } else {
      const refusal = checkRules(rules, { ...facts, ficheId: this.ficheId, before: contentNotRead, after: contentNotRead })
      if (refusal) return this.refuse(refusal)
    }
    const produced = this.captured
    this.captured = []
    this.scratch.touch()
    // A change made in several transactions is replayed as it was made (see `QueuedUpdate.apart`).
    const apart = produced.length > 1
    for (const update of produced) {
      this.tail.bytes += update.length
      this.commits.push({ update, origin, author, apart })
    }
    return null
  }

  /** Tries the held updates again after something new entered the scratch copy or the committed state. */
  private retryHeld(): void {
    if (this.held.size === 0 || this.closed || this.failure) return
    for (let progress = true; progress && this.held.size > 0; ) {
      progress = false
      // The scratch copy is `live` plus what is queued: the state a held update must find.
      const scratch = this.scratch.obtain()
      this.scratch.touch()
      const state = Y.decodeStateVector(Y.encodeStateVector(scratch))
      for (const h of this.held.takeReady(state)) {
        const result = this.attempt(h.origin, (scratch, token) => Y.applyUpdate(scratch, h.update, token), h.author)
        if (result === 'missing') this.held.putBack(h)
        else if (result) refuseHeld(h, result)
        else progress = true
      }
    }
  }

  private refuse(refusal: Refusal): Refusal {
    this.scratch.drop()
    return refusal
  }

  /** Resolves once everything accepted so far is committed (and relayed); rejects if storing failed. */
  async committed(): Promise<void> {
    await this.chain.enqueue(async () => {})
    if (this.failure) throw this.failure
  }

  /** Reads what other instances committed after our last row (see `LogTail.catchUp`). */
  catchUp(force = true): Promise<void> {
    return this.tail.catchUp(force)
  }

  /** A NOTIFY for this document. */
  notified(seq: number): void {
    this.tail.notified(seq)
  }

  /** Commits what is pending, compacts if the log has a tail, and frees the document. */
  close(): Promise<void> {
    this.closing ??= this.doClose()
    return this.closing
  }

  /** Folds the tail into the snapshot now (after a REST write, so the table's canonical JSON is fresh). */
  compactNow(): Promise<void> {
    return this.chain.enqueue(() => this.tail.compact())
  }

  private async doClose(): Promise<void> {
    await this.chain.settled
    await this.tail.idle()
    if (!this.failure && this.tail.rows > 0) await this.chain.enqueue(() => this.tail.compact()).catch(() => {})
    this.closed = true
    this.held.clear()
    this.relay.destroy()
    this.scratch.dispose()
    this.state.destroy()
  }

  // -------------------------------------------------------------- internals

  /** A batch is stored: other instances' rows first (ours were committed after them), then ours, which relays them. */
  private applyCommitted(batch: QueuedUpdate[], result: { snapshot: { state: Uint8Array; seq: number } | null; updates: { seq: number; data: Uint8Array }[]; seqs: number[] }): void {
    this.tail.apply(result)
    if (result.updates.length > 0 || result.snapshot) this.retryHeld()
    for (const q of batch) this.state.apply(q.update, q.origin ?? undefined)
    this.tail.lastSeq = Math.max(this.tail.lastSeq, ...result.seqs)
    this.tail.rows += result.seqs.length
    this.tail.committedRows()
  }

  /** Storing failed for good: nothing of the batch was relayed; authors re-send on reconnect. */
  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error))
    this.commits.stop()
    this.scratch.drop()
    this.relay.closeAll(CLOSE.storageFailure, 'stockage_indisponible: enregistrement impossible, reconnectez-vous')
    this.onFailure?.(this.failure)
  }

  /** Committed rows of other instances (or a newer snapshot): to `live`, then to the scratch copy, one transaction each. */
  private applyRemote(updates: readonly Uint8Array[]): void {
    this.state.applyAll(updates, REMOTE)
    const scratch = this.scratch.current
    if (scratch) {
      applyInOneTransaction(scratch, updates, REMOTE)
      this.afterJson = null
    }
  }

  /** A fresh scratch copy: the committed state plus the updates queued for commit. */
  private buildScratch(): Y.Doc {
    const scratch = new Y.Doc()
    // From the encoded form when dormant: a refused update then never wakes the committed state.
    Y.applyUpdate(scratch, this.state.encode())
    for (const q of this.commits.queued) Y.applyUpdate(scratch, q.update)
    this.amendmentItems = new AmendmentItems(scratch)
    scratch.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.captureToken) this.captured.push(update)
    })
    scratch.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === this.captureToken) for (const type of transaction.changed.keys()) this.changedTypes.add(type)
    })
    return scratch
  }
}
