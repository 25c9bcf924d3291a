/**
 * The commit queue of a live document: accepted updates wait here until one
 * flush writes everything queued as a single append (group commit: what
 * arrives while a flush is in flight goes in the next one). Each append
 * writes one row per author of the batch — that author's updates merged —
 * so who typed what is recorded at the cost of one id pair per row, not per
 * keystroke. A failed append
 * is retried three times over ~1.2 s; after that the batch is dropped —
 * nothing of it was relayed, so the authors re-send it when they reconnect.
 */
import * as Y from 'yjs'
import type { AppendResult, NewUpdate, UpdateLog } from './update-log.ts'
import type { UpdateAuthor } from './update-rules.ts'
import type { DocumentPeer } from './peer-relay.ts'
import type { StepChain } from './step-chain.ts'

export interface QueuedUpdate {
  update: Uint8Array
  /** The peer it came from (not relayed back to it), or null for the server's own changes. */
  origin: DocumentPeer | null
  /** Who sent it, recorded with its row (null for the server's own changes). */
  author: UpdateAuthor | null
  /**
   * Stored as a row of its own, never merged: one step of a change made in
   * several transactions because applying it at once would not work (the
   * level-by-level clearing of a poisoned tree, see `fiche-yjs.ts`).
   */
  apart?: boolean
}

/** The rows of one append: one per author, in the order the authors first appear. */
export function rowsByAuthor(batch: readonly QueuedUpdate[]): NewUpdate[] {
  const groups = new Map<string, { author: UpdateAuthor | null; updates: Uint8Array[] }>()
  for (const [i, q] of batch.entries()) {
    const author = q.author ? `${q.author.userId}\u0000${q.author.organisationId}` : ''
    const key = q.apart ? `apart\u0000${i}` : author
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { author: q.author, updates: [] }))
    group.updates.push(q.update)
  }
  return [...groups.values()].map(({ author, updates }) => ({
    data: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates),
    userId: author?.userId ?? null,
    organisationId: author?.organisationId ?? null,
  }))
}

export interface CommitHost {
  readonly ficheId: string
  readonly log: UpdateLog
  readonly chain: StepChain
  /** The last row applied to the committed state (appends continue from it). */
  lastSeq(): number
  /** The batch is stored: apply it to the committed state (which relays it). */
  committed(batch: QueuedUpdate[], result: AppendResult): void
  /** Storing failed for good. */
  failed(error: unknown): void
  onError?: (error: unknown, context: string) => void
}

const RETRY_DELAYS_MS = [20, 200, 1000]

export class CommitQueue {
  private pending: QueuedUpdate[] = []
  private inflight: QueuedUpdate[] = []
  private flushQueued = false
  private stopped = false

  constructor(private readonly host: CommitHost) {}

  /** Everything accepted and not yet applied to the committed state, in order. */
  get queued(): readonly QueuedUpdate[] {
    return [...this.inflight, ...this.pending]
  }

  get queuedBytes(): number {
    return this.queued.reduce((n, q) => n + q.update.length, 0)
  }

  push(update: QueuedUpdate): void {
    if (this.stopped) return
    this.pending.push(update)
    if (this.flushQueued) return
    this.flushQueued = true
    void this.host.chain.enqueue(() => this.flush()).catch(() => {})
  }

  /** Drops everything queued (after a failure: nothing of it was relayed). */
  stop(): void {
    this.stopped = true
    this.pending = []
    this.inflight = []
  }

  private async flush(): Promise<void> {
    this.flushQueued = false
    if (this.pending.length === 0 || this.stopped) return
    this.inflight = this.pending
    this.pending = []
    let result: AppendResult
    try {
      result = await this.appendWithRetry(rowsByAuthor(this.inflight))
    } catch (error) {
      this.host.failed(error)
      throw error
    }
    const batch = this.inflight
    this.inflight = []
    this.host.committed(batch, result)
  }

  private async appendWithRetry(updates: NewUpdate[]): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.host.log.append(this.host.ficheId, updates, this.host.lastSeq())
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt]
        if (delay === undefined) throw error
        this.host.onError?.(error, `écriture du journal de ${this.host.ficheId}, nouvel essai`)
        await new Promise((r) => setTimeout(r, delay))
      }
    }
  }
}
