/**
 * Live thread changes: an in-process bus per server, fed by this instance's
 * own changes at once and by other instances' through Postgres NOTIFY on its
 * own channel `paritaire_threads` (payload `<instance>:<ficheId>:<threadId>`
 * — ids only, never a body: a NOTIFY is seen by every listener of the
 * database, and private notes must not travel there). Subscribers get
 * "thread T of fiche F changed" and re-read it with their own visibility
 * (see the SSE route), so the bus itself never decides who sees what.
 */
import { randomUUID } from 'node:crypto'
import type { AppContext } from '../context.ts'

export const THREADS_CHANNEL = 'paritaire_threads'

export interface ThreadChange {
  ficheId: string
  threadId: string
}

type Listener = (change: ThreadChange) => void

export class ThreadEventBus {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly streams = new Set<() => void>()
  readonly instance = randomUUID()

  /** Registers an open stream's end function, called at shutdown; returns the unregister function. */
  track(end: () => void): () => void {
    this.streams.add(end)
    return () => this.streams.delete(end)
  }

  /** Ends every open stream (server shutdown: a stream would otherwise hold the HTTP server open). */
  endAll(): void {
    for (const end of [...this.streams]) end()
  }

  /** Calls `listener` for every change to a thread of `ficheId`; returns the unsubscribe function. */
  subscribe(ficheId: string, listener: Listener): () => void {
    let set = this.listeners.get(ficheId)
    if (!set) this.listeners.set(ficheId, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(ficheId) === set) this.listeners.delete(ficheId)
    }
  }

  emit(change: ThreadChange): void {
    for (const listener of [...(this.listeners.get(change.ficheId) ?? [])]) {
      try { listener(change) } catch { /* one broken stream must not stop the others */ }
    }
  }

  /** A NOTIFY payload; our own are ignored (already emitted locally). */
  handleNotification(payload: string): void {
    const [instance, ficheId, threadId] = payload.split(':')
    if (!instance || !ficheId || !threadId || instance === this.instance) return
    this.emit({ ficheId, threadId })
  }
}

const buses = new WeakMap<AppContext, Promise<ThreadEventBus>>()

/** The bus of this server, listening on the channel from its first use until the server closes. */
export function threadEvents(ctx: AppContext): Promise<ThreadEventBus> {
  let bus = buses.get(ctx)
  if (!bus) {
    bus = (async () => {
      const created = new ThreadEventBus()
      const unlisten = await ctx.database.listen(THREADS_CHANNEL, (payload) => created.handleNotification(payload))
      ctx.onClose.unshift(async () => {
        created.endAll()
        await unlisten().catch(() => {})
      })
      return created
    })()
    buses.set(ctx, bus)
    bus.catch(() => buses.delete(ctx))
  }
  return bus
}

/** Tells this instance's streams at once, and the other instances through NOTIFY. */
export async function publishThreadChange(ctx: AppContext, change: ThreadChange): Promise<void> {
  const bus = await threadEvents(ctx)
  bus.emit(change)
  await ctx.database.notify(THREADS_CHANNEL, `${bus.instance}:${change.ficheId}:${change.threadId}`).catch((error) => {
    console.error(`paritaire fils de discussion : notification perdue (${(error as Error).message})`)
  })
}
